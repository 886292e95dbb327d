// Filtering, sorting, searching and keyboard movement over a generated queue.
import { expect, test } from '@playwright/test';
import { createIncident, openFreshApp, takeActionWithDialog } from '../../support/firebreakPage';

test('sample data fills the list; filters, search and j/k work on it', async ({ page }) => {
  await openFreshApp(page);
  await page.getByRole('link', { name: 'Settings' }).click();
  await page.getByLabel('Number of incidents').fill('400');
  await page.getByLabel('Period in days').fill('30');
  await page.getByLabel('Seed').fill('7');
  await page.getByRole('button', { name: 'Generate sample data' }).click();
  await expect(page.getByTestId('sample-data-status')).toHaveText(/Generated 400 sample incidents/);

  await page.getByRole('link', { name: 'Incidents' }).click();
  const count = page.getByTestId('incident-count');
  await expect(count).toHaveText('400 incidents');
  const list = page.getByRole('list', { name: 'Incident list' });

  await page.getByLabel('Priority', { exact: true }).selectOption('P1');
  await expect(count).toHaveText(/ of 400 incidents match/);
  const p1Rows = await list.getByRole('link').evaluateAll((links) => links.map((link) => link.getAttribute('aria-label') ?? ''));
  expect(p1Rows.length).toBeGreaterThan(0);
  for (const label of p1Rows) expect(label).toContain(', P1,');

  await page.getByLabel('Stage', { exact: true }).selectOption('closed');
  // The filter applies a frame after the change (it is deferred): retry until the rows follow it.
  await expect(async () => {
    const closedP1 = await list.getByRole('link').evaluateAll((links) => links.map((link) => link.getAttribute('aria-label') ?? ''));
    for (const label of closedP1) expect(label).toMatch(/, P1, Closed, sample$/);
  }).toPass();

  await page.getByRole('button', { name: 'Clear filters' }).first().click();
  await expect(count).toHaveText('400 incidents');

  const firstLabel = (await list.getByRole('link').first().getAttribute('aria-label')) ?? '';
  const reference = firstLabel.split(' ')[0]!;
  await page.keyboard.press('/');
  await page.keyboard.type(reference.toLowerCase());
  await expect(count).toHaveText('1 of 400 incidents match');
  // Esc in the search box clears it (native search input) and leaves it.
  await page.getByLabel('Search incidents').press('Escape');
  await expect(count).toHaveText('400 incidents');
  await page.getByLabel('Search incidents').blur();

  await page.keyboard.press('j');
  await expect(page).toHaveURL(/#\/incidents\/[0-9a-f-]{36}$/);
  const firstUrl = page.url();
  await page.keyboard.press('j');
  await expect(page).not.toHaveURL(firstUrl);
  await page.keyboard.press('k');
  await expect(page).toHaveURL(firstUrl);
  // Opening an incident moves focus into it: Tab reaches its actions, not the rest of the list.
  await expect(page.getByRole('article').getByRole('heading', { level: 1 })).toBeFocused();
  await page.keyboard.press('Tab');
  await expect(page.getByRole('toolbar', { name: 'Incident actions' }).locator(':focus')).toHaveCount(1);
  await page.keyboard.press('Escape');
  await expect(page).toHaveURL(/#\/incidents$/);

  // Sample data is marked, can be filtered out, and removed without touching real incidents.
  await page.getByLabel('Source', { exact: true }).selectOption('real');
  await expect(count).toHaveText('0 of 400 incidents match');
  await page.getByRole('button', { name: 'Clear filters' }).click();
  await page.getByRole('link', { name: 'Settings' }).click();
  await page.getByRole('button', { name: 'Remove sample data' }).click();
  await page.getByRole('button', { name: 'Yes, remove all sample incidents' }).click();
  await expect(page.getByTestId('sample-data-status')).toHaveText('Removed 400 sample incidents. Real incidents were not touched.');
  await page.getByRole('link', { name: 'Incidents' }).click();
  await expect(page.getByText('No incidents yet.')).toBeVisible();
});

test('triage by keyboard: j opens the next incident, a assigns it to me, and a refusal is announced', async ({ page }) => {
  await openFreshApp(page, 'Kim Keyboard');
  await createIncident(page, { title: 'First in the queue' });
  await createIncident(page, { title: 'Second in the queue' });
  await page.keyboard.press('Escape');
  await expect(page).toHaveURL(/#\/incidents$/);
  await page.keyboard.press('j');
  await expect(page.getByRole('article').getByRole('heading', { level: 1 })).toHaveText('Second in the queue');
  await page.keyboard.press('a');
  await expect(page.getByTestId('incident-assignee')).toHaveText('Kim Keyboard');
  await expect(page.getByRole('list', { name: 'Timeline entries' }).getByText('Assigned to Kim Keyboard', { exact: true })).toBeVisible();
  // Cancelled incidents cannot be assigned: the key does nothing but say why.
  await takeActionWithDialog(page, 'Cancel', async (dialog) => {
    await dialog.getByLabel('Cancellation reason').selectOption('duplicate');
  }, 'Cancel incident');
  await page.keyboard.press('a');
  await expect(page.getByRole('status', { name: 'Announcement' })).toHaveText(/Assign is not possible while the incident is cancelled/);
});
