// The playbook library: the starter playbooks are listed, searched and filtered; a responder writes
// a draft with a question and reorders its steps by keyboard and by dragging; a lead approves it;
// editing the approved version makes a version 2 draft while version 1 stays approved; exports
// download; a CACAO import shows its warnings, and a CACAO file that loops imports nothing.
import { readFile } from 'node:fs/promises';
import { expect, test, type Page } from '@playwright/test';
import { openFreshApp } from '../../support/firebreakPage';

const starterNames = [
  'Account compromise',
  'Denial of service',
  'Insider misuse',
  'Lost or stolen device',
  'Major service outage',
  'Malware outbreak',
  'Personal-data breach',
  'Phishing',
  'Ransomware',
];

function library(page: Page) {
  return page.getByRole('list', { name: 'Playbooks' });
}

async function openLibrary(page: Page): Promise<void> {
  await page.getByRole('link', { name: 'Playbooks', exact: true }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Playbooks' })).toBeVisible();
}

function step(page: Page, name: string) {
  return page.getByRole('group', { name, exact: true });
}

async function becomeLead(page: Page): Promise<void> {
  await page.getByRole('link', { name: 'Settings' }).click();
  await page.getByLabel('Role', { exact: true }).selectOption('lead');
  await page.getByRole('button', { name: 'Save profile' }).click();
  await expect(page.getByLabel('Role', { exact: true })).toHaveValue('lead');
}

test('the starter playbooks are listed, and search, category and status narrow the list', async ({ page }) => {
  await openFreshApp(page);
  await openLibrary(page);
  await expect(library(page).getByRole('heading')).toHaveText(starterNames);
  await expect(library(page).getByRole('listitem').filter({ hasText: 'Ransomware' })).toContainText('Approved');
  await expect(library(page).getByRole('listitem').filter({ hasText: 'Ransomware' })).toContainText('Version 1');

  // "/" focuses the playbook search on this page (not the incident search).
  await page.getByRole('heading', { level: 1, name: 'Playbooks' }).click();
  await page.keyboard.press('/');
  const search = page.getByRole('searchbox', { name: 'Search playbooks' });
  await expect(search).toBeFocused();
  await page.keyboard.type('ransom');
  await expect(library(page).getByRole('heading')).toHaveText(['Ransomware']);
  await expect(page.getByText('1 of 9 playbooks shown')).toBeVisible();
  await search.fill('');

  await page.getByRole('combobox', { name: 'Category' }).selectOption({ label: 'Degradation' });
  await expect(library(page).getByRole('heading')).toHaveText(['Major service outage']);
  await page.getByRole('combobox', { name: 'Category' }).selectOption({ label: 'All categories' });

  await page.getByRole('combobox', { name: 'Status' }).selectOption({ label: 'Draft' });
  await expect(page.getByText('No playbook matches this search and these filters.')).toBeVisible();
  await page.getByRole('button', { name: 'Clear search and filters' }).click();
  await expect(page.getByRole('combobox', { name: 'Status' })).toHaveValue('all');
  await page.getByRole('combobox', { name: 'Status' }).selectOption({ label: 'Approved' });
  await expect(library(page).getByRole('heading')).toHaveCount(9);

  // The filter lives in the address, so back from a playbook finds it as it was.
  await library(page).getByRole('link', { name: 'Phishing' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Phishing' })).toBeVisible();
  await page.goBack();
  await expect(page.getByRole('combobox', { name: 'Status' })).toHaveValue('approved');
});

test('a responder drafts a playbook, reorders steps by keyboard and by dragging; a lead approves; editing it makes version 2', async ({ page }) => {
  await openFreshApp(page, 'Riley Responder');
  await openLibrary(page);
  await page.getByRole('button', { name: 'New playbook' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'New playbook' })).toBeVisible();

  // Saving an empty form saves nothing and says what is missing, beside the fields and at the top.
  await page.getByRole('button', { name: 'Save draft' }).click();
  const summary = page.getByRole('alert').filter({ hasText: 'Nothing was saved.' });
  await expect(summary).toContainText('Name: Name the playbook');
  await expect(page.getByLabel('Name', { exact: true })).toHaveAttribute('aria-invalid', 'true');
  await expect(page).toHaveURL(/#\/playbooks\/new$/);

  await page.getByLabel('Name', { exact: true }).fill('Web shell on an edge server');
  await page.getByLabel('Summary').fill('Someone planted a web shell on an internet-facing server.');
  await page.getByRole('checkbox', { name: 'Security' }).check();
  await expect(page.getByRole('checkbox', { name: 'Outage' })).toHaveCount(0);
  await page.getByRole('checkbox', { name: 'Vulnerability exploitation' }).check();

  // Steps: detect, lessons (post-incident), block (containment); then block moves up by keyboard.
  const addStep = page.getByRole('button', { name: 'Add step' });
  await addStep.click();
  await expect(step(page, 'Step 1').getByLabel('Title')).toBeFocused();
  await page.keyboard.type('Find the web shell');
  await step(page, 'Step 1').getByLabel('Instructions').fill('Search the web root for files changed this week.\n\n<script>alert(1)</script> stays text.');
  await step(page, 'Step 1').getByRole('spinbutton', { name: 'Expected minutes' }).fill('30');
  await addStep.click();
  await step(page, 'Step 2').getByLabel('Title').fill('Write the lessons learned');
  await step(page, 'Step 2').getByLabel('Phase').selectOption({ label: 'Post-incident activity' });
  await step(page, 'Step 2').getByRole('checkbox', { name: 'Required' }).uncheck();
  await addStep.click();
  await step(page, 'Step 3').getByLabel('Title').fill('Block the attacker address');
  await step(page, 'Step 3').getByLabel('Phase').selectOption({ label: 'Containment' });

  await step(page, 'Step 3').getByLabel('Title').focus();
  await page.keyboard.press('Alt+ArrowUp');
  await expect(step(page, 'Step 2').getByLabel('Title')).toHaveValue('Block the attacker address');
  await expect(step(page, 'Step 2').getByLabel('Title')).toBeFocused();
  await expect(step(page, 'Step 3').getByLabel('Title')).toHaveValue('Write the lessons learned');
  await expect(page.getByRole('status', { name: 'Announcement' })).toHaveText('"Block the attacker address" moved up: now step 2 of 3.');
  // And back down and up again, so both keys are exercised.
  await page.keyboard.press('Alt+ArrowDown');
  await expect(step(page, 'Step 3').getByLabel('Title')).toHaveValue('Block the attacker address');
  await expect(step(page, 'Step 3').getByLabel('Title')).toBeFocused();
  await page.keyboard.press('Alt+ArrowUp');
  await expect(step(page, 'Step 2').getByLabel('Title')).toHaveValue('Block the attacker address');

  // A fourth step, dragged by its handle onto step 3's place.
  await addStep.click();
  await step(page, 'Step 4').getByLabel('Title').fill('Restore the server from a clean image');
  await step(page, 'Step 4').getByLabel('Phase').selectOption({ label: 'Eradication and recovery' });
  // dragTo scrolls the target into view with the button held, which cancels a native drag; on a
  // tall window both steps are already in view, as they would be for a person dragging.
  await page.setViewportSize({ width: 1280, height: 1400 });
  await page.getByLabel('Drag step 4').dragTo(step(page, 'Step 3'));
  await expect(step(page, 'Step 3').getByLabel('Title')).toHaveValue('Restore the server from a clean image');
  await expect(step(page, 'Step 4').getByLabel('Title')).toHaveValue('Write the lessons learned');
  await expect(page.locator('.editor-phase-heading')).toHaveText(['Detection and analysis', 'Containment', 'Eradication and recovery', 'Post-incident activity']);

  // A question whose "Yes" adds a later step.
  await page.getByRole('button', { name: 'Add question' }).click();
  const question = step(page, 'Question 5');
  await expect(question.getByLabel('Question', { exact: true })).toBeFocused();
  await page.keyboard.type('Was customer data taken?');
  await expect(question.getByRole('textbox', { name: 'Answer 1' })).toHaveValue('Yes');
  await expect(question.getByRole('textbox', { name: 'Answer 2' })).toHaveValue('No');
  await expect(question.getByRole('button', { name: 'Remove answer 1' })).toBeDisabled();
  await addStep.click();
  await step(page, 'Step 6').getByLabel('Title').fill('Tell the data protection officer');
  await question.getByRole('group', { name: 'Steps added by answer 1' }).getByRole('checkbox', { name: 'Adds: Tell the data protection officer' }).check();

  await page.getByRole('button', { name: 'Save draft' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Web shell on an edge server' })).toBeVisible();
  await expect(page.getByText('Version 1', { exact: true })).toBeVisible();
  await expect(page.locator('.header-facts')).toContainText('Draft');
  await expect(page.getByRole('heading', { level: 3 })).toHaveText(['Detection and analysis', 'Containment', 'Eradication and recovery', 'Post-incident activity']);
  await expect(page.getByText('<script>alert(1)</script> stays text.')).toBeVisible();
  await expect(page.getByRole('list', { name: 'Answers to Was customer data taken?' })).toContainText('Yes: adds "Tell the data protection officer"');
  await expect(page.getByRole('button', { name: 'Approve' })).toHaveCount(0);
  await expect(page.getByText('A team lead or an administrator approves drafts.')).toBeVisible();

  // The order was saved as arranged.
  await page.getByRole('button', { name: 'Edit', exact: true }).click();
  await expect(step(page, 'Step 2').getByLabel('Title')).toHaveValue('Block the attacker address');
  await expect(step(page, 'Step 3').getByLabel('Title')).toHaveValue('Restore the server from a clean image');
  await page.getByRole('button', { name: 'Cancel' }).click();
  const draftUrl = page.url();

  // A lead approves.
  await becomeLead(page);
  await page.goto(draftUrl);
  await page.getByRole('button', { name: 'Approve' }).click();
  await expect(page.getByRole('status', { name: 'Playbook action result' })).toHaveText('Version 1 approved: it is now offered on incidents.');
  await expect(page.locator('.header-facts')).toContainText('Approved');

  // Editing the approved version starts version 2; version 1 stays approved.
  await page.getByRole('button', { name: 'Edit as new draft' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Edit as new draft: Web shell on an edge server' })).toBeVisible();
  await page.getByLabel('Summary').fill('A web shell on an internet-facing server; revised after the March exercise.');
  await page.getByRole('button', { name: 'Save draft' }).click();
  await expect(page.getByText('Version 2', { exact: true })).toBeVisible();
  await expect(page.locator('.header-facts')).toContainText('Draft');
  const versions = page.getByRole('list', { name: 'Versions' });
  await expect(versions.getByRole('listitem')).toHaveCount(2);
  await expect(versions.getByRole('listitem').nth(1)).toContainText('Approved');
  await versions.getByRole('link', { name: 'Version 1' }).click();
  await expect(page.locator('.header-facts')).toContainText('Approved');
  await expect(page.getByText('Someone planted a web shell on an internet-facing server.')).toBeVisible();
  await expect(page.getByRole('button', { name: 'Edit as new draft' })).toHaveCount(0);
  await expect(page.getByRole('link', { name: 'draft version 2' })).toBeVisible();

  // The library lists the approved version and points at the open draft; "Draft" finds it.
  await openLibrary(page);
  await page.getByRole('combobox', { name: 'Status' }).selectOption({ label: 'Draft' });
  const item = library(page).getByRole('listitem');
  await expect(item).toHaveCount(1);
  await expect(item).toContainText('Web shell on an edge server');
  await expect(item.getByRole('link', { name: 'Draft version 2 open' })).toBeVisible();

  // Discarding the draft asks once and returns to version 1; retiring version 1 asks once too.
  await item.getByRole('link', { name: 'Draft version 2 open' }).click();
  await page.getByRole('button', { name: 'Discard draft' }).click();
  const discardDialog = page.getByRole('dialog', { name: 'Discard this draft?' });
  await expect(discardDialog.getByRole('button', { name: 'Keep the draft' })).toBeFocused();
  await discardDialog.getByRole('button', { name: 'Discard version 2' }).click();
  await expect(page.getByRole('status', { name: 'Announcement' })).toHaveText('Draft version 2 of Web shell on an edge server discarded.');
  await expect(page.getByRole('list', { name: 'Versions' }).getByRole('listitem')).toHaveCount(1);
  await page.getByRole('button', { name: 'Retire' }).click();
  await page.getByRole('dialog', { name: 'Retire this playbook?' }).getByRole('button', { name: 'Retire version 1' }).click();
  await expect(page.getByRole('status', { name: 'Playbook action result' })).toContainText('Version 1 retired');
  await expect(page.locator('.header-facts')).toContainText('Retired');
  await expect(page.getByText('Version 1 is retired and kept exactly as it was')).toBeVisible();
  await expect(page.getByRole('group', { name: 'Playbook actions' }).getByRole('button')).toHaveText(['Export JSON', 'Export Markdown', 'Export CACAO']);
});

test('exports download as Markdown, JSON and CACAO; our JSON and a CACAO file import with warnings; a looping CACAO file imports nothing', async ({ page }) => {
  await openFreshApp(page);
  await openLibrary(page);
  await library(page).getByRole('link', { name: 'Ransomware' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Ransomware' })).toBeVisible();

  const [markdown] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Export Markdown' }).click()]);
  expect(markdown.suggestedFilename()).toBe('playbook-ransomware-v1.md');
  expect(await readFile(await markdown.path(), 'utf8')).toContain('# Ransomware');
  const [json] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Export JSON' }).click()]);
  expect(json.suggestedFilename()).toBe('playbook-ransomware-v1.json');
  const jsonText = await readFile(await json.path(), 'utf8');
  expect(JSON.parse(jsonText)).toMatchObject({ format: 'firebreak-playbooks', playbooks: [{ name: 'Ransomware', version: 1 }] });
  const [cacao] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Export CACAO' }).click()]);
  expect(cacao.suggestedFilename()).toBe('playbook-ransomware-v1.cacao.json');
  expect(JSON.parse(await readFile(await cacao.path(), 'utf8'))).toMatchObject({ type: 'playbook', spec_version: 'cacao-2.0', name: 'Ransomware' });
  await expect(page.getByRole('status', { name: 'Playbook action result' })).toHaveText('Exported to playbook-ransomware-v1.cacao.json.');

  // Our own file comes back as a new draft, with a warning that it was approved elsewhere.
  await openLibrary(page);
  const result = page.getByRole('status', { name: 'Import result' });
  await page.getByLabel('Playbook file to import').setInputFiles({ name: 'ransomware.json', mimeType: 'application/json', buffer: Buffer.from(jsonText) });
  await expect(result).toContainText('Imported 1 playbook from ransomware.json as a draft: Ransomware.');
  await expect(page.getByRole('list', { name: 'Import warnings' })).toContainText('"Ransomware" was approved in the file; it is imported as a draft for a lead to review.');
  await expect(library(page).getByRole('heading')).toHaveCount(10);

  // A CACAO playbook: imported, every warning listed.
  await page.getByLabel('CACAO file to import').setInputFiles('test/fixtures/cacao/decisions.json');
  await expect(result).toContainText('Imported 1 playbook from decisions.json as a draft: Suspicious host beaconing.');
  const warnings = page.getByRole('list', { name: 'Import warnings' }).getByRole('listitem');
  await expect(warnings).toHaveCount(3);
  await expect(warnings.nth(1)).toContainText('CACAO has no response phases');
  await expect(library(page).getByRole('heading')).toHaveCount(11);
  await expect(library(page).getByRole('listitem').filter({ hasText: 'Suspicious host beaconing' })).toContainText('Draft');
  // Its page notes the phases no step covers, for whoever approves it.
  await library(page).getByRole('link', { name: 'Suspicious host beaconing' }).click();
  await expect(page.getByRole('note').filter({ hasText: 'No steps yet for' })).toBeVisible();
  await page.goBack();

  // A CACAO workflow that loops is refused whole.
  const id = (type: string, last: string) => `${type}--6f1d2a3b-4c5d-4e6f-8a9b-0c1d2e3f4a${last}`;
  const looping = {
    type: 'playbook',
    spec_version: 'cacao-2.0',
    id: id('playbook', '50'),
    name: 'Looping response',
    created_by: id('identity', '59'),
    created: '2026-01-01T00:00:00.000Z',
    modified: '2026-01-01T00:00:00.000Z',
    workflow_start: id('start', '51'),
    workflow: {
      [id('start', '51')]: { type: 'start', on_completion: id('action', '52') },
      [id('action', '52')]: { type: 'action', name: 'Check the logs', on_completion: id('action', '53') },
      [id('action', '53')]: { type: 'action', name: 'Check them again', on_completion: id('action', '52') },
    },
  };
  await page.getByLabel('CACAO file to import').setInputFiles({ name: 'looping.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(looping)) });
  const alert = page.getByRole('alert');
  await expect(alert).toContainText('looping.json: The workflow loops back on itself');
  await expect(alert).toContainText('Nothing was imported.');
  await expect(result).toBeEmpty();
  await expect(library(page).getByRole('heading')).toHaveCount(11);
  await expect(library(page).getByRole('link', { name: 'Looping response' })).toHaveCount(0);
});

test('a viewer reads and exports playbooks but is offered nothing that changes them, and is told why', async ({ page }) => {
  await openFreshApp(page, 'Vic Viewer', 'viewer');
  await openLibrary(page);
  await expect(page.getByRole('note')).toContainText('Your profile role is Viewer: you can read and export playbooks.');
  await expect(page.getByRole('button', { name: 'New playbook' })).toHaveCount(0);
  await expect(page.getByRole('button', { name: 'Import playbooks' })).toHaveCount(0);
  await library(page).getByRole('link', { name: 'Phishing' }).click();
  await expect(page.getByRole('group', { name: 'Playbook actions' }).getByRole('button')).toHaveText(['Export JSON', 'Export Markdown', 'Export CACAO']);
  // Typing the editor's address does not give a form either.
  await page.goto(`${page.url()}/edit`);
  await expect(page.getByRole('heading', { level: 1, name: 'This playbook cannot be edited here' })).toBeVisible();
  await expect(page.getByText('viewers read playbooks but do not write them')).toBeVisible();
});
