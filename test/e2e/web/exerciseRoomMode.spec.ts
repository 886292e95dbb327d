// Room mode on one laptop, beyond the main run journey (exerciseRun.spec.ts): the projector view,
// jumping to the next inject, an ad hoc inject, the after-action evaluation (rating, corrective
// action tracked on the Exercises page) and printing the report; and starting a run from the
// scenario library's "Start a run" dialog.
import { expect, test, type Page } from '@playwright/test';
import { openFreshApp } from '../../support/firebreakPage';

const ransomwareScenarioId = '01941f29-7c00-7000-8000-000000030001';
const runTitle = 'Ransomware on the finance file server';
const inject1 = 'Files on the S: drive will not open';
const inject2 = 'Mass file renames on FILESRV02';
const inject3 = 'Month-end close is today';
const detectObjective = 'Recognise ransomware, open the incident and scope the affected hosts and accounts';

function injectRow(page: Page, title: string) {
  return page.getByRole('table', { name: 'Injects' }).getByRole('row').filter({ hasText: title });
}

test('room mode: presentation view, jump to next, an ad hoc inject, rating and corrective action in the AAR, printing', async ({ page }) => {
  test.setTimeout(120_000);
  await page.addInitScript(() => {
    (window as unknown as { printCalls: number }).printCalls = 0;
    window.print = () => {
      (window as unknown as { printCalls: number }).printCalls += 1;
    };
  });
  await page.clock.install();
  await openFreshApp(page, 'Tess Trainer', 'trainer');

  await page.goto(`/#/exercises/runs/new?scenario=${ransomwareScenarioId}&speed=1&mode=room`);
  await expect(page.getByRole('heading', { level: 1, name: runTitle })).toBeVisible();
  const controls = page.getByRole('toolbar', { name: 'Run controls' });
  const clock = page.getByRole('timer', { name: 'Exercise clock' });
  const timeline = page.getByRole('list', { name: 'Run timeline' });
  await expect(controls.getByRole('button', { name: 'Jump to next inject' })).toBeDisabled();
  await controls.getByRole('button', { name: 'Start' }).click();
  await expect(clock).toContainText('Running');
  await expect(injectRow(page, inject1)).toContainText('Released at +00:00');
  await expect(injectRow(page, inject2)).toContainText('Scheduled');

  // Jump to next: inject 2 (due at +10:00, ten minutes away at 1x) comes out at once, at +10:00.
  await controls.getByRole('button', { name: 'Jump to next inject' }).click();
  await expect(injectRow(page, inject2)).toContainText('Released at +10:00');
  await expect(injectRow(page, inject2)).not.toContainText('by hand');
  await expect(timeline).toContainText(`Inject 2 released (SIEM alert): ${inject2}`);
  await expect(page.getByTestId('exercise-time')).toContainText('10:0');
  // Inject 3 follows inject 2 by five minutes: still scheduled.
  await expect(injectRow(page, inject3)).toContainText('Scheduled');

  // An ad hoc inject, released now: on the console's timeline and in the players' inbox.
  const adhocTitle = 'The CFO calls the service desk in person';
  await controls.getByRole('button', { name: 'Add ad-hoc inject' }).click();
  const adhoc = page.getByRole('dialog', { name: 'Add ad-hoc inject' });
  await adhoc.getByLabel('Title').fill(adhocTitle);
  await adhoc.getByLabel('Channel').selectOption({ label: 'Phone call' });
  await adhoc.getByLabel('From').fill('Chief Financial Officer');
  await adhoc.getByLabel('To').fill('Service desk');
  await adhoc.getByLabel('Content').fill('Month-end close is at risk: when will S: be back?');
  await expect(adhoc.getByLabel('Release now')).toBeChecked();
  await adhoc.getByRole('button', { name: 'Add inject' }).click();
  await expect(adhoc).toBeHidden();
  await expect(injectRow(page, adhocTitle)).toContainText(/Released at \+10:0\d/);
  await expect(timeline).toContainText(adhocTitle);

  await page.getByRole('link', { name: 'Player inbox' }).click();
  const inbox = page.getByRole('list', { name: 'Released injects' });
  await expect(inbox.getByRole('listitem')).toHaveCount(3);
  await expect(inbox.getByRole('listitem').first()).toContainText(adhocTitle);
  await expect(inbox.getByRole('listitem').first()).toContainText('Chief Financial Officer → Service desk');
  await expect(inbox.getByRole('listitem').first()).toContainText('Month-end close is at risk: when will S: be back?');
  await page.getByRole('link', { name: 'Facilitator console' }).click();

  // The projector view: released injects, newest first and marked Latest, and nothing to edit.
  await page.getByRole('link', { name: 'Presentation view' }).click();
  await expect(page.getByRole('heading', { level: 1, name: runTitle })).toBeVisible();
  await expect(page.getByText('Exercise: this is a drill, not a real incident.')).toBeVisible();
  const shown = page.getByRole('list', { name: 'Released injects' });
  await expect(shown.getByRole('listitem')).toHaveCount(3);
  await expect(shown.getByRole('listitem').first()).toContainText(adhocTitle);
  await expect(shown.getByRole('listitem').first()).toContainText('Latest');
  await expect(shown.getByRole('listitem').first()).toHaveClass(/released-inject-latest/);
  await expect(shown.getByRole('listitem').nth(1)).toContainText(inject2);
  await expect(shown.getByRole('listitem').nth(1)).not.toContainText('Latest');
  await expect(shown.getByRole('listitem').nth(2)).toContainText(inject1);
  await expect(page.getByRole('main').getByRole('button')).toHaveCount(0);
  await expect(page.getByRole('main').getByRole('textbox')).toHaveCount(0);
  await expect(page.getByRole('main').getByRole('combobox')).toHaveCount(0);
  await expect(page.getByRole('toolbar', { name: 'Run controls' })).toHaveCount(0);
  // Esc returns to the console.
  await page.keyboard.press('Escape');
  await expect(controls).toBeVisible();

  // Finish and evaluate.
  await controls.getByRole('button', { name: 'Finish' }).click();
  await page.getByRole('dialog', { name: 'Finish the exercise?' }).getByRole('button', { name: 'Finish exercise' }).click();
  await expect(clock).toContainText('Finished');
  await page.getByRole('link', { name: 'After-action' }).click();
  await expect(page.getByRole('heading', { level: 1, name: `After-action — ${runTitle}` })).toBeVisible();
  const preview = page.getByRole('region', { name: `After-action report: ${runTitle}` });
  await expect(preview).toContainText('(plus 1 ad hoc)');

  await page.getByRole('combobox', { name: `Rating for ${detectObjective}` }).selectOption('S');
  const objectiveRow = preview.getByRole('row').filter({ hasText: detectObjective });
  await expect(objectiveRow.getByRole('cell').nth(1)).toHaveText(/\S/);
  await expect(objectiveRow.getByRole('cell').nth(1)).not.toHaveText(/Not rated/i);
  const ratingLabel = (await objectiveRow.getByRole('cell').nth(1).textContent())!;
  expect(ratingLabel).toMatch(/some challenges/i);

  const actionTitle = 'Move the backup server off the domain';
  const corrective = page.getByRole('form', { name: 'Corrective actions' });
  await corrective.getByLabel('Title').fill(actionTitle);
  await corrective.getByLabel('Owner').fill('Infrastructure team');
  await corrective.getByLabel('Due date').fill('2027-01-15');
  await corrective.getByLabel('Objective').selectOption({ label: detectObjective });
  await corrective.getByRole('button', { name: 'Add corrective action' }).click();
  const plan = page.getByRole('list', { name: 'Corrective actions' });
  await expect(plan).toContainText(`${actionTitle} — Infrastructure team, due 2027-01-15`);
  await expect(preview).toContainText(`${actionTitle} — Infrastructure team, due 2027-01-15, open (objective: ${detectObjective})`);
  await plan.getByRole('combobox', { name: `Status of ${actionTitle}` }).selectOption({ label: 'In progress' });
  await expect(preview).toContainText(`${actionTitle} — Infrastructure team, due 2027-01-15, in progress (objective: ${detectObjective})`);

  // Printing: the browser build prints the page; the print stylesheet hides the app around the report.
  await page.getByRole('button', { name: 'Print or save as PDF' }).click();
  await expect.poll(() => page.evaluate(() => (window as unknown as { printCalls: number }).printCalls)).toBe(1);
  await page.emulateMedia({ media: 'print' });
  await expect(page.getByRole('navigation', { name: 'Main' })).toBeHidden();
  await expect(page.getByRole('button', { name: 'Print or save as PDF' })).toBeHidden();
  await expect(page.getByRole('form', { name: 'Corrective actions' })).toBeHidden();
  await expect(preview).toBeVisible();
  await expect(preview).toContainText(actionTitle);
  await page.emulateMedia({ media: 'screen' });
  await expect(page.getByRole('navigation', { name: 'Main' })).toBeVisible();

  // The corrective action is tracked on the Exercises page, across runs, with its status.
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Exercises' }).click();
  const tracked = page.getByRole('region', { name: 'Corrective actions' }).getByRole('row').filter({ hasText: actionTitle });
  await expect(tracked).toContainText('Infrastructure team');
  await expect(tracked).toContainText('2027-01-15');
  await expect(tracked.getByLabel(`Status for ${actionTitle}`)).toHaveValue('in_progress');
  await expect(tracked.getByRole('link', { name: runTitle })).toBeVisible();
});

