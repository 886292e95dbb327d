// Issue 5's journey: a lead writes and approves a playbook; a responder works it on a phishing
// incident; a later edit of the playbook leaves the incident's checklist as it was applied.
import { expect, test, type Page } from '@playwright/test';
import { openFreshApp } from '../../support/firebreakPage';

const playbookName = 'Reported phishing (team procedure)';
const confirmStep = 'Confirm the reported email is malicious';
const blockStep = 'Block the sender domain';
const resetStep = 'Reset passwords of people who clicked';
const question = 'Did anyone click the link?';

async function addActionStep(page: Page, position: number, phase: string, title: string) {
  await page.getByRole('button', { name: 'Add step', exact: true }).click();
  const step = page.getByRole('group', { name: `Step ${position}`, exact: true });
  await step.getByLabel('Phase').selectOption({ label: phase });
  await step.getByLabel('Title').fill(title);
}

async function switchRole(page: Page, roleValue: string) {
  await page.getByRole('link', { name: 'Settings' }).click();
  await page.getByLabel('Role').selectOption(roleValue);
  await page.getByRole('button', { name: 'Save profile' }).click();
}

test('a lead approves a playbook, a responder works it on a phishing incident, and later edits leave the incident alone', async ({ page }) => {
  await openFreshApp(page, 'Lee Lead', 'lead');

  // The lead writes the playbook: two phases, three steps and a question.
  await page.getByRole('link', { name: 'Playbooks' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Playbooks' })).toBeVisible();
  await page.getByRole('button', { name: 'New playbook' }).click();
  await page.getByLabel('Name', { exact: true }).fill(playbookName);
  await page.getByLabel('Summary').fill('What our team does when someone reports a phishing email.');
  await page.getByRole('checkbox', { name: 'Security', exact: true }).check();
  await page.getByRole('checkbox', { name: 'Phishing', exact: true }).check();

  await addActionStep(page, 1, 'Detection and analysis', confirmStep);
  await page.getByRole('button', { name: 'Add question' }).click();
  const decision = page.getByRole('group', { name: 'Question 2', exact: true });
  await decision.getByLabel('Phase').selectOption({ label: 'Detection and analysis' });
  await decision.getByLabel('Question', { exact: true }).fill(question);
  await decision.getByLabel('Answer 1', { exact: true }).fill('Yes');
  await decision.getByLabel('Answer 2', { exact: true }).fill('No');
  await addActionStep(page, 3, 'Containment', blockStep);
  await addActionStep(page, 4, 'Containment', resetStep);
  // Only the "Yes" answer adds the password reset.
  await decision.getByRole('checkbox', { name: `Adds: ${resetStep}` }).first().check();
  await page.getByRole('button', { name: 'Save draft' }).click();

  await expect(page.getByRole('heading', { level: 1, name: playbookName })).toBeVisible();
  await page.getByRole('button', { name: 'Approve', exact: true }).click();
  // Approved: the button is gone and the version is offered for editing as a new draft.
  await expect(page.getByRole('button', { name: 'Approve', exact: true })).toHaveCount(0);
  await expect(page.getByRole('button', { name: 'Edit as new draft' })).toBeVisible();

  // The same person now works as a responder.
  await switchRole(page, 'responder');
  await page.getByRole('link', { name: 'Incidents' }).click();
  await page.getByRole('button', { name: 'New incident' }).click();
  const newIncident = page.getByRole('dialog', { name: 'New incident' });
  await newIncident.getByLabel('Title', { exact: true }).fill('Invoice email with a credential-harvesting link');
  await newIncident.getByLabel('Kind').selectOption('security');
  await newIncident.getByLabel('Category').selectOption('phishing');
  await newIncident.getByRole('button', { name: 'Create incident' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Invoice email with a credential-harvesting link' })).toBeVisible();

  const playbooks = page.getByRole('region', { name: 'Playbooks' });
  await playbooks.getByRole('button', { name: `Apply ${playbookName}` }).click();
  await expect(playbooks.getByRole('heading', { name: `${playbookName} (version 1)` })).toBeVisible();
  // The password reset waits for its answer.
  await expect(playbooks.getByText(resetStep)).toHaveCount(0);

  await playbooks.getByRole('checkbox', { name: confirmStep }).click();
  await expect(playbooks.getByRole('checkbox', { name: confirmStep })).toBeChecked();

  await playbooks.getByRole('button', { name: `Skip ${blockStep}` }).click();
  const skipDialog = page.getByRole('dialog', { name: 'Skip step' });
  await skipDialog.getByRole('button', { name: 'Skip step' }).click();
  await expect(skipDialog.getByText(/reason/i).first()).toBeVisible();
  await skipDialog.getByLabel('Reason').fill('The mail gateway already blocks this domain');
  await skipDialog.getByRole('button', { name: 'Skip step' }).click();
  await expect(skipDialog).toBeHidden();
  await expect(playbooks.getByText('The mail gateway already blocks this domain')).toBeVisible();

  await playbooks.getByRole('group', { name: question }).getByRole('button', { name: 'Yes', exact: true }).click();
  await expect(playbooks.getByRole('checkbox', { name: resetStep })).toBeVisible();

  const timeline = page.getByRole('list', { name: 'Timeline entries' });
  await expect(timeline.getByText(confirmStep).first()).toBeVisible();
  await expect(timeline.getByText(/The mail gateway already blocks this domain/)).toBeVisible();
  await expect(timeline.getByText(new RegExp(`${question}.*Yes`)).first()).toBeVisible();

  // A lead edits the playbook afterwards; the incident keeps the version it used.
  await switchRole(page, 'lead');
  await page.getByRole('link', { name: 'Playbooks' }).click();
  await page.getByRole('link', { name: playbookName }).click();
  await page.getByRole('button', { name: 'Edit as new draft' }).click();
  await page.getByRole('group', { name: 'Step 3', exact: true }).getByLabel('Title').fill('Block the sender domain at the mail gateway');
  await page.getByRole('button', { name: 'Save draft' }).click();
  await expect(page.getByText('Version 2', { exact: true })).toBeVisible();
  await page.getByRole('button', { name: 'Approve', exact: true }).click();
  // Approved: the button is gone and the version is offered for editing as a new draft.
  await expect(page.getByRole('button', { name: 'Approve', exact: true })).toHaveCount(0);
  await expect(page.getByRole('button', { name: 'Edit as new draft' })).toBeVisible();

  await page.getByRole('link', { name: 'Incidents' }).click();
  await page.getByRole('link', { name: /Invoice email with a credential-harvesting link/ }).first().click();
  await expect(playbooks.getByRole('heading', { name: `${playbookName} (version 1)` })).toBeVisible();
  await expect(playbooks.getByText(blockStep, { exact: true })).toBeVisible();
  await expect(playbooks.getByText('Block the sender domain at the mail gateway')).toHaveCount(0);
});
