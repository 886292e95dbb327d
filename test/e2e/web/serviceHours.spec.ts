// Service hours: a lead keeps office hours for service incidents, so a P3 reported late on a
// Friday is due on Monday; a bad time is refused with a message naming the day.
import { expect, test } from '@playwright/test';
import { openFreshApp } from '../../support/firebreakPage';

test('office hours in Europe/London push a Friday-afternoon P3 response to Monday; bad hours are refused', async ({ page }) => {
  // Friday 27 November 2026, 16:30 in London (GMT, so also 16:30 UTC).
  await page.clock.install({ time: new Date('2026-11-27T16:30:00Z') });
  await openFreshApp(page, 'Morgan Lead');
  await page.getByRole('link', { name: 'Settings' }).click();
  await page.getByLabel('Role').selectOption('lead');
  await page.getByRole('button', { name: 'Save profile' }).click();

  const hours = page.getByRole('region', { name: 'Service hours' });
  const service = hours.getByRole('group', { name: 'Service incidents' });
  await service.getByRole('radio', { name: 'Business hours' }).check();
  await service.getByLabel('Time zone').fill('Europe/London');
  await service.getByLabel('Service Wednesday closes').fill('25:00');
  await hours.getByRole('button', { name: 'Save service hours' }).click();
  await expect(hours.getByRole('status')).toContainText('Not saved. Service incidents, Wednesday: Enter a time as HH:MM');

  await service.getByLabel('Service Wednesday closes').fill('17:00');
  await service.getByLabel('Holidays (one date a line, YYYY-MM-DD)').fill('2026-12-25');
  await hours.getByRole('button', { name: 'Save service hours' }).click();
  await expect(hours.getByRole('status')).toContainText('Service hours saved.');

  await page.getByRole('link', { name: 'Incidents' }).click();
  await page.getByRole('button', { name: 'New incident' }).click();
  const dialog = page.getByRole('dialog', { name: 'New incident' });
  await dialog.getByLabel('Title', { exact: true }).fill('Shared drive slow');
  await dialog.getByLabel('Kind').selectOption('service');
  await dialog.getByLabel('Category').selectOption('degradation');
  await dialog.getByLabel('Impact').selectOption('medium');
  await dialog.getByLabel('Urgency').selectOption('medium');
  await dialog.getByRole('button', { name: 'Create incident' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Shared drive slow' })).toBeVisible();
  // P3 responds within 2 h of working time: 30 min on Friday, 90 min on Monday.
  const response = page.getByTestId('sla-response');
  await expect(response).toContainText('2 h 0 min left');
  await expect(response).toContainText('due Nov 30, 2026, 10:30 UTC');
  // Over the weekend, nothing is used up.
  await page.clock.fastForward('48:00:00');
  await expect(response).toContainText('1 h 30 min left');
});
