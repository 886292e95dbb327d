// A trainer runs the built-in ransomware tabletop at 10x in room mode on one laptop: injects come
// out on the exercise clock, a pause stops them, a player opens an exercise incident and applies
// the Ransomware playbook, the matching expected actions tick themselves, the facilitator scores
// one by hand, finishes, records a hot wash and exports the after-action report. The exercise
// incident stays out of Trends unless exercises are asked for.
import { readFile } from 'node:fs/promises';
import { expect, test } from '@playwright/test';
import { openFreshApp } from '../../support/firebreakPage';

const ransomwareScenarioId = '01941f29-7c00-7000-8000-000000030001';
const runTitle = 'Ransomware on the finance file server';

test('a trainer runs the ransomware scenario at 10x: releases on schedule, pause, auto-checked actions, scoring, hot wash, AAR export, kept out of Trends', async ({ page }) => {
  test.setTimeout(120_000);
  await page.clock.install();
  await openFreshApp(page, 'Tess Trainer', 'trainer');

  await page.goto(`/#/exercises/runs/new?scenario=${ransomwareScenarioId}&speed=10&mode=room`);
  await expect(page.getByRole('heading', { level: 1, name: runTitle })).toBeVisible();
  const clock = page.getByRole('timer', { name: 'Exercise clock' });
  await expect(clock).toContainText('Scheduled');
  await expect(clock).toContainText('at 10x');
  const controls = page.getByRole('toolbar', { name: 'Run controls' });
  await expect(controls.getByLabel('Speed')).toHaveValue('10');
  const injects = page.getByRole('table', { name: 'Injects' });
  const row = (title: string) => injects.getByRole('row').filter({ hasText: title });

  // Start: inject 1 (+00:00) comes out with the start; inject 2 is due at +10:00, a minute of wall time at 10x.
  await controls.getByRole('button', { name: 'Start' }).click();
  await expect(clock).toContainText('Running');
  await expect(row('Files on the S: drive will not open')).toContainText('Released at +00:00');
  await expect(row('Mass file renames on FILESRV02')).toContainText('Scheduled');
  await expect(row('Mass file renames on FILESRV02')).toContainText('+10:00');
  const timeline = page.getByRole('list', { name: 'Run timeline' });
  await expect(timeline).toContainText('Inject 1 released (Ticket): Files on the S: drive will not open');

  // The fake clock jumps a minute; the release timer fires once it is due (real time also flows, so within seconds of +10:00).
  await page.clock.fastForward(60_000);
  await expect(row('Mass file renames on FILESRV02')).toContainText(/Released at \+10:0\d/);
  await expect(timeline).toContainText('Inject 2 released (SIEM alert): Mass file renames on FILESRV02');
  // Inject 3 follows inject 2 by 5 minutes: due at +15:00, not yet.
  await expect(row('Month-end close is today')).toContainText('Scheduled');

  // Pause: the clock stops and nothing more comes out, however long the room talks.
  await controls.getByRole('button', { name: 'Pause' }).click();
  await expect(clock).toContainText('Paused');
  const pausedAt = await page.getByTestId('exercise-time').textContent();
  await page.clock.fastForward(5 * 60_000);
  await expect(page.getByTestId('exercise-time')).toHaveText(pausedAt!);
  await expect(row('Month-end close is today')).toContainText('Scheduled');
  await expect(row('Backup jobs failed overnight')).toContainText('Scheduled');
  await controls.getByRole('button', { name: 'Resume' }).click();
  await expect(clock).toContainText('Running');

  // A player, on the same laptop, answers from the exercise inbox.
  await page.getByRole('link', { name: 'Player inbox' }).click();
  await expect(page.getByRole('heading', { level: 1, name: `Exercise inbox — ${runTitle}` })).toBeVisible();
  const inbox = page.getByRole('list', { name: 'Released injects' });
  await expect(inbox.getByRole('listitem').first()).toContainText('Mass file renames on FILESRV02');
  await expect(inbox.getByRole('listitem').nth(1)).toContainText('Files on the S: drive will not open');
  await inbox.getByRole('button', { name: 'Acknowledge Files on the S: drive will not open' }).click();
  await expect(inbox.getByRole('listitem').nth(1)).toContainText('Acknowledged');

  const form = page.getByRole('form', { name: 'Create exercise incident' });
  await form.getByLabel('Title').fill('Finance share encrypted');
  await form.getByLabel('Category').selectOption('ransomware');
  await form.getByLabel('Impact').selectOption('high');
  await form.getByLabel('Urgency').selectOption('high');
  await form.getByLabel('Description').fill('Files on S: renamed to .lockd with a ransom note.');
  await form.getByRole('button', { name: 'Create exercise incident' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Finance share encrypted' })).toBeVisible();
  await expect(page.getByText('Exercise incident: not real, excluded from metrics')).toBeVisible();
  const playbooks = page.getByRole('region', { name: 'Playbooks' });
  await playbooks.getByRole('button', { name: 'Apply Ransomware', exact: true }).click();
  await expect(playbooks.getByRole('progressbar', { name: 'Ransomware progress' })).toBeVisible();

  // Back on the console, the app has ticked what it can see.
  await page.goBack();
  await page.getByRole('link', { name: 'Facilitator console' }).click();
  await expect(page.getByRole('heading', { level: 1, name: runTitle })).toBeVisible();
  const inject1Actions = page.getByRole('list', { name: 'Expected actions for Files on the S: drive will not open' });
  const openIncident = inject1Actions.getByRole('listitem').filter({ hasText: 'Open an exercise incident with category Ransomware' });
  await expect(openIncident).toContainText(/Met at \+10:\d\d — INC-[\w-]+ created with category Ransomware/);
  const applyPlaybook = inject1Actions.getByRole('listitem').filter({ hasText: 'Apply the Ransomware playbook' });
  await expect(applyPlaybook).toContainText(/Met at \+10:\d\d — Ransomware playbook applied to INC-[\w-]+/);
  await expect(page.getByRole('status').filter({ hasText: /^Score:/ })).toHaveText(/^Score: 15 of \d+/);
  await expect(timeline).toContainText('opened exercise incident');
  await expect(timeline).toContainText('Tess Trainer acknowledged inject 1');

  // The facilitator scores one action the app cannot see.
  const inject2Actions = page.getByRole('list', { name: 'Expected actions for Mass file renames on FILESRV02' });
  const disable = 'Disable the svc_backup account and reset its password';
  await expect(inject2Actions.getByRole('listitem').filter({ hasText: disable })).toContainText('Checked by the facilitator');
  await inject2Actions.getByRole('spinbutton', { name: `Points for ${disable}` }).fill('4');
  await inject2Actions.getByRole('button', { name: `Save score for ${disable}` }).click();
  await expect(inject2Actions.getByRole('listitem').filter({ hasText: disable })).toContainText('Facilitator: 4 of 5 by Tess Trainer');
  await expect(page.getByRole('status').filter({ hasText: /^Score:/ })).toHaveText(/^Score: 19 of \d+/);

  // Finish, after confirming once.
  await controls.getByRole('button', { name: 'Finish' }).click();
  const finishDialog = page.getByRole('dialog', { name: 'Finish the exercise?' });
  await finishDialog.getByRole('button', { name: 'Finish exercise' }).click();
  await expect(finishDialog).toBeHidden();
  await expect(clock).toContainText('Finished');

  // Hot wash and the after-action report.
  await page.getByRole('link', { name: 'After-action' }).click();
  await expect(page.getByRole('heading', { level: 1, name: `After-action — ${runTitle}` })).toBeVisible();
  await page.getByRole('textbox', { name: 'Went well comment' }).fill('The playbook was applied within minutes');
  await page.getByRole('button', { name: 'Add to Went well' }).click();
  await expect(page.getByRole('list', { name: 'Went well' })).toContainText('The playbook was applied within minutes');
  await expect(page.getByRole('region', { name: `After-action report: ${runTitle}` })).toContainText('The playbook was applied within minutes');

  const downloadPromise = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Export Markdown' }).click();
  const download = await downloadPromise;
  expect(download.suggestedFilename()).toMatch(/\.md$/);
  const markdown = await readFile((await download.path())!, 'utf8');
  expect(markdown).toContain(runTitle);
  expect(markdown).toMatch(/hot wash/i);
  expect(markdown).toContain('The playbook was applied within minutes');
  expect(markdown).toContain('Open an exercise incident with category Ransomware');

  // The exercise incident never counts in Trends unless exercises are asked for.
  await page.goto('/#/trends');
  const reported = page.getByTestId('tile-reported').locator('.trend-tile-value');
  await expect(reported).toHaveText('0');
  await page.getByLabel('Include exercises').check();
  await expect(reported).toHaveText('1');
});
