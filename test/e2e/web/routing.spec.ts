// A lead's routing rule sends a phishing incident to the Security Operations team, and the
// incident says which rule routed it and why.
import { expect, test } from '@playwright/test';
import { openFreshApp } from '../../support/firebreakPage';

test('a routing rule sends a phishing incident to the "Security Operations" team', async ({ page }) => {
  await openFreshApp(page);
  await page.getByRole('link', { name: 'Settings' }).click();
  await page.getByLabel('Rule name').fill('Phishing to SOC');
  await page.getByLabel('When category is').selectOption('phishing');
  await page.getByLabel('Route to team').fill('Security Operations');
  await page.getByRole('button', { name: 'Add rule' }).click();
  await expect(page.getByRole('list', { name: 'Routing rules' })).toContainText('Phishing to SOC: when category is Phishing, route to Security Operations');

  await page.getByRole('link', { name: 'Incidents' }).click();
  await page.getByRole('button', { name: 'New incident' }).click();
  const form = page.getByRole('dialog', { name: 'New incident' });
  await form.getByLabel('Title', { exact: true }).fill('Credential phishing wave');
  await form.getByLabel('Kind').selectOption('security');
  await form.getByLabel('Category').selectOption('phishing');
  await form.getByRole('button', { name: 'Create incident' }).click();
  await expect(page.getByTestId('incident-team')).toHaveText('Security Operations');
  await expect(page.getByRole('list', { name: 'Timeline entries' })).toContainText('Routed to Security Operations by rule "Phishing to SOC": category is Phishing.');

  // An incident the rule does not match gets no team.
  await page.getByRole('button', { name: 'New incident' }).click();
  await form.getByLabel('Title', { exact: true }).fill('Laptop left on a train');
  await form.getByLabel('Category').selectOption('lost_or_stolen_device');
  await form.getByRole('button', { name: 'Create incident' }).click();
  await expect(page.getByRole('article').getByRole('heading', { level: 1 })).toHaveText('Laptop left on a train');
  await expect(page.getByTestId('incident-team')).toHaveText('No team');
});
