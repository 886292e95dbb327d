// The responder's first journey, from report to closure, against the web build in Chromium with
// real IndexedDB; once online, once with the network cut before the journey starts.
import { expect, test, type Page } from '@playwright/test';
import { actionButton, addNote, createIncident, openFreshApp, stage, takeActionWithDialog } from '../../support/firebreakPage';

const title = 'Ransomware on finance file server';

async function runJourney(page: Page): Promise<void> {
  await page.getByRole('button', { name: 'New incident' }).click();
  const form = page.getByRole('dialog', { name: 'New incident' });
  await form.getByLabel('Title', { exact: true }).fill(title);
  await form.getByLabel('Kind').selectOption('security');
  await form.getByLabel('Category').selectOption('ransomware');
  await form.getByLabel('Impact').selectOption('high');
  await form.getByLabel('Urgency').selectOption('high');
  await expect(form.getByTestId('derived-priority')).toContainText('P1');
  await form.getByLabel('TLP').selectOption('AMBER+STRICT');
  await form.getByLabel('Personal data involved').check();
  await form.getByRole('button', { name: 'Create incident' }).click();
  await expect(page.getByRole('heading', { level: 1, name: title })).toBeVisible();
  await expect(page.getByTestId('incident-priority')).toContainText('P1');
  await expect(stage(page)).toHaveText('New');

  await actionButton(page, 'Acknowledge').click();
  await expect(stage(page)).toHaveText('Triaged');
  await expect(actionButton(page, 'Acknowledge')).toBeDisabled();

  await takeActionWithDialog(page, 'Assign', async (dialog) => {
    await dialog.getByLabel('Assignee').selectOption('me');
  }, 'Assign');
  await expect(page.getByTestId('incident-assignee')).toHaveText('Riley Responder');
  await expect(stage(page)).toHaveText('In progress');

  await addNote(page, 'Isolated the file server from the network.');
  await addNote(page, 'First encrypted file appeared at 06:10 (from the file server audit log).', '2026-01-15T06:10');

  await takeActionWithDialog(page, 'Put on hold', async (dialog) => {
    await dialog.getByLabel('Reason').fill('Waiting for the backup vendor');
  }, 'Put on hold');
  await expect(stage(page)).toHaveText('On hold');
  await expect(actionButton(page, 'Resolve')).toBeDisabled();

  await actionButton(page, 'Resume').click();
  await expect(stage(page)).toHaveText('In progress');

  await takeActionWithDialog(
    page,
    'Resolve',
    async (dialog) => {
      await dialog.getByLabel('Resolution code').selectOption('contained_and_eradicated');
      await dialog.getByLabel('Resolution summary').fill('Restored from clean backups; the initial access path was closed.');
    },
    'Resolve',
  );
  await expect(stage(page)).toHaveText('Resolved');

  await actionButton(page, 'Close').click();
  await expect(stage(page)).toHaveText('Closed');
  await expect(actionButton(page, 'Reopen')).toBeEnabled();
  await expect(actionButton(page, 'Cancel')).toBeDisabled();
}

async function expectJourneyPersisted(page: Page): Promise<void> {
  await expect(page.getByRole('heading', { level: 1, name: title })).toBeVisible();
  await expect(stage(page)).toHaveText('Closed');
  await expect(page.getByTestId('incident-priority')).toContainText('P1');
  await expect(page.getByTestId('incident-assignee')).toHaveText('Riley Responder');
  const timeline = page.getByRole('list', { name: 'Timeline entries' });
  await expect(timeline.getByText('Isolated the file server from the network.', { exact: true })).toBeVisible();
  const backdated = timeline.getByRole('listitem').filter({ hasText: 'First encrypted file appeared' });
  await expect(backdated).toContainText('recorded');
  await expect(backdated.locator('time').first()).toHaveAttribute('datetime', /^2026-01-15T/);
  for (const text of ['Acknowledged', 'Assigned to Riley Responder', 'Put on hold: Waiting for the backup vendor', 'Resumed', 'Closed']) {
    await expect(timeline.getByText(text, { exact: true })).toBeVisible();
  }
  const times = page.getByTestId('lifecycle-times');
  for (const label of ['Acknowledged', 'Resolved', 'Closed']) {
    await expect(times.getByText(label, { exact: true }).locator('xpath=following-sibling::dd[1]')).not.toHaveText('—');
  }
  await expect(times.getByText('Cancelled', { exact: true }).locator('xpath=following-sibling::dd[1]')).toHaveText('—');
  await expect(page.getByRole('list', { name: 'Incident list' }).getByRole('listitem')).toHaveCount(1);
}

test('a responder records and works an incident from report to closure, and it survives a reload', async ({ page }) => {
  await openFreshApp(page);
  await runJourney(page);
  await page.reload();
  await expectJourneyPersisted(page);
});

test('the same journey works with the network cut from the start, including the reload', async ({ page, context }) => {
  await page.goto('/');
  // The web build's service worker keeps the app shell; wait until it controls the page.
  await page.evaluate(async () => {
    await navigator.serviceWorker.ready;
  });
  await page.close();
  await context.setOffline(true);
  const offlinePage = await context.newPage();
  await offlinePage.goto('/');
  await expect(offlinePage.getByRole('heading', { name: 'Welcome to Firebreak' })).toBeVisible();
  await offlinePage.getByLabel('Your name').fill('Riley Responder');
  await offlinePage.getByRole('button', { name: 'Start using Firebreak' }).click();
  await expect(offlinePage.getByRole('status', { name: 'Sync status' })).toHaveText('Offline - local only');
  await runJourney(offlinePage);
  await offlinePage.reload();
  await expectJourneyPersisted(offlinePage);
  expect(await offlinePage.evaluate(() => navigator.onLine)).toBe(false);
});

