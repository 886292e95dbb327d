// Markup typed by a user or carried in an import file is shown as text and never runs; a bad
// import file is refused with a clear error and changes nothing.
import { expect, test, type Page } from '@playwright/test';
import { writeFile } from 'node:fs/promises';
import { addNote, createIncident, openFreshApp } from '../../support/firebreakPage';

const hostileTitle = `<img src=x onerror="window.__firebreakPwned=1"><script>window.__firebreakPwned=2</script>Phish`;
const hostileNote = `<svg onload="window.__firebreakPwned=3"></svg><a href="javascript:window.__firebreakPwned=4">click</a>`;

async function incidentCount(page: Page): Promise<string> {
  return (await page.getByTestId('incident-count').textContent()) ?? '';
}

/** Picks a file the way a user does: the "Import from file" button opens the file chooser. */
async function importFile(page: Page, file: string | { name: string; mimeType: string; buffer: Buffer }): Promise<void> {
  const chooserPromise = page.waitForEvent('filechooser');
  await page.getByRole('button', { name: 'Import from file' }).click();
  await (await chooserPromise).setFiles(file);
}

async function importBuffer(page: Page, name: string, buffer: Buffer): Promise<void> {
  await importFile(page, { name, mimeType: 'application/json', buffer });
}

test('markup in a title or a note shows as text and runs nothing', async ({ page }) => {
  const dialogs: string[] = [];
  page.on('dialog', (dialog) => {
    dialogs.push(dialog.message());
    void dialog.dismiss();
  });
  await openFreshApp(page);
  await createIncident(page, { title: hostileTitle });
  await addNote(page, hostileNote);
  await expect(page.getByRole('article').getByRole('heading', { level: 1 })).toHaveText(hostileTitle);
  await expect(page.getByRole('list', { name: 'Timeline entries' }).getByText(hostileNote, { exact: true })).toBeVisible();
  await page.reload();
  await expect(page.getByRole('article').getByRole('heading', { level: 1 })).toHaveText(hostileTitle);
  const executed = await page.evaluate(() => (window as unknown as { __firebreakPwned?: number }).__firebreakPwned ?? null);
  expect(executed).toBeNull();
  expect(await page.locator('#root img, #root svg, #root script').count()).toBe(0);
  expect(dialogs).toEqual([]);
});

test('import files that are not Firebreak exports get a clear error and change nothing', async ({ page }) => {
  await openFreshApp(page);
  await createIncident(page, { title: 'Existing incident that must survive' });
  await page.getByRole('link', { name: 'Settings' }).click();
  const status = page.getByTestId('data-transfer-status');

  await importBuffer(page, 'notes.json', Buffer.from('These are my notes, not JSON at all.'));
  await expect(status).toHaveText(/not JSON, so it is not a Firebreak export/);
  await expect(status).toHaveAttribute('role', 'alert');

  await importBuffer(page, 'cut.json', Buffer.from('{"format":"firebreak-export","formatVersion":1,"incidents":[{"record":'));
  await expect(status).toHaveText(/may be truncated/);

  await importBuffer(page, 'other.json', Buffer.from(JSON.stringify({ alerts: [{ status: 'firing' }] })));
  await expect(status).toHaveText(/not a Firebreak export/);

  const junk = Buffer.alloc(50 * 1024 * 1024);
  for (let index = 0; index < junk.length; index += 1) junk[index] = 33 + ((index * 7919) % 90);
  const junkPath = test.info().outputPath('junk.json');
  await writeFile(junkPath, junk);
  await importFile(page, junkPath);
  await expect(status).toHaveText(/Nothing was imported/, { timeout: 30_000 });

  await page.getByRole('link', { name: 'Incidents' }).click();
  expect(await incidentCount(page)).toBe('1 incident');
  await expect(page.getByRole('list', { name: 'Incident list' }).getByText('Existing incident that must survive')).toBeVisible();
});

test('export then import into a fresh browser profile restores every incident and entry', async ({ page, browser }) => {
  await openFreshApp(page);
  await createIncident(page, { title: 'Laptop stolen at the airport', impact: 'high', urgency: 'medium' });
  await addNote(page, 'Remote wipe requested.');
  await page.getByRole('link', { name: 'Settings' }).click();
  const downloadPromise = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Export all data' }).click();
  const download = await downloadPromise;
  expect(download.suggestedFilename()).toMatch(/^firebreak-export-.*\.json$/);
  const exportPath = await download.path();

  const freshContext = await browser.newContext({ baseURL: test.info().project.use.baseURL });
  const freshPage = await freshContext.newPage();
  await openFreshApp(freshPage, 'Sam Second-Laptop');
  await freshPage.getByRole('link', { name: 'Settings' }).click();
  await importFile(freshPage, exportPath);
  await expect(freshPage.getByTestId('data-transfer-status')).toHaveText(/1 incidents added.*timeline entries added/);
  // Importing the same file again changes nothing.
  await importFile(freshPage, exportPath);
  await expect(freshPage.getByTestId('data-transfer-status')).toHaveText(/0 incidents added, 0 updated, 0 timeline entries added/);
  await freshPage.getByRole('link', { name: 'Incidents' }).click();
  await freshPage.getByRole('list', { name: 'Incident list' }).getByRole('link').first().click();
  await expect(freshPage.getByRole('heading', { level: 1, name: 'Laptop stolen at the airport' })).toBeVisible();
  await expect(freshPage.getByTestId('incident-priority')).toContainText('P2');
  await expect(freshPage.getByText('Remote wipe requested.', { exact: true })).toBeVisible();
  await freshContext.close();
});
