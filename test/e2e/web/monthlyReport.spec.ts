// The monthly performance report over sample data: figures computed in the worker, the lists, and
// printing (the browser build prints; the print stylesheet hides the app around the report).
import { expect, test } from '@playwright/test';
import { openFreshApp } from '../../support/firebreakPage';

test('a lead opens last month’s performance report and prints it', async ({ page }) => {
  await page.addInitScript(() => {
    (window as unknown as { printCalls: number }).printCalls = 0;
    window.print = () => {
      (window as unknown as { printCalls: number }).printCalls += 1;
    };
  });
  await openFreshApp(page, 'Lee Lead', 'lead');
  await page.getByRole('link', { name: 'Settings' }).click();
  await page.getByLabel('Number of incidents').fill('600');
  await page.getByLabel('Period in days').fill('120');
  await page.getByLabel('Seed').fill('11');
  await page.getByRole('button', { name: 'Generate sample data' }).click();
  await expect(page.getByTestId('sample-data-status')).toHaveText(/Generated 600 sample incidents/);

  await page.getByRole('link', { name: 'Trends' }).click();
  await page.getByRole('link', { name: 'Monthly report' }).click();
  await expect(page.getByText('Incident management performance report')).toBeVisible();
  await page.getByLabel('Month', { exact: true }).fill('2026-09');
  await expect(page.getByRole('heading', { level: 1, name: 'September 2026' })).toBeVisible();
  const summary = page.getByRole('table', { name: /Summary figures against August 2026/ });
  const reported = summary.getByRole('row', { name: /^Incidents reported/ });
  await expect(reported).toBeVisible();
  // About 150 sample incidents a month over the 120 days; September is wholly inside them.
  const thisMonth = Number((await reported.getByRole('cell').nth(0).textContent())?.replace(/,/g, ''));
  expect(thisMonth).toBeGreaterThan(100);
  await expect(summary.getByRole('row', { name: /^SLA response met/ }).getByRole('cell').nth(0)).toHaveText(/^\d+\.\d%$/);

  // Twelve months of trend, drawn from the worker's report.
  await expect(page.getByRole('heading', { name: 'Twelve months to September 2026' })).toBeVisible();
  expect(await page.locator('.report-charts .recharts-bar-rectangle').count()).toBeGreaterThan(0);
  await expect(page.getByRole('heading', { name: 'Service-level breaches' })).toBeVisible();
  await expect(page.getByText('Finding the breaches…')).toBeHidden();
  await expect(page.getByRole('heading', { name: 'Open actions' })).toBeVisible();

  // The month picker changes the report.
  await page.getByLabel('Month', { exact: true }).fill('2026-10');
  await expect(page.getByRole('heading', { level: 1, name: 'October 2026' })).toBeVisible();
  await expect(page.getByRole('table', { name: /Summary figures against September 2026/ })).toBeVisible();

  await page.getByRole('button', { name: 'Print or save as PDF' }).click();
  expect(await page.evaluate(() => (window as unknown as { printCalls: number }).printCalls)).toBe(1);
  await page.emulateMedia({ media: 'print' });
  await expect(page.getByRole('navigation')).toBeHidden();
  await expect(page.getByRole('group', { name: 'Report options' })).toBeHidden();
  await expect(page.getByRole('heading', { level: 1, name: 'October 2026' })).toBeVisible();
});
