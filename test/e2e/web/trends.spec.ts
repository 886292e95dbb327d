// Issue 6's journey for a team lead: 12 months of sample data, the Trends page's charts, granularity,
// a drill-down from a bar to the incident list, the CSV export, and exercises left out by default.
import { readFile } from 'node:fs/promises';
import { expect, test, type Locator, type Page } from '@playwright/test';
import Papa from 'papaparse';
import { openFreshApp } from '../../support/firebreakPage';

function figure(page: Page, name: string): Locator {
  return page.getByRole('figure', { name });
}

/** The text of a data-table cell, by its row header (the period) and its column header. */
async function tableCell(table: Locator, rowHeader: string, column: string): Promise<string> {
  const columns = await table.locator('thead th').allTextContents();
  const index = columns.indexOf(column);
  expect(index, `column ${column} in ${columns.join(', ')}`).toBeGreaterThan(0);
  const row = table.locator('tbody tr').filter({ has: table.page().getByRole('rowheader', { name: rowHeader, exact: true }) });
  return (await row.locator('th, td').nth(index).textContent()) ?? '';
}

test('trends over 12 months: charts, granularity, drill-down from a bar, CSV export, exercises left out', async ({ page }) => {
  test.setTimeout(120_000);
  await openFreshApp(page, 'Lee Lead', 'lead');
  await page.getByRole('link', { name: 'Settings' }).click();
  await page.getByLabel('Number of incidents').fill('600');
  await page.getByLabel('Period in days').fill('330');
  await page.getByLabel('Seed').fill('11');
  await page.getByRole('button', { name: 'Generate sample data' }).click();
  await expect(page.getByTestId('sample-data-status')).toHaveText(/Generated 600 sample incidents/, { timeout: 60_000 });

  // One exercise incident: it must not count unless asked for.
  await page.getByRole('link', { name: 'Incidents' }).click();
  await page.getByRole('button', { name: 'New incident' }).click();
  const dialog = page.getByRole('dialog', { name: 'New incident' });
  await dialog.getByLabel('Title', { exact: true }).fill('Tabletop: ransomware drill');
  await dialog.getByLabel('Exercise (not a real incident)').check();
  await dialog.getByRole('button', { name: 'Create incident' }).click();
  await expect(dialog).toBeHidden();

  await page.getByRole('link', { name: 'Trends' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Trends' })).toBeVisible();
  await expect(page.getByTestId('trend-status')).toHaveText(/Computed over 601 incidents in \d+ ms/, { timeout: 30_000 });
  await expect(page.getByRole('link', { name: 'Import history' })).toBeVisible();

  // Every chart renders with data.
  const volume = figure(page, 'Incidents reported');
  await expect(volume.locator('.recharts-bar-rectangle').first()).toBeAttached();
  expect(await volume.locator('.recharts-bar-rectangle').count()).toBeGreaterThan(0);
  expect(await figure(page, 'Time to acknowledge, contain and resolve').locator('.recharts-line-curve').count()).toBeGreaterThan(0);
  await expect(figure(page, 'Backlog at period end').locator('.recharts-area-area')).toHaveCount(1);
  expect(await figure(page, 'SLA compliance').locator('.recharts-line-curve').count()).toBe(2);
  await expect(figure(page, 'SLA compliance').getByText('Target 95%')).toBeVisible();
  expect(await figure(page, 'Age of open incidents').locator('.recharts-bar-rectangle').count()).toBeGreaterThan(0);

  // Formulas on focus, as a tooltip that describes the button.
  const formula = page.getByRole('button', { name: 'How incidents reported is calculated' }).first();
  await formula.focus();
  await expect(page.getByRole('tooltip').filter({ hasText: 'incidents reported in the period' }).first()).toBeVisible();
  await expect(formula).toHaveAccessibleDescription(/incidents reported in the period/);

  // Exercises: off by default, counted once ticked.
  const reportedTile = page.getByTestId('tile-reported').locator('.trend-tile-value');
  const withoutExercises = Number((await reportedTile.textContent())!.replace(/,/g, ''));
  expect(withoutExercises).toBeGreaterThan(500);
  await page.getByLabel('Include exercises').check();
  await expect(reportedTile).toHaveText((withoutExercises + 1).toLocaleString('en-GB'));
  await page.getByLabel('Include exercises').uncheck();
  await expect(reportedTile).toHaveText(withoutExercises.toLocaleString('en-GB'));

  // Granularity: weeks, then back to months; the period labels follow.
  await volume.getByLabel('Show data table').check();
  const volumeTable = volume.getByRole('table');
  const firstPeriod = volumeTable.locator('tbody th').first();
  await expect(firstPeriod).toHaveText(/^[A-Z][a-z]{2} \d{4}$/);
  await page.getByLabel('Granularity').selectOption('week');
  await expect(firstPeriod).toHaveText(/^\d{4}-W\d{2} \(\d+ [A-Z][a-z]{2}\)$/);
  expect(await volumeTable.locator('tbody tr').count()).toBeGreaterThan(48);
  await page.getByLabel('Granularity').selectOption('month');
  await expect(firstPeriod).toHaveText(/^[A-Z][a-z]{2} \d{4}$/);
  await expect(volumeTable.locator('tbody tr')).toHaveCount(12);
  // Day over more than 400 days is refused with a reason, and the charts stay as they were.
  const from = page.getByLabel('From');
  const defaultFrom = await from.inputValue();
  await from.fill(`${Number(defaultFrom.slice(0, 4)) - 2}-01-01`);
  await expect(volumeTable.locator('tbody tr')).not.toHaveCount(12);
  const longRangeRows = await volumeTable.locator('tbody tr').count();
  await page.getByLabel('Granularity').selectOption('day');
  await expect(page.getByText(/Day is too fine for \d+ days/)).toBeVisible();
  await expect(page.getByLabel('Granularity')).toHaveAttribute('aria-invalid', 'true');
  await expect(volumeTable.locator('tbody tr')).toHaveCount(longRangeRows);
  await page.getByLabel('Granularity').selectOption('month');
  await from.fill(defaultFrom);
  await expect(volumeTable.locator('tbody tr')).toHaveCount(12);

  // Click a bar: the incident list shows exactly the incidents behind it.
  await volume.getByLabel('Split by').selectOption('kind');
  await expect(volumeTable.locator('thead th')).toHaveText(['Period', 'Security', 'Service', 'Total', 'Previous period total']);
  await volume.locator('.recharts-bar-rectangle path').filter({ visible: true }).nth(3).click();
  await expect(page).toHaveURL(/#\/incidents$/);
  const banner = page.getByTestId('trend-selection-banner');
  await expect(banner).toHaveText(/^Showing [\d,]+ incidents? behind incidents reported in .+: (Security|Service)$/);
  const [, countText, period, kind] = /^Showing ([\d,]+) incidents? behind incidents reported in (.+): (Security|Service)$/.exec((await banner.textContent())!)!;
  const count = Number(countText!.replace(/,/g, ''));
  expect(count).toBeGreaterThan(0);
  await expect(page.getByTestId('incident-count')).toHaveText(`${count.toLocaleString()} of 601 incidents match`);
  await expect(page.getByRole('list', { name: 'Incident list' })).toHaveAttribute('aria-rowcount', String(count));

  // The same number is in the chart's data table; its cell drills down the same way by keyboard.
  await page.getByRole('link', { name: 'Trends' }).click();
  await volume.getByLabel('Show data table').check();
  expect(await tableCell(volumeTable, period!, kind!)).toBe(count.toLocaleString('en-GB'));
  const cellButton = volumeTable.getByRole('button', { name: `${count.toLocaleString('en-GB')}: show the incidents behind incidents reported in ${period}: ${kind}` });
  await cellButton.focus();
  await page.keyboard.press('Enter');
  await expect(banner).toHaveText(`Showing ${count.toLocaleString()} ${count === 1 ? 'incident' : 'incidents'} behind incidents reported in ${period}: ${kind}`);
  await page.getByRole('button', { name: 'Show all incidents' }).click();
  await expect(page.getByTestId('incident-count')).toHaveText('601 incidents');

  // Export CSV: one row per period plus the totals, the same numbers as the table.
  await page.getByRole('link', { name: 'Trends' }).click();
  await volume.getByLabel('Show data table').check();
  const total = await tableCell(volumeTable, period!, 'Total');
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Export CSV' }).click()]);
  expect(download.suggestedFilename()).toMatch(/^firebreak-trends-\d{4}-\d{2}-01-to-\d{4}-\d{2}-\d{2}-by-month\.csv$/);
  const parsed = Papa.parse<Record<string, string>>(await readFile((await download.path())!, 'utf8'), { header: true, skipEmptyLines: true });
  expect(parsed.meta.fields?.slice(0, 7)).toEqual(['period_key', 'period_label', 'period_start', 'period_end', 'is_partial', 'incidents_reported', 'major_incidents']);
  expect(parsed.meta.fields).toContain(`reported_kind_${kind!.toLowerCase()}`);
  expect(parsed.data).toHaveLength(12 + 1);
  expect(parsed.data.at(-1)!.period_key).toBe('total');
  const periodRow = parsed.data.find((row) => row.period_label === period)!;
  expect(periodRow.incidents_reported).toBe(total.replace(/,/g, ''));
  expect(periodRow[`reported_kind_${kind!.toLowerCase()}`]).toBe(String(count));
  expect(parsed.data.at(-1)!.incidents_reported).toBe(String(withoutExercises));

  // A chart exports as a PNG.
  const [png] = await Promise.all([page.waitForEvent('download'), volume.getByRole('button', { name: 'Export Incidents reported as PNG' }).click()]);
  expect(png.suggestedFilename()).toMatch(/incidents-reported\.png$/);
  const bytes = await readFile((await png.path())!);
  expect(bytes.subarray(1, 4).toString('latin1')).toBe('PNG');
  expect(bytes.length).toBeGreaterThan(2000);
});
