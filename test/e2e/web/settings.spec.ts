// Settings a lead changes: the priority matrix drives new incidents; service targets refuse bad
// numbers field by field; the profile change shows in the status bar.
import { expect, test } from '@playwright/test';
import { openFreshApp } from '../../support/firebreakPage';

test('a changed priority matrix drives the priority of new incidents, and survives a reload', async ({ page }) => {
  await openFreshApp(page);
  await page.getByRole('link', { name: 'Settings' }).click();
  await page.getByLabel('Priority for impact low and urgency low').selectOption('P4');
  await expect(page.getByText('Impact low, urgency low now gives P4.')).toBeVisible();
  await page.reload();
  await expect(page.getByLabel('Priority for impact low and urgency low')).toHaveValue('P4');
  await page.keyboard.press('n');
  const form = page.getByRole('dialog', { name: 'New incident' });
  await form.getByLabel('Impact').selectOption('low');
  await form.getByLabel('Urgency').selectOption('low');
  await expect(form.getByTestId('derived-priority')).toContainText('P4');
});

test('service targets refuse bad numbers beside each field and keep the saved values', async ({ page }) => {
  await openFreshApp(page);
  await page.getByRole('link', { name: 'Settings' }).click();
  const p1Respond = page.getByLabel('P1 respond within minutes');
  const p3Resolve = page.getByLabel('P3 resolve within hours');
  await expect(p1Respond).toHaveValue('15');
  await p1Respond.fill('0');
  await p3Resolve.fill('');
  await page.getByRole('button', { name: 'Save service targets' }).click();
  await expect(page.getByRole('alert')).toHaveText(/Not saved\. P1: .*; P3: /);
  await expect(p1Respond).toHaveAttribute('aria-invalid', 'true');
  await expect(p3Resolve).toHaveAttribute('aria-invalid', 'true');
  await expect(page.getByLabel('P2 respond within minutes')).toHaveAttribute('aria-invalid', 'false');
  // Resolve shorter than respond is refused by the domain rule.
  await p1Respond.fill('600');
  await p3Resolve.fill('24');
  await page.getByLabel('P1 resolve within hours').fill('1');
  await page.getByRole('button', { name: 'Save service targets' }).click();
  await expect(page.getByRole('alert')).toHaveText(/cannot be shorter than the response target/);
  await page.reload();
  await expect(page.getByLabel('P1 respond within minutes')).toHaveValue('15');
  await page.getByLabel('P1 respond within minutes').fill('20');
  await page.getByRole('button', { name: 'Save service targets' }).click();
  await expect(page.getByText('Service targets saved.')).toBeVisible();
  await page.reload();
  await expect(page.getByLabel('P1 respond within minutes')).toHaveValue('20');
});

test('the profile can be changed, and the status bar follows', async ({ page }) => {
  await openFreshApp(page, 'Alex Example');
  await expect(page.getByText('Alex Example (AE) on this device')).toBeVisible();
  await page.getByRole('link', { name: 'Settings' }).click();
  await page.getByLabel('Your name').fill('Alex Q. Example');
  await page.getByLabel('Initials').fill('AQE');
  await page.getByLabel('Role').selectOption('lead');
  await page.getByRole('button', { name: 'Save profile' }).click();
  await expect(page.getByText('Alex Q. Example (AQE) on this device')).toBeVisible();
  await page.getByLabel('Initials').fill('A.B');
  await page.getByRole('button', { name: 'Save profile' }).click();
  await expect(page.getByText('Initials are letters or digits only')).toBeVisible();
  await expect(page.getByText('Alex Q. Example (AQE) on this device')).toBeVisible();
});
