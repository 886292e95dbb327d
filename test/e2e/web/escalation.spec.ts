// Escalation, driven by Playwright's clock: a lead's rule escalates a P1 automatically at 75% of
// its response target, exactly once (in the timeline and in the notification list, also after
// the clock runs on and the page reloads); and a responder escalates by hand with the "e" key.
import { expect, test, type Page } from '@playwright/test';
import { createIncident, takeActionWithDialog } from '../../support/firebreakPage';

async function openAppAs(page: Page, name: string, role: 'lead' | 'responder'): Promise<void> {
  await page.goto('/');
  await expect(page.getByRole('heading', { name: 'Welcome to Firebreak' })).toBeVisible();
  await page.getByLabel('Your name').fill(name);
  await page.getByLabel('Role').selectOption(role);
  await page.getByRole('button', { name: 'Start using Firebreak' }).click();
  await expect(page.getByRole('heading', { name: 'Incidents', exact: true })).toBeVisible();
}

function automaticEntries(page: Page) {
  return page.getByRole('list', { name: 'Timeline entries' }).getByRole('listitem').filter({ hasText: 'Automatic escalation by rule "P1 response at risk"' });
}

test('a lead\'s rule escalates a P1 once at 75% of its response target, on the timeline and in the notification list', async ({ page }) => {
  await page.clock.install({ time: new Date('2026-11-27T09:00:00Z') });
  await openAppAs(page, 'Lena Lead', 'lead');

  await page.getByRole('link', { name: 'Settings' }).click();
  const ruleForm = page.getByRole('form', { name: 'New escalation rule' });
  await ruleForm.getByLabel('Rule name').fill('P1 response at risk');
  await ruleForm.getByLabel('When').selectOption({ label: 'Response clock at risk' });
  await ruleForm.getByRole('checkbox', { name: 'P1' }).check();
  await ruleForm.getByLabel('Then').selectOption({ label: "Notify the lead of the incident's team" });
  await ruleForm.getByRole('button', { name: 'Add escalation rule' }).click();
  const rules = page.getByRole('list', { name: 'Escalation rules' });
  await expect(rules.getByRole('listitem')).toHaveText(
    /P1 response at risk: when response clock at risk and priority is P1, notify the lead of the incident's team\./,
  );

  await page.getByRole('link', { name: 'Incidents', exact: true }).click();
  await createIncident(page, { title: 'Card payments failing', impact: 'high', urgency: 'high' });
  await expect(page.getByTestId('incident-priority')).toContainText('P1');
  await expect(page.getByRole('link', { name: 'Notifications', exact: true })).toBeVisible();

  // 11 min 15 s is 75% of the 15-minute response target: just before it, nothing has fired.
  await page.clock.fastForward('11:00');
  await expect(page.getByTestId('sla-response')).toContainText('On track');
  await expect(automaticEntries(page)).toHaveCount(0);
  await page.clock.fastForward('00:20');
  await expect(page.getByTestId('sla-response')).toContainText('At risk');
  await expect(automaticEntries(page)).toHaveCount(1);
  await expect(automaticEntries(page)).toContainText('response clock at risk (P1 target: respond within 15 min)');
  await expect(page.getByRole('link', { name: 'Notifications, 1 unread' })).toBeVisible();

  // The clock runs on past the breach; a reload restarts the runner: still exactly one of each.
  await page.clock.fastForward('30:00');
  await expect(page.getByTestId('sla-response')).toContainText('Breached');
  await page.reload();
  await expect(page.getByRole('heading', { level: 1, name: 'Card payments failing' })).toBeVisible();
  await page.clock.runFor('05:00');
  await expect(automaticEntries(page)).toHaveCount(1);
  await expect(page.getByRole('link', { name: 'Notifications, 1 unread' })).toBeVisible();

  await page.getByRole('link', { name: 'Notifications, 1 unread' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Notifications' })).toBeVisible();
  const notifications = page.getByRole('list', { name: 'Notifications, newest first' }).getByRole('listitem');
  await expect(notifications).toHaveCount(1);
  await expect(notifications).toContainText('Rule "P1 response at risk": response clock at risk (P1 target: respond within 15 min).');
  await page.getByRole('button', { name: 'Mark all read' }).click();
  await expect(page.getByRole('link', { name: 'Notifications', exact: true })).toBeVisible();
  await expect(notifications.getByText('Unread')).toHaveCount(0);
  await notifications.getByRole('link', { name: /escalated/ }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Card payments failing' })).toBeVisible();
  await expect(automaticEntries(page)).toHaveCount(1);
});

test('the notification list starts empty, says what will appear, and offers desktop notifications', async ({ page }) => {
  await openAppAs(page, 'Ray Responder', 'responder');
  await page.getByRole('link', { name: 'Notifications', exact: true }).click();
  await expect(page.getByText('No notifications yet.')).toBeVisible();
  await expect(page.getByRole('button', { name: 'Mark all read' })).toBeDisabled();
  await expect(page.getByRole('region', { name: 'Desktop notifications' })).toBeVisible();
  await expect(page.getByRole('link', { name: 'escalation rules in Settings' })).toBeVisible();
});

test('"e" opens Escalate for the open incident; a hierarchical escalation to the lead is recorded with its reason', async ({ page }) => {
  await openAppAs(page, 'Ray Responder', 'responder');
  await createIncident(page, { title: 'Core router dropping packets' });
  await page.getByRole('heading', { level: 1, name: 'Core router dropping packets' }).focus();
  await page.keyboard.press('e');
  const dialog = page.getByRole('dialog', { name: /^Escalate INC-/ });
  await expect(dialog).toBeVisible();
  await expect(dialog.getByLabel('Escalation')).toBeFocused();

  // Nothing chosen or typed: a specific message, and nothing is recorded.
  await dialog.getByRole('button', { name: 'Escalate', exact: true }).click();
  await expect(dialog.getByText('Name who the incident is escalated to')).toBeVisible();
  await expect(dialog.getByText('Say why it is escalated')).toBeVisible();

  await dialog.getByLabel('Escalation').selectOption('hierarchical');
  await dialog.getByLabel('Person').selectOption({ label: "The lead of the incident's team" });
  await dialog.getByLabel('Reason').fill('Customer-facing outage beyond our runbook');
  await dialog.getByRole('button', { name: 'Escalate', exact: true }).click();
  await expect(dialog).toBeHidden();
  const entry = page
    .getByRole('list', { name: 'Timeline entries' })
    .getByRole('listitem')
    .filter({ hasText: "Escalated (hierarchical) to the lead of the incident's team: Customer-facing outage beyond our runbook" });
  await expect(entry).toBeVisible();
  await expect(entry).toContainText('Escalation');

  // Esc closes the dialog without escalating; a closed incident cannot be escalated and says why.
  await page.getByRole('heading', { level: 1, name: 'Core router dropping packets' }).focus();
  await page.keyboard.press('e');
  await expect(dialog).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(dialog).toBeHidden();
  await expect(page.getByRole('list', { name: 'Timeline entries' }).getByRole('listitem').filter({ hasText: 'Escalated (' })).toHaveCount(1);

  await takeActionWithDialog(page, 'Cancel', async (cancel) => {
    await cancel.getByLabel('Cancellation reason').selectOption('duplicate');
  }, 'Cancel incident');
  await page.getByRole('heading', { level: 1, name: 'Core router dropping packets' }).focus();
  await page.keyboard.press('e');
  await expect(page.getByRole('status', { name: 'Announcement' })).toHaveText('Escalate is not possible while the incident is cancelled');
  await expect(dialog).toBeHidden();
});
