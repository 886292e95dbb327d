// Team mode against a live team server: a trainer runs the ransomware tabletop on one laptop, a
// responder plays from another. The player drops off the network, acknowledges an inject and
// records a decision while the trainer releases the next one; once back online both windows
// converge: the console shows what the player did, the inbox shows what was released meanwhile.
// Real time at 1x with manual releases, so nothing falls due by the clock during the test.
import { expect, test } from '@playwright/test';
import { addServerMember, adminHeaders, signedInWindow, syncStatus } from '../../support/syncTeam';

const ransomwareScenarioId = '01941f29-7c00-7000-8000-000000030001';
const runTitle = 'Ransomware on the finance file server';
const inject1 = 'Files on the S: drive will not open';
const inject2 = 'Mass file renames on FILESRV02';
const inject3 = 'Month-end close is today';

/** Up to date with nothing waiting; other tests' incident clashes on the shared team may add a conflict link. */
const upToDate = /^Up to date(?! - )/;

test('team mode: a remote player drops off, acknowledges and decides offline, and both windows converge on return', async ({ browser, request, baseURL }) => {
  test.setTimeout(120_000);
  const stamp = Date.now();
  const trainer = { name: `Tess Trainer ${stamp}`, email: `tess.${stamp}@firebreak.test` };
  const player = { name: `Pat Player ${stamp}`, email: `pat.${stamp}@firebreak.test` };
  const headers = await adminHeaders(request);
  await addServerMember(request, headers, trainer.email, trainer.name, 'trainer');
  await addServerMember(request, headers, player.email, player.name, 'responder');

  const trainerPage = await signedInWindow(browser, baseURL!, { ...trainer, profileRole: 'trainer' });
  const playerPage = await signedInWindow(browser, baseURL!, player);

  // The trainer makes a team-mode run of the starter scenario and starts it: inject 1 comes out with the start.
  await trainerPage.goto(`/#/exercises/runs/new?scenario=${ransomwareScenarioId}&speed=1&mode=team`);
  await expect(trainerPage.getByRole('heading', { level: 1, name: runTitle })).toBeVisible();
  await expect(trainerPage.getByText('Team mode: players join from their own laptops once synced.')).toBeVisible();
  const runUrl = trainerPage.url();
  const runId = /#\/exercises\/runs\/([^/?]+)/.exec(runUrl)?.[1];
  expect(runId).toBeTruthy();
  const controls = trainerPage.getByRole('toolbar', { name: 'Run controls' });
  await controls.getByRole('button', { name: 'Start' }).click();
  const clock = trainerPage.getByRole('timer', { name: 'Exercise clock' });
  await expect(clock).toContainText('Running');
  const injects = trainerPage.getByRole('table', { name: 'Injects' });
  const row = (title: string) => injects.getByRole('row').filter({ hasText: title });
  await expect(row(inject1)).toContainText('Released at +00:00');
  // Inject 2 is due at +10:00 (ten minutes at 1x): the trainer releases it now.
  await injects.getByRole('button', { name: `Release ${inject2} now` }).click();
  await expect(row(inject2)).toContainText(/Released at \+00:\d\d by hand/);
  const timeline = trainerPage.getByRole('list', { name: 'Run timeline' });
  await expect(timeline).toContainText(`Inject 2 released by hand (SIEM alert): ${inject2}`);
  await expect(syncStatus(trainerPage)).toHaveText(upToDate, { timeout: 20_000 });

  // The player's window learns of the run through a poke and a pull, and opens its inbox from the Exercises page.
  await playerPage.getByRole('link', { name: 'Exercises' }).click();
  // The team server outlives one test, so earlier runs of this scenario may be listed too: find this run by its link.
  const runLink = playerPage.locator(`a[href="#/exercises/runs/${runId}"]`);
  const runRow = playerPage.getByRole('region', { name: 'Exercise runs' }).getByRole('row').filter({ has: runLink });
  await expect(runRow).toContainText('Running', { timeout: 20_000 });
  await expect(runRow).toContainText(/team/i);
  await runLink.click();
  await expect(playerPage.getByRole('heading', { level: 1, name: runTitle })).toBeVisible();
  await expect(playerPage).toHaveURL(new RegExp(`#/exercises/runs/${runId}$`));
  // A responder is not the facilitator: no run controls on their console.
  await expect(playerPage.getByRole('toolbar', { name: 'Run controls' })).toHaveCount(0);
  await playerPage.getByRole('link', { name: 'Player inbox' }).click();
  await expect(playerPage.getByRole('heading', { level: 1, name: `Exercise inbox — ${runTitle}` })).toBeVisible();
  const inbox = playerPage.getByRole('list', { name: 'Released injects' });
  await expect(inbox.getByRole('listitem').first()).toContainText(inject2);
  await expect(inbox.getByRole('listitem').first()).toContainText('Latest');
  await expect(inbox.getByRole('listitem').nth(1)).toContainText(inject1);

  // The player drops off the network and carries on.
  await playerPage.context().setOffline(true);
  await expect(syncStatus(playerPage)).toHaveText(/Offline/, { timeout: 20_000 });
  await inbox.getByRole('button', { name: `Acknowledge ${inject2}` }).click();
  await expect(inbox.getByRole('listitem').first()).toContainText('Acknowledged');
  const decision = playerPage.getByRole('form', { name: 'Record a decision' });
  await decision.getByLabel('Question').fill(`Isolate FILESRV02 now? ${stamp}`);
  await decision.getByLabel('Options considered (one per line)').fill('Isolate now\nWait for the vendor');
  await decision.getByLabel('Choice').fill('Isolate now');
  await decision.getByLabel('Rationale').fill('The renames are spreading.');
  await decision.getByRole('button', { name: 'Record decision' }).click();
  await expect(decision.getByRole('status')).toHaveText('Decision recorded: Isolate now');
  await expect(syncStatus(playerPage)).toHaveText(/Offline - \d+ changes? waiting/);

  // Meanwhile the trainer releases the next inject; the offline player does not see it yet.
  await injects.getByRole('button', { name: `Release ${inject3} now` }).click();
  await expect(row(inject3)).toContainText(/Released at \+\d\d:\d\d by hand/);
  await expect(syncStatus(trainerPage)).toHaveText(upToDate, { timeout: 20_000 });
  await expect(inbox).not.toContainText(inject3);

  // Back online: both windows converge.
  await playerPage.context().setOffline(false);
  await expect(syncStatus(playerPage)).toHaveText(upToDate, { timeout: 30_000 });
  await expect(inbox.getByRole('listitem').first()).toContainText(inject3, { timeout: 30_000 });
  await expect(inbox.getByRole('listitem').first()).toContainText('Latest');
  await expect(inbox.getByRole('listitem').filter({ hasText: inject2 })).toContainText('Acknowledged');
  await expect(timeline).toContainText(`${player.name} acknowledged inject 2: ${inject2}`, { timeout: 30_000 });
  await expect(timeline).toContainText(`Decision by ${player.name}: Isolate FILESRV02 now? ${stamp} Chose: Isolate now`, { timeout: 30_000 });
  await expect(timeline).toContainText(`Inject 3 released by hand`);
  await expect(syncStatus(trainerPage)).toHaveText(upToDate);
  // Nothing about the exercise clashed: the run events are insert-only and the records are each
  // player's own. (The team server is shared with other sync tests, whose incident clashes are
  // logged on every device of the team, so the log is checked for this run only.)
  for (const page of [trainerPage, playerPage]) {
    await page.goto('/#/conflicts');
    await expect(page.getByRole('heading', { level: 1, name: 'Conflict log' })).toBeVisible();
    await expect(page.getByRole('main')).not.toContainText(`Exercise ${runTitle}`);
    await expect(page.getByRole('main')).not.toContainText(`${stamp} Chose`);
  }
});
