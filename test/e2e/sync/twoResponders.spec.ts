// Two responders of one team against a live team server: both go offline, both edit the same
// incident (one field both changed, other fields each their own) and add notes, both reconnect;
// both end up with the same incident and every note, and the conflict log shows the clash.
// A viewer's edit is refused by the server and rolled back in their window.
import { expect, test, type Browser, type Page } from '@playwright/test';
import { addNote, createIncident } from '../../support/firebreakPage';
import { addServerMember, adminHeaders, signedInWindow } from '../../support/syncTeam';

async function signedInPage(browser: Browser, baseURL: string, name: string, email: string): Promise<Page> {
  const page = await signedInWindow(browser, baseURL, { name, email });
  await page.getByRole('link', { name: 'Incidents' }).click();
  return page;
}

async function editDetails(page: Page, fields: Record<string, string>): Promise<void> {
  await page.getByRole('button', { name: 'Edit details' }).click();
  const dialog = page.getByRole('dialog');
  for (const [label, value] of Object.entries(fields)) await dialog.getByLabel(label, { exact: true }).fill(value);
  await dialog.getByRole('button', { name: 'Save details' }).click();
  await expect(dialog).toBeHidden();
}

test('two responders edit one incident offline; after reconnecting both see the same incident, all notes and the clash', async ({ browser, request, baseURL }) => {
  const stamp = Date.now();
  const alice = { name: 'Alice Responder', email: `alice.${stamp}@firebreak.test` };
  const bob = { name: 'Bob Responder', email: `bob.${stamp}@firebreak.test` };
  const headers = await adminHeaders(request);
  await addServerMember(request, headers, alice.email, alice.name, 'responder');
  await addServerMember(request, headers, bob.email, bob.name, 'responder');

  const alicePage = await signedInPage(browser, baseURL!, alice.name, alice.email);
  const bobPage = await signedInPage(browser, baseURL!, bob.name, bob.email);

  const title = `Core switch flapping ${stamp}`;
  await createIncident(alicePage, { title, impact: 'high', urgency: 'medium' });
  // Bob's window learns of it through a poke and a pull.
  const bobRow = bobPage.getByRole('list', { name: 'Incident list' }).getByRole('link', { name: new RegExp(title) });
  await expect(bobRow).toBeVisible({ timeout: 20_000 });
  await bobRow.click();
  await expect(bobPage.getByRole('article').getByRole('heading', { level: 1 })).toHaveText(title);

  await alicePage.context().setOffline(true);
  await bobPage.context().setOffline(true);
  await expect(alicePage.getByRole('status', { name: 'Sync status' })).toHaveText(/Offline/, { timeout: 20_000 });

  await editDetails(alicePage, { Title: `${title} (Alice)`, 'Affected services': 'Campus network' });
  await addNote(alicePage, 'Alice: replaced the uplink optic.');
  await editDetails(bobPage, { Title: `${title} (Bob)`, Description: 'Spanning tree recalculations every 30 s.' });
  await addNote(bobPage, 'Bob: vendor case opened.');

  await alicePage.context().setOffline(false);
  await expect(alicePage.getByRole('status', { name: 'Sync status' })).toHaveText(/Up to date/, { timeout: 30_000 });
  await bobPage.context().setOffline(false);
  await expect(bobPage.getByRole('status', { name: 'Sync status' })).toHaveText(/Up to date/, { timeout: 30_000 });
  // Alice receives Bob's changes through a poke.
  const bobTitle = `${title} (Bob)`;
  for (const page of [alicePage, bobPage]) {
    await expect(page.getByRole('article').getByRole('heading', { level: 1 })).toHaveText(bobTitle, { timeout: 30_000 });
    await expect(page.getByText('Campus network')).toBeVisible();
    await expect(page.getByText('Spanning tree recalculations every 30 s.')).toBeVisible();
    const timeline = page.getByRole('list', { name: 'Timeline entries' });
    await expect(timeline.getByText('Alice: replaced the uplink optic.', { exact: true })).toBeVisible();
    await expect(timeline.getByText('Bob: vendor case opened.', { exact: true })).toBeVisible();
  }

  for (const page of [alicePage, bobPage]) {
    await page.goto('/#/conflicts');
    const clash = page.getByRole('listitem').filter({ hasText: `${title} (Alice)` });
    await expect(clash).toBeVisible({ timeout: 20_000 });
    await expect(clash).toContainText(bobTitle);
    await expect(clash).toContainText('title');
  }
  // Alice brings her title back with one click; both windows follow.
  await alicePage.getByRole('button', { name: 'Re-apply losing value of title' }).first().click();
  for (const page of [alicePage, bobPage]) {
    await page.goto('/#/incidents');
    await expect(page.getByRole('list', { name: 'Incident list' }).getByRole('link', { name: new RegExp(`\\(Alice\\)`) })).toBeVisible({ timeout: 30_000 });
  }
});

test("a viewer's edit is refused by the server and rolled back in their window", async ({ browser, request, baseURL }) => {
  const stamp = Date.now();
  const lead = { name: 'Lee Lead', email: `lee.${stamp}@firebreak.test` };
  const viewer = { name: 'Vera Viewer', email: `vera.${stamp}@firebreak.test` };
  const headers = await adminHeaders(request);
  await addServerMember(request, headers, lead.email, lead.name, 'lead');
  await addServerMember(request, headers, viewer.email, viewer.name, 'viewer');
  const leadPage = await signedInPage(browser, baseURL!, lead.name, lead.email);
  const title = `Payroll export failing ${stamp}`;
  await createIncident(leadPage, { title });

  const viewerPage = await signedInPage(browser, baseURL!, viewer.name, viewer.email);
  const row = viewerPage.getByRole('list', { name: 'Incident list' }).getByRole('link', { name: new RegExp(title) });
  await expect(row).toBeVisible({ timeout: 20_000 });
  await row.click();
  await editDetails(viewerPage, { Title: `${title} (edited by viewer)` });
  // The server refuses it; the window returns to the team's version and says why.
  await expect(viewerPage.getByRole('article').getByRole('heading', { level: 1 })).toHaveText(title, { timeout: 30_000 });
  await viewerPage.goto('/#/conflicts');
  await expect(viewerPage.getByText(/Viewers can read but not change team data/).first()).toBeVisible({ timeout: 20_000 });
});