test('keyboard: N opens the new incident form, / focuses search, ? lists shortcuts', async ({ page }) => {
  await openFreshApp(page);
  await page.keyboard.press('n');
  await expect(page.getByRole('dialog', { name: 'New incident' })).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(page.getByRole('dialog', { name: 'New incident' })).toBeHidden();
  await page.keyboard.press('/');
  await expect(page.getByLabel('Search incidents')).toBeFocused();
  await page.getByLabel('Search incidents').press('Escape');
  await page.keyboard.press('?');
  await expect(page.getByRole('dialog', { name: 'Keyboard shortcuts' })).toBeVisible();
});

test('validation errors appear beside the field and nothing is saved', async ({ page }) => {
  await openFreshApp(page);
  await page.getByRole('button', { name: 'New incident' }).click();
  const form = page.getByRole('dialog', { name: 'New incident' });
  await form.getByRole('button', { name: 'Create incident' }).click();
  await expect(form.getByLabel('Title', { exact: true })).toHaveAttribute('aria-invalid', 'true');
  await expect(form.getByText('Enter a title')).toBeVisible();
  await form.getByLabel('Title', { exact: true }).fill('Phishing wave');
  await form.getByLabel('Override priority').check();
  await form.getByLabel('Override justification').fill('short');
  await form.getByRole('button', { name: 'Create incident' }).click();
  await expect(form.getByText(/at least 10 characters/)).toBeVisible();
  await form.getByRole('button', { name: 'Close dialog' }).click();
  await expect(page.getByText('No incidents yet.')).toBeVisible();
});

test('tasks can be added and checked off, and the timeline records them', async ({ page }) => {
  await openFreshApp(page);
  await createIncident(page, { title: 'VPN gateway down' });
  await page.getByLabel('New task').fill('Call the ISP');
  await page.getByRole('button', { name: 'Add task' }).click();
  await page.getByRole('checkbox', { name: 'Call the ISP' }).click();
  await expect(page.getByRole('checkbox', { name: 'Call the ISP' })).toBeChecked();
  await expect(page.getByRole('list', { name: 'Timeline entries' }).getByText('Task done: Call the ISP')).toBeVisible();
});

test.describe('in a browser set to New York time', () => {
  test.use({ timezoneId: 'America/New_York' });

  test('one click switches every time on screen to UTC and back', async ({ page }) => {
    await page.emulateMedia({ colorScheme: 'dark' });
    await openFreshApp(page);
    await createIncident(page, { title: 'Clock check' });
    const reported = page.getByTestId('lifecycle-times').locator('time').first();
    const toggle = page.getByRole('button', { name: 'UTC times' });
    await expect(toggle).toHaveAttribute('aria-pressed', 'false');
    await toggle.click();
    await expect(toggle).toHaveAttribute('aria-pressed', 'true');
    await expect(reported).toHaveText(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2} UTC$/);
    const iso = (await reported.getAttribute('datetime')) ?? '';
    await expect(reported).toHaveText(`${iso.slice(0, 16).replace('T', ' ')} UTC`);
    await toggle.click();
    await expect(reported).not.toHaveText(/ UTC$/);
  });
});

test('unsent drafts survive: a new-incident form closed with Esc, a note left on another incident', async ({ page }) => {
  await openFreshApp(page);
  await page.keyboard.press('n');
  await page.getByRole('dialog', { name: 'New incident' }).getByLabel('Title', { exact: true }).fill('Half-written report');
  await page.keyboard.press('Escape');
  await expect(page.getByRole('dialog', { name: 'New incident' })).toBeHidden();
  await page.keyboard.press('n');
  await expect(page.getByRole('dialog', { name: 'New incident' }).getByLabel('Title', { exact: true })).toHaveValue('Half-written report');
  await page.keyboard.press('Escape');
  await expect(page.getByRole('dialog', { name: 'New incident' })).toBeHidden();

  await createIncident(page, { title: 'First incident' });
  await page.getByLabel('Timeline note').fill('Note I have not added yet');
  await createIncident(page, { title: 'Second incident' });
  await expect(page.getByLabel('Timeline note')).toHaveValue('');
  await page.getByRole('list', { name: 'Incident list' }).getByRole('link', { name: /First incident/ }).click();
  await expect(page.getByLabel('Timeline note')).toHaveValue('Note I have not added yet');
});

test('escalating records who it went to and why on the timeline, and keeps the stage', async ({ page }) => {
  await openFreshApp(page);
  await createIncident(page, { title: 'Core router dropping packets' });
  await actionButton(page, 'Acknowledge').click();
  await takeActionWithDialog(
    page,
    'Escalate',
    async (dialog) => {
      await dialog.getByLabel('Escalation').selectOption('functional');
      await dialog.getByLabel('Escalate to').fill('Network engineering');
      await dialog.getByLabel('Reason').fill('Needs a BGP specialist');
    },
    'Escalate',
  );
  const entry = page.getByRole('list', { name: 'Timeline entries' }).getByRole('listitem').filter({ hasText: 'Escalated (functional) to Network engineering: Needs a BGP specialist' });
  await expect(entry).toBeVisible();
  await expect(entry).toContainText('Escalation');
  await expect(stage(page)).toHaveText('Triaged');
});
