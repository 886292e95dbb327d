// Steps shared by the end-to-end tests, written the way a person uses the app: by roles and labels.
import { expect, type Page } from '@playwright/test';

/** `role` is the profile role's value (lead, admin, ...); the form's default (responder) otherwise. */
export async function openFreshApp(page: Page, name = 'Riley Responder', role?: string): Promise<void> {
  await page.goto('/');
  await expect(page.getByRole('heading', { name: 'Welcome to Firebreak' })).toBeVisible();
  await page.getByLabel('Your name').fill(name);
  if (role) await page.getByLabel('Role').selectOption(role);
  await page.getByRole('button', { name: 'Start using Firebreak' }).click();
  await expect(page.getByRole('heading', { name: 'Incidents', exact: true })).toBeVisible();
}

export type NewIncident = { title: string; impact?: 'high' | 'medium' | 'low'; urgency?: 'high' | 'medium' | 'low'; description?: string };

export async function createIncident(page: Page, incident: NewIncident): Promise<void> {
  await page.getByRole('button', { name: 'New incident' }).click();
  const dialog = page.getByRole('dialog', { name: 'New incident' });
  await dialog.getByLabel('Title', { exact: true }).fill(incident.title);
  if (incident.description) await dialog.getByLabel('Description').fill(incident.description);
  await dialog.getByLabel('Impact').selectOption(incident.impact ?? 'medium');
  await dialog.getByLabel('Urgency').selectOption(incident.urgency ?? 'medium');
  await dialog.getByRole('button', { name: 'Create incident' }).click();
  await expect(dialog).toBeHidden();
  await expect(page.getByRole('heading', { level: 1, name: incident.title })).toBeVisible();
}

export function actionButton(page: Page, name: string) {
  return page.getByRole('toolbar', { name: 'Incident actions' }).getByRole('button', { name, exact: true });
}

export async function takeActionWithDialog(page: Page, action: string, fill: (dialog: ReturnType<Page['getByRole']>) => Promise<void>, submit: string) {
  await actionButton(page, action).click();
  const dialog = page.getByRole('dialog');
  await fill(dialog);
  await dialog.getByRole('button', { name: submit, exact: true }).click();
  await expect(dialog).toBeHidden();
}

export async function addNote(page: Page, text: string, occurredAt?: string): Promise<void> {
  await page.getByLabel('Timeline note').fill(text);
  if (occurredAt) await page.getByLabel('Occurred at').fill(occurredAt);
  await page.getByRole('button', { name: 'Add note' }).click();
  await expect(page.getByRole('list', { name: 'Timeline entries' }).getByText(text, { exact: true })).toBeVisible();
}

export function stage(page: Page) {
  return page.getByTestId('incident-stage');
}
