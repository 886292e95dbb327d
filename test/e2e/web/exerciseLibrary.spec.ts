// The exercise scenario library, as a trainer: the six starter scenarios are listed; a scenario
// shows its MSEL; its MSEL CSV downloads and imports back as a new scenario with the same injects;
// a CSV with a missing column, bad times or unknown channels shows every problem and imports
// nothing; a run is created from a scenario; editing a scenario makes version 2.
import { readFile, writeFile } from 'node:fs/promises';
import { expect, test, type Page } from '@playwright/test';
import { openFreshApp } from '../../support/firebreakPage';

const starterTitles = [
  'Business email compromise of the finance director',
  'Cloud access key leaked in a public repository',
  'DDoS attack on the customer portal',
  'Departing salesperson takes customer data',
  'Payroll supplier breach',
  'Ransomware on the finance file server',
];
const ransomware = 'Ransomware on the finance file server';

function library(page: Page) {
  return page.getByRole('list', { name: 'Scenario library' });
}

function mselRows(page: Page) {
  return page.getByRole('table', { name: 'Master scenario events list' }).getByRole('row');
}

async function openExercises(page: Page): Promise<void> {
  await page.getByRole('link', { name: 'Exercises', exact: true }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Exercises' })).toBeVisible();
}

async function openScenario(page: Page, title: string): Promise<void> {
  await library(page).getByRole('link', { name: title, exact: true }).click();
  await expect(page.getByRole('heading', { level: 1, name: title })).toBeVisible();
}

async function importMsel(page: Page, title: string, file: string | { name: string; mimeType: string; buffer: Buffer }) {
  await page.getByRole('button', { name: 'Import MSEL CSV' }).click();
  const dialog = page.getByRole('dialog', { name: 'Import MSEL CSV' });
  await dialog.getByRole('textbox', { name: 'Scenario title' }).fill(title);
  await dialog.getByLabel('MSEL CSV file').setInputFiles(file);
  await dialog.getByRole('button', { name: 'Import', exact: true }).click();
  return dialog;
}

test.beforeEach(async ({ page }) => {
  await openFreshApp(page, 'Tess Trainer', 'trainer');
  await openExercises(page);
});

test('a trainer sees the six starters, opens the MSEL, and exported JSON and MSEL CSV import back with the same injects', async ({ page }) => {
  await expect(library(page).getByRole('heading', { level: 3 })).toHaveText(starterTitles);
  await page.getByRole('searchbox', { name: 'Search scenarios' }).fill('ransomware');
  await expect(library(page).getByRole('listitem')).toHaveCount(1);

  await openScenario(page, ransomware);
  // A header row and one row per inject; the first comes as a ticket at the start, later ones after another inject.
  const injectCount = (await mselRows(page).count()) - 1;
  expect(injectCount).toBeGreaterThan(5);
  await expect(mselRows(page).nth(1).getByRole('cell')).toHaveText(['1', '+00:00', 'Ticket', 'Jo Reyes, service desk', 'Incident manager', /Apply the Ransomware playbook \(10 points\) auto/]);
  await expect(page.getByRole('table', { name: 'Master scenario events list' })).toContainText(/after #\d+ \+\d\d:\d\d/);
  await expect(page.getByRole('table', { name: 'Master scenario events list' }).getByText('auto').first()).toBeVisible();

  const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Export MSEL CSV' }).click()]);
  expect(download.suggestedFilename()).toBe('ransomware-on-the-finance-file-server-msel.csv');
  const csv = await readFile(await download.path(), 'utf8');
  expect(csv.split('\n')[0]).toContain('msel_number,release,channel');
  await expect(page.getByRole('status', { name: 'Scenario action result' })).toHaveText('Exported to ransomware-on-the-finance-file-server-msel.csv.');

  const [jsonDownload] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Export JSON' }).click()]);
  const json = await readFile(await jsonDownload.path(), 'utf8');
  expect(JSON.parse(json)).toMatchObject({ format: 'firebreak-exercise-scenarios', scenarios: [{ title: ransomware }] });

  await openExercises(page);
  await expect(page.getByRole('region', { name: 'Scores over time' })).toContainText('No finished runs yet');
  await expect(page.getByRole('region', { name: 'Corrective actions' })).toContainText('No open corrective actions');
  await page.getByLabel('Scenario file to import').setInputFiles({ name: 'ransomware.json', mimeType: 'application/json', buffer: Buffer.from(json) });
  await expect(page.getByRole('status', { name: 'Scenario import result' })).toContainText(`Imported 1 scenario from ransomware.json: ${ransomware} (${injectCount} injects).`);
  await expect(library(page).getByRole('listitem')).toHaveCount(7);

  const dialog = await importMsel(page, 'Ransomware from a spreadsheet', { name: 'msel.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) });
  await expect(dialog).toBeHidden();
  const result = page.getByRole('status', { name: 'Scenario import result' });
  await expect(result).toContainText(`Imported 1 scenario from msel.csv: Ransomware from a spreadsheet (${injectCount} injects).`);
  await expect(library(page).getByRole('listitem')).toHaveCount(8);
  await result.getByRole('link', { name: 'Ransomware from a spreadsheet' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Ransomware from a spreadsheet' })).toBeVisible();
  await expect(mselRows(page)).toHaveCount(injectCount + 1);
});

test('an MSEL CSV with a missing column, bad times or unknown channels shows every problem and imports nothing', async ({ page }, testInfo) => {
  const missingColumn = testInfo.outputPath('missing-column.csv');
  await writeFile(missingColumn, 'msel_number,release,from,to,title,content,expected_actions,facilitator_notes\n1,+00:05,Sam,IM,Alert,Text,,\n');
  const badRows = testInfo.outputPath('bad-rows.csv');
  await writeFile(
    badRows,
    [
      'msel_number,release,channel,from,to,title,content,expected_actions,facilitator_notes',
      '1,+00:05,email,Sam,IM,First,Text,Call the lead (5),',
      '2,soon,email,Sam,IM,Second,Text,,',
      '3,+00:20,carrier pigeon,Sam,IM,Third,Text,,',
      '4,25 past,fax,Sam,IM,Fourth,Text,,',
    ].join('\n'),
  );

  const dialog = await importMsel(page, 'Broken drill', missingColumn);
  let problems = dialog.getByRole('alert').getByRole('list', { name: 'MSEL import problems' });
  await expect(problems.getByRole('listitem')).toHaveCount(1);
  await expect(problems).toContainText('The CSV is missing the column channel');

  await dialog.getByLabel('MSEL CSV file').setInputFiles(badRows);
  await dialog.getByRole('button', { name: 'Import', exact: true }).click();
  problems = dialog.getByRole('alert').getByRole('list', { name: 'MSEL import problems' });
  await expect(problems.getByRole('listitem')).toHaveText([
    /^Row 3: bad release time "soon"/,
    /^Row 4: unknown channel "carrier pigeon"/,
    /^Row 5: bad release time "25 past"/,
    /^Row 5: unknown channel "fax"/,
  ]);
  await expect(dialog.getByRole('alert').first()).toContainText('bad-rows.csv was not imported: nothing was added.');

  await dialog.getByRole('button', { name: 'Cancel' }).click();
  await expect(dialog).toBeHidden();
  await expect(library(page).getByRole('listitem')).toHaveCount(6);
  await expect(library(page)).not.toContainText('Broken drill');
});

test('a run created from a scenario opens its console and is listed with its status', async ({ page }) => {
  await openScenario(page, 'DDoS attack on the customer portal');
  await page.getByRole('button', { name: 'Start a run' }).click();
  const dialog = page.getByRole('dialog', { name: 'Start a run' });
  await expect(dialog.getByRole('textbox', { name: 'Run title' })).toHaveValue(/^DDoS attack on the customer portal — \d{4}-\d\d-\d\d$/);
  await dialog.getByRole('textbox', { name: 'Run title' }).fill('Portal drill, March');
  await dialog.getByRole('radio', { name: 'Team mode (players on their own laptops)' }).check();
  await dialog.getByRole('combobox', { name: 'Speed' }).selectOption({ label: '10x' });
  await dialog.getByRole('button', { name: 'Create run' }).click();
  await expect(page).toHaveURL(/#\/exercises\/runs\/[0-9a-f-]{36}$/);
  const runId = /runs\/([0-9a-f-]{36})$/.exec(page.url())![1]!;

  await openExercises(page);
  const runs = page.getByRole('region', { name: 'Exercise runs' }).getByRole('table');
  const row = runs.getByRole('row', { name: /Portal drill, March/ });
  await expect(row).toContainText('DDoS attack on the customer portal');
  await expect(row).toContainText('Scheduled');
  await expect(row).toContainText('Team on their own devices');
  await expect(row.getByRole('link', { name: 'Portal drill, March' })).toHaveAttribute('href', `#/exercises/runs/${runId}`);
});

test('editing a scenario saves version 2; a save with errors saves nothing', async ({ page }) => {
  await openScenario(page, 'Payroll supplier breach');
  await expect(page.getByText('Version 1', { exact: true })).toBeVisible();
  await page.getByRole('button', { name: 'Edit', exact: true }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Edit Payroll supplier breach' })).toBeVisible();

  // An empty title and a nonsense MSEL number are both reported, beside the fields and in a summary.
  await page.getByRole('textbox', { name: 'Title', exact: true }).first().fill('');
  const firstInject = page.getByRole('group', { name: 'Inject 1', exact: true });
  await firstInject.getByRole('textbox', { name: 'MSEL number' }).fill('one');
  await page.getByRole('button', { name: 'Save scenario' }).click();
  await expect(page.getByRole('list', { name: 'Problems to fix' })).toContainText('An MSEL number must be a whole number');
  await firstInject.getByRole('textbox', { name: 'MSEL number' }).fill('1');
  await page.getByRole('button', { name: 'Save scenario' }).click();
  await expect(page.getByRole('list', { name: 'Problems to fix' })).toHaveText('Give the scenario a title');

  await page.getByRole('textbox', { name: 'Title', exact: true }).first().fill('Payroll supplier breach (2026 edition)');
  await page.getByRole('button', { name: 'Add objective' }).click();
  await page.getByRole('textbox', { name: /^Objective \d+$/ }).last().fill('Tell staff what to watch for within a day');
  await page.getByRole('button', { name: 'Save scenario' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Payroll supplier breach (2026 edition)' })).toBeVisible();
  await expect(page.getByText('Version 2', { exact: true })).toBeVisible();
  await expect(page.getByRole('region', { name: 'Objectives' })).toContainText('Tell staff what to watch for within a day');

  await openExercises(page);
  await expect(library(page).getByRole('listitem')).toHaveCount(6);
  await expect(library(page).getByRole('listitem').filter({ hasText: 'Payroll supplier breach (2026 edition)' })).toContainText('Version 2');
});
