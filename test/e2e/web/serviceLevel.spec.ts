// Service-level clocks on the incident page, driven by Playwright's clock: a P1's response clock
// goes at risk at 75% of its target and breached after it; a hold stops the countdown and resuming
// continues from where it stopped.
import { expect, test } from '@playwright/test';
import { actionButton, createIncident, openFreshApp, takeActionWithDialog } from '../../support/firebreakPage';

test('a P1 created at 09:00 is at risk at 75% of its response target and breached after it; a hold stops the countdown', async ({ page }) => {
  await page.clock.install({ time: new Date('2026-11-27T09:00:00Z') });
  await openFreshApp(page);
  await createIncident(page, { title: 'Payment switch down', impact: 'high', urgency: 'high' });
  const response = page.getByTestId('sla-response');
  const resolution = page.getByTestId('sla-resolution');
  await expect(response).toContainText('On track');
  await expect(response).toContainText('15 min left');

  await page.clock.fastForward('11:20');
  await expect(response).toContainText('At risk');
  await page.clock.fastForward('04:00');
  await expect(response).toContainText('Breached');

  // Acknowledging stops the response clock (missed: after its target); the resolution clock runs on.
  await actionButton(page, 'Acknowledge').click();
  await expect(response).toContainText('Missed');
  await actionButton(page, 'Start work').click();
  await expect(resolution).toContainText('On track');
  const beforeHold = (await resolution.textContent()) ?? '';
  await takeActionWithDialog(page, 'Put on hold', async (dialog) => {
    await dialog.getByLabel('Reason').fill('Waiting for the card processor');
  }, 'Put on hold');
  await expect(resolution).toContainText('Paused');
  await expect(resolution).toContainText('on hold: Waiting for the card processor');
  const whilePaused = (await resolution.textContent()) ?? '';
  await page.clock.fastForward('01:00:00');
  await expect(resolution).toHaveText(whilePaused);

  await actionButton(page, 'Resume').click();
  await expect(resolution).toContainText('On track');
  // The hour on hold did not count: the same time is left as just before the hold.
  const leftBefore = /(\d+ h \d+ min|\d+ min) left/.exec(beforeHold)?.[1];
  expect(leftBefore).toBeTruthy();
  await expect(resolution).toContainText(`${leftBefore} left`);
});
