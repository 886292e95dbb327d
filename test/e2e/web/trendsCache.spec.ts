// The Trends worker's cache: after a reload the page starts from the cached rows and still sees
// every incident written since, and removing sample data (a new list epoch) is never hidden by it.
import { expect, test, type Page } from '@playwright/test';
import { createIncident, openFreshApp } from '../../support/firebreakPage';

async function openTrends(page: Page): Promise<number> {
  await page.getByRole('link', { name: 'Trends', exact: true }).click();
  const status = page.getByTestId('trend-status');
  const text = await status.getByText(/^Computed over/).textContent();
  return Number(/over ([\d,]+) incidents/.exec(text ?? '')![1]!.replace(/,/g, ''));
}

test('trends start from the cache after a reload and still count what changed since', async ({ page }) => {
  await openFreshApp(page, 'Lee Lead', 'lead');
  await page.getByRole('link', { name: 'Settings' }).click();
  await page.getByLabel('Number of incidents').fill('300');
  await page.getByLabel('Period in days').fill('60');
  await page.getByLabel('Seed').fill('5');
  await page.getByRole('button', { name: 'Generate sample data' }).click();
  await expect(page.getByTestId('sample-data-status')).toHaveText(/Generated 300 sample incidents/);

  expect(await openTrends(page)).toBe(300);
  // The worker saves its cache after 1.5 s without new rows.
  await page.waitForTimeout(2500);
  await page.reload();
  expect(await openTrends(page)).toBe(300);

  await page.getByRole('link', { name: 'Incidents', exact: true }).click();
  await createIncident(page, { title: 'Written after the cache was saved' });
  await page.reload();
  expect(await openTrends(page)).toBe(301);

  await page.getByRole('link', { name: 'Settings' }).click();
  await page.getByRole('button', { name: 'Remove sample data' }).click();
  await page.getByRole('button', { name: 'Yes, remove all sample incidents' }).click();
  await expect(page.getByTestId('sample-data-status')).toHaveText(/Removed 300 sample incidents/);
  await page.reload();
  expect(await openTrends(page)).toBe(1);
});
