// A responder works the starter Phishing playbook on a phishing incident: it is suggested without
// anyone opening the library, applies in one click, and each step done, skipped (with a reason) or
// answered moves the progress and writes its timeline entry. The checklist is not in Tasks.
import { expect, test, type Page } from '@playwright/test';
import { openFreshApp } from '../../support/firebreakPage';

async function createPhishingIncident(page: Page, title: string): Promise<void> {
  await page.getByRole('button', { name: 'New incident' }).click();
  const dialog = page.getByRole('dialog', { name: 'New incident' });
  await dialog.getByLabel('Title', { exact: true }).fill(title);
  await dialog.getByLabel('Kind').selectOption('security');
  await dialog.getByLabel('Category').selectOption('phishing');
  await dialog.getByRole('button', { name: 'Create incident' }).click();
  await expect(dialog).toBeHidden();
  await expect(page.getByRole('heading', { level: 1, name: title })).toBeVisible();
}

test('a responder applies the suggested phishing playbook, completes, skips and answers steps, and the timeline records each', async ({ page }) => {
  await openFreshApp(page);
  await createPhishingIncident(page, 'Invoice email with a credential-harvesting link');

  const playbooks = page.getByRole('region', { name: 'Playbooks' });
  await expect(playbooks.getByRole('heading', { name: 'Suggested playbooks' })).toBeVisible();
  const suggestions = playbooks.getByRole('list', { name: 'Suggested playbooks' });
  await expect(suggestions.getByRole('listitem').first()).toContainText('Phishing');
  await expect(suggestions.getByRole('listitem').first()).toContainText('version 1');
  await expect(suggestions.getByRole('listitem').first()).toContainText('Made for phishing');
  await playbooks.getByRole('button', { name: 'Apply Phishing', exact: true }).click();

  const checklist = playbooks.getByRole('region', { name: 'Phishing (version 1)' });
  await expect(checklist.getByRole('progressbar', { name: 'Phishing progress' })).toBeVisible();
  await expect(checklist.getByText('0 of 13 steps done', { exact: true })).toBeVisible();
  await expect(checklist.getByRole('heading', { name: /^Detection and analysis/ })).toBeVisible();
  // Playbook steps are worked here, not as plain tasks.
  const tasks = page.getByRole('region', { name: /^Tasks/ });
  await expect(tasks.getByText('playbook steps are listed under Playbooks', { exact: false })).toBeVisible();
  await expect(tasks.getByRole('checkbox')).toHaveCount(0);

  // Instructions are a disclosure, shown as plain text.
  const instructionsButton = checklist.getByRole('button', { name: 'Show instructions for Get the reported message with its full headers' });
  await expect(instructionsButton).toHaveAttribute('aria-expanded', 'false');
  await instructionsButton.click();
  await expect(instructionsButton).toHaveAttribute('aria-expanded', 'true');
  await expect(checklist.getByText('forward the message **as an attachment**', { exact: false })).toBeVisible();

  // Completing a step is ticking it, here from the keyboard; it stays done.
  const getMessage = checklist.getByRole('checkbox', { name: 'Get the reported message with its full headers' });
  await getMessage.focus();
  await page.keyboard.press('Space');
  await expect(getMessage).toBeChecked();
  await expect(getMessage).toBeDisabled();
  await expect(checklist.getByText('1 of 13 steps done', { exact: true })).toBeVisible();

  // Skipping needs a reason: an empty one is refused and skips nothing.
  await checklist.getByRole('button', { name: 'Skip Check that the report-phishing button and mailbox work' }).click();
  const skipDialog = page.getByRole('dialog', { name: 'Skip step' });
  await skipDialog.getByRole('button', { name: 'Skip step', exact: true }).click();
  await expect(skipDialog.getByRole('alert')).toHaveText('Say why the step is skipped');
  await expect(skipDialog.getByLabel('Reason')).toHaveAttribute('aria-invalid', 'true');
  await skipDialog.getByRole('button', { name: 'Cancel' }).click();
  await expect(skipDialog).toBeHidden();
  await expect(checklist.getByRole('checkbox', { name: 'Check that the report-phishing button and mailbox work' })).toBeEnabled();
  await expect(checklist.getByText('1 of 13 steps done', { exact: true })).toBeVisible();

  await checklist.getByRole('button', { name: 'Skip Check that the report-phishing button and mailbox work' }).click();
  await skipDialog.getByLabel('Reason').fill('Reporting path tested last week');
  await skipDialog.getByRole('button', { name: 'Skip step', exact: true }).click();
  await expect(skipDialog).toBeHidden();
  await expect(checklist.getByText('Skipped: Reporting path tested last week')).toBeVisible();
  await expect(checklist.getByText('1 of 13 steps done, 1 skipped', { exact: true })).toBeVisible();

  // Answering the question adds its branch's steps to their phases.
  const question = checklist.getByRole('group', { name: 'Did anyone click the link, open the attachment or enter a password?' });
  await expect(checklist.getByRole('checkbox', { name: 'Reset passwords and sessions of people who entered credentials' })).toHaveCount(0);
  await question.getByRole('button', { name: 'Yes', exact: true }).click();
  await expect(question.getByText('Answered: Yes')).toBeVisible();
  await expect(question.getByRole('button', { name: 'Yes', exact: true })).toHaveCount(0);
  const containment = checklist.getByRole('region', { name: /^Containment/ });
  await expect(containment.getByRole('checkbox', { name: 'Reset passwords and sessions of people who entered credentials' })).toBeVisible();
  await expect(containment.getByRole('checkbox', { name: 'Check and isolate hosts that ran the attachment' })).toBeVisible();
  await expect(checklist.getByText('2 of 16 steps done, 1 skipped', { exact: true })).toBeVisible();

  // The same playbook twice is refused, with the reason.
  await playbooks.getByText('Apply another playbook').click();
  await playbooks.getByLabel('Other playbook').selectOption({ label: 'Phishing (version 1)' });
  await playbooks.getByRole('button', { name: 'Apply selected playbook' }).click();
  await expect(playbooks.getByRole('alert')).toHaveText('"Phishing" (version 1) is already applied to this incident');
  await expect(checklist.getByText('2 of 16 steps done, 1 skipped', { exact: true })).toBeVisible();

  const timeline = page.getByRole('list', { name: 'Timeline entries' });
  await expect(timeline.getByText('Playbook applied: Phishing v1, 13 tasks in 5 phases')).toBeVisible();
  await expect(timeline.getByText('Playbook step done: Get the reported message with its full headers (Detection and analysis, Phishing v1)')).toBeVisible();
  await expect(
    timeline.getByText('Playbook step skipped: Check that the report-phishing button and mailbox work (Preparation, Phishing v1). Reason: Reporting path tested last week'),
  ).toBeVisible();
  await expect(timeline.getByText(/^Decision \(Phishing v1\): Did anyone click the link, open the attachment or enter a password\? Answer: Yes\. Added 3 steps/)).toBeVisible();
});