test('a trainer starts a run from the ransomware scenario page and lands on a working console', async ({ page }) => {
  await openFreshApp(page, 'Tess Trainer', 'trainer');
  await page.goto(`/#/exercises/scenarios/${ransomwareScenarioId}`);
  await expect(page.getByRole('heading', { level: 1, name: runTitle })).toBeVisible();
  const scenarioInjects = page.getByRole('region', { name: 'Injects' }).getByRole('row');
  // Header row plus one row an inject.
  const injectCount = (await scenarioInjects.count()) - 1;
  expect(injectCount).toBeGreaterThan(5);

  await page.getByRole('button', { name: 'Start a run' }).click();
  const dialog = page.getByRole('dialog', { name: 'Start a run' });
  await expect(dialog.getByLabel('Run title')).toHaveValue(new RegExp(runTitle.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')));
  await dialog.getByLabel('Room mode (one screen)').check();
  await dialog.getByLabel('Speed').selectOption('10');
  await dialog.getByRole('button', { name: 'Create run' }).click();
  await expect(dialog).toBeHidden();

  await expect(page).toHaveURL(/#\/exercises\/runs\/[^/]+$/);
  await expect(page.getByRole('heading', { level: 1 })).toContainText(runTitle);
  const clock = page.getByRole('timer', { name: 'Exercise clock' });
  await expect(clock).toContainText('Scheduled');
  await expect(clock).toContainText('at 10x');
  const rows = page.getByRole('table', { name: 'Injects' }).getByRole('row');
  await expect(rows).toHaveCount(injectCount + 1);
  await expect(rows.filter({ hasText: inject1 })).toContainText('Scheduled');
  await expect(rows.filter({ hasText: inject2 })).toContainText('+10:00');
  await expect(page.getByRole('toolbar', { name: 'Run controls' }).getByRole('button', { name: 'Start' })).toBeEnabled();
  await expect(page.getByRole('table', { name: 'Injects' }).getByRole('button', { name: `Release ${inject1} now` })).toBeDisabled();

  // The run is listed on the Exercises page.
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Exercises' }).click();
  await expect(page.getByRole('region', { name: 'Exercise runs' }).getByRole('row').filter({ hasText: runTitle })).toContainText('Scheduled');
});
