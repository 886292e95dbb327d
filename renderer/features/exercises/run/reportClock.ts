/**
 * The instant the after-action report is drawn up at. A live report is redrawn once a minute,
 * not every second, so the clock is taken to the minute; but never before the run's latest
 * event, or a run started, released or finished within the current minute would show in the
 * report as it stood before (a run finished a moment ago as "Scheduled" with nothing released).
 * Pure, so the rule is tested without a browser.
 */
import type { ExerciseRunEvent } from '../../../../shared/domain/exerciseClock';
import { toMs } from '../../../../shared/domain/time';

export function afterActionReportNowMs(nowMs: number, events: readonly Pick<ExerciseRunEvent, 'at'>[]): number {
  const latestEventMs = events.reduce((latest, event) => Math.max(latest, toMs(event.at)), 0);
  return Math.max(Math.floor(nowMs / 60_000) * 60_000, latestEventMs);
}
