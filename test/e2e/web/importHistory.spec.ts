// A lead imports incident history: a ServiceNow audit log with a category mapping, then VERIS
// records; a second import of the same file adds nothing.
import { readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { expect, test } from '@playwright/test';
import { openFreshApp } from '../../support/firebreakPage';

const fixtures = resolve(process.cwd(), '../shared/fixtures');
const serviceNowLog = join(fixtures, 'servicenow/incident_event_log_subset.csv');
const vcdbFiles = readdirSync(join(fixtures, 'vcdb')).map((name) => join(fixtures, 'vcdb', name));

test('a lead imports a ServiceNow audit log and VERIS records, and re-importing adds nothing', async ({ page }) => {
  await openFreshApp(page, 'Lee Lead', 'lead');
  await page.goto('/#/trends/import');
  await expect(page.getByRole('heading', { level: 1, name: 'Import incident history' })).toBeVisible();

  await page.getByLabel('CSV file').setInputFiles(serviceNowLog);
  await expect(page.getByRole('heading', { name: 'Match the columns' })).toBeVisible();
  await expect(page.getByLabel('Incident number (required)')).toHaveValue('number');
  await expect(page.getByLabel('Date order')).toHaveValue('day-month-year');
  await page.getByLabel('Time zone of the dates').fill('UTC');
  await page.getByLabel(/Category for “Category 53”/).selectOption({ label: 'Network' });
  await page.getByRole('button', { name: 'Preview import' }).click();

  await expect(page.getByTestId('import-preview-counts')).toHaveText('890 new incidents, 0 imported before (left as they are), 0 skipped.');
  await page.getByRole('button', { name: 'Import 890 incidents' }).click();
  await expect(page.getByTestId('import-outcome')).toContainText('890 incidents added; 0 were imported before');

  // Same file again: the remembered mapping comes back and nothing is new.
  await page.getByLabel('CSV file').setInputFiles(serviceNowLog);
  await expect(page.getByLabel(/Category for “Category 53”/)).toHaveValue('network');
  await expect(page.getByLabel('Time zone of the dates')).toHaveValue('UTC');
  await page.getByRole('button', { name: 'Preview import' }).click();
  await expect(page.getByTestId('import-preview-counts')).toHaveText('0 new incidents, 890 imported before (left as they are), 0 skipped.');
  await expect(page.getByRole('button', { name: 'Nothing new to import' })).toBeDisabled();

  await page.getByLabel(/VERIS JSON records/).check();
  await page.getByLabel('VERIS files').setInputFiles(vcdbFiles);
  await expect(page.getByTestId('import-preview-counts')).toHaveText('29 new incidents, 0 imported before (left as they are), 1 skipped.');
  await page.getByText('Skipped records and why (1)').click();
  await expect(page.getByRole('list', { name: 'Skipped records' })).toContainText('the same incident as 00163384-B4D7-46D5-9E6F-543DFB00F598.json');
  await page.getByRole('button', { name: 'Import 29 incidents' }).click();
  await expect(page.getByTestId('import-outcome')).toContainText('29 incidents added');

  // The imported incidents are in the list, marked as imported.
  await page.getByRole('link', { name: 'Incidents' }).click();
  await page.getByRole('group', { name: 'Filter and sort incidents' }).getByLabel('Stage').selectOption('all');
  await page.getByLabel('Search incidents').fill('INC0000047');
  await expect(page.getByText('INC0000047', { exact: true })).toBeVisible();
});
