// Steps shared by the two-browser sync journeys: accounts made through the server's admin API,
// and a browser window signed in to the team server. Not a test file.
import { expect, type APIRequestContext, type Browser, type Page } from '@playwright/test';
import { syncAdmin } from '../../playwright.config';

export const memberPassword = 'correct horse battery staple';
/** Every sync journey shares the server's one team. */
export const sharedTeam = 'Default team';

/** Headers that act as the server's administrator. */
export async function adminHeaders(request: APIRequestContext): Promise<Record<string, string>> {
  const login = await request.post('/auth/login', {
    headers: { 'x-firebreak-schema': '1' },
    data: { email: syncAdmin.email, password: syncAdmin.password, deviceId: 'e2e-admin-device' },
  });
  expect(login.ok()).toBe(true);
  const { accessToken } = (await login.json()) as { accessToken: string };
  return { authorization: `Bearer ${accessToken}`, 'x-firebreak-schema': '1' };
}

/** Creates the account (if new) and gives it `role` in the shared team. */
export async function addServerMember(request: APIRequestContext, headers: Record<string, string>, email: string, name: string, role: string): Promise<void> {
  const created = await request.post('/admin/users', { headers, data: { email, name, password: memberPassword } });
  expect([200, 201, 409]).toContain(created.status());
  const member = await request.post('/admin/memberships', { headers, data: { email, teamName: sharedTeam, role } });
  expect(member.ok()).toBe(true);
}

export function syncStatus(page: Page) {
  return page.getByRole('status', { name: 'Sync status' });
}

/**
 * A fresh browser window (its own IndexedDB) whose profile is `name` and which is signed in and
 * synced. `profileRole` is the local profile's role; the team role comes from addServerMember.
 */
export async function signedInWindow(browser: Browser, baseURL: string, person: { name: string; email: string; profileRole?: string }): Promise<Page> {
  const context = await browser.newContext({ baseURL });
  const page = await context.newPage();
  await page.goto('/');
  await page.getByLabel('Your name').fill(person.name);
  if (person.profileRole) await page.getByLabel('Role').selectOption(person.profileRole);
  await page.getByRole('button', { name: 'Start using Firebreak' }).click();
  await page.getByRole('link', { name: 'Settings' }).click();
  await page.getByLabel('Server address').fill(baseURL);
  await page.getByLabel('Email').fill(person.email);
  await page.getByLabel('Password').fill(memberPassword);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(syncStatus(page)).toHaveText(/Up to date/, { timeout: 20_000 });
  return page;
}
