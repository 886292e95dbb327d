// Queue views against service levels, driven by Playwright's clock; bulk change with one undo;
// saved views; the data-quality view.
import { expect, test, type Page } from '@playwright/test';
import { createIncident, openFreshApp } from '../../support/firebreakPage';

function queue(page: Page, name: string) {
  return page.getByRole('navigation', { name: 'Queues and saved views' }).getByRole('button', { name, exact: true });
}

function priorityFilter(page: Page) {
  return page.getByRole('group', { name: 'Filter and sort incidents' }).getByLabel('Priority', { exact: true });
}

function list(page: Page) {
  return page.getByRole('list', { name: 'Incident list' });
}

test('a P1 reported at 09:00 enters "Breaching soon" at 75% of its response target and "Breached" after it, counting down live', async ({ page }) => {
  await page.clock.install({ time: new Date('2026-11-27T09:00:00Z') });
  await openFreshApp(page);
  await createIncident(page, { title: 'Payment switch down', impact: 'high', urgency: 'high' });
  await createIncident(page, { title: 'Printer jam', impact: 'low', urgency: 'low' });
  await page.keyboard.press('Escape');

  await queue(page, 'Breaching soon').click();
  await expect(queue(page, 'Breaching soon')).toHaveAttribute('aria-current', 'true');
  await expect(page.getByText('No incidents match these filters.')).toBeVisible();

  await page.clock.fastForward('11:20');
  const p1Row = list(page).getByRole('listitem').filter({ hasText: 'Payment switch down' });
  await expect(p1Row).toBeVisible();
  await expect(list(page).getByRole('listitem')).toHaveCount(1);
  await expect(p1Row.getByTestId('row-sla')).toContainText('At risk');
  await expect(p1Row.getByTestId('row-sla')).toContainText(/Response due in 3 min [34]\d s/);
  await page.clock.runFor(2000);
  await expect(p1Row.getByTestId('row-sla')).toContainText(/Response due in 3 min [34]\d s/);

  await page.clock.fastForward('04:00');
  await expect(page.getByText('No incidents match these filters.')).toBeVisible();
  await queue(page, 'Breached').click();
  await expect(p1Row.getByTestId('row-sla')).toContainText('Breached');
  await expect(p1Row.getByTestId('row-sla')).toContainText(/Response over by \d+ min/);

  // Every open incident, the most urgent first.
  await queue(page, 'Unassigned').click();
  await expect(list(page).getByRole('listitem')).toHaveCount(2);
  await expect(list(page).getByRole('listitem').first()).toContainText('Payment switch down');
});

test('bulk assign changes every ticked incident and one Undo reverses them all', async ({ page }) => {
  await openFreshApp(page, 'Morgan Lead');
  for (const title of ['Mail relay down', 'VPN flapping', 'Disk full on build server']) await createIncident(page, { title });
  await page.keyboard.press('Escape');

  await page.getByRole('checkbox', { name: /Select INC-.*/ }).nth(0).check();
  await page.getByRole('checkbox', { name: /Select INC-.*/ }).nth(1).check();
  const bulk = page.getByRole('region', { name: 'Bulk actions' });
  await expect(bulk).toContainText('2 selected');
  await bulk.getByLabel('Assign to').selectOption({ label: 'Me' });
  await bulk.getByRole('button', { name: 'Assign selected' }).click();
  await expect(list(page).getByRole('listitem').filter({ hasText: 'Morgan Lead' })).toHaveCount(2);
  await expect(page.getByRole('status').filter({ hasText: '2 incidents changed' })).toBeVisible();

  await bulk.getByRole('button', { name: 'Undo' }).click();
  await expect(list(page).getByRole('listitem').filter({ hasText: 'Morgan Lead' })).toHaveCount(0);
  await expect(list(page).getByRole('listitem').filter({ hasText: 'Unassigned' })).toHaveCount(3);

  // The timeline keeps both the change and its undo: nothing is silently rewritten.
  await list(page).getByRole('link', { name: /VPN flapping/ }).click();
  const timeline = page.getByRole('region', { name: /Timeline/ });
  await expect(timeline).toContainText('Assigned to Morgan Lead (bulk change of 2)');
  await expect(timeline).toContainText('Undone: Assign to Morgan Lead (bulk change)');
});

test('a saved view keeps its filters and sort, and the data-quality view lists what is missing', async ({ page }) => {
  await openFreshApp(page);
  await createIncident(page, { title: 'Ransom note on file share', impact: 'high', urgency: 'high' });
  await createIncident(page, { title: 'Slow intranet', impact: 'low', urgency: 'low' });
  await page.keyboard.press('Escape');

  await priorityFilter(page).selectOption('P1');
  await expect(list(page).getByRole('listitem')).toHaveCount(1);
  await page.getByRole('button', { name: 'Save view…' }).click();
  const dialog = page.getByRole('dialog', { name: 'Save view' });
  await dialog.getByLabel('View name').fill('Open P1s');
  await dialog.getByRole('button', { name: 'Save view' }).click();
  await expect(queue(page, 'Open P1s')).toHaveAttribute('aria-current', 'true');

  await queue(page, 'All incidents').click();
  await expect(list(page).getByRole('listitem')).toHaveCount(2);
  await page.reload();
  await queue(page, 'Open P1s').click();
  await expect(priorityFilter(page)).toHaveValue('P1');
  await expect(list(page).getByRole('listitem')).toHaveCount(1);

  await page.getByRole('link', { name: 'Data quality' }).click();
  const unassigned = page.getByRole('region', { name: /No assignee/ });
  await expect(unassigned).toContainText('Ransom note on file share');
  await expect(unassigned).toContainText('Slow intranet');
  await expect(page.getByRole('region', { name: /No category/ })).toContainText('Every open incident has a category.');
});
