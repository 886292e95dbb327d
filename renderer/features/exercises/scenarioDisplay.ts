/** Pure wording for the scenario library: release times, durations, run titles, forward statuses. */
import { canMoveCorrectiveAction, correctiveActionStatuses, type CorrectiveActionStatus } from '../../../shared/domain/correctiveAction';
import type { Inject } from '../../../shared/domain/exerciseScenario';
import { formatDurationText } from '../../../shared/domain/time';
import { formatHoursMinutes } from '../../../shared/formats/mselCsv';

/** "+00:15", "manual", or "after #3 +00:05" (MSEL number of the inject it follows). */
export function describeRelease(inject: Pick<Inject, 'release'>, injects: readonly Pick<Inject, 'id' | 'mselNumber'>[]): string {
  switch (inject.release.kind) {
    case 'offset':
      return formatHoursMinutes(inject.release.minutes);
    case 'manual':
      return 'manual';
    case 'after': {
      const { injectId, minutes } = inject.release;
      const predecessor = injects.find((candidate) => candidate.id === injectId);
      return `after ${predecessor ? `#${predecessor.mselNumber}` : injectId} ${formatHoursMinutes(minutes)}`;
    }
  }
}

/** "45 min", "1 h", "2 h 30 min": a scenario's planned length, given in minutes. */
export function formatDuration(minutes: number): string {
  return formatDurationText(minutes * 60_000);
}

/** The run title offered by default: "<scenario> — <YYYY-MM-DD>" in the viewer's calendar. */
export function defaultRunTitle(scenarioTitle: string, now: Date): string {
  return `${scenarioTitle} — ${localDateOf(now)}`;
}

/** Statuses a corrective action may move to from `status` (forward only; verified only from done). */
export function forwardStatuses(status: CorrectiveActionStatus): CorrectiveActionStatus[] {
  return correctiveActionStatuses.filter((candidate) => canMoveCorrectiveAction(status, candidate));
}

/** The run speeds offered when starting a run. */
export const runSpeeds = [1, 2, 5, 10, 30, 60] as const;

/** A file name from a title: letters, digits and dashes. */
export function fileNameOf(title: string): string {
  const slug = title
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 60);
  return slug === '' ? 'scenario' : slug;
}

/** Scenarios whose title, audience, narrative or inject titles contain every word of the query. */
export function filterScenarios<T extends { title: string; audience: string; narrative: string; injects: readonly { title: string }[] }>(scenarios: readonly T[], query: string): T[] {
  const words = query.toLowerCase().split(/\s+/).filter((word) => word !== '');
  if (words.length === 0) return [...scenarios];
  return scenarios.filter((scenario) => {
    const text = [scenario.title, scenario.audience, scenario.narrative, ...scenario.injects.map((inject) => inject.title)].join('\n').toLowerCase();
    return words.every((word) => text.includes(word));
  });
}

/** YYYY-MM-DD of `now` in the viewer's calendar (due dates have no zone). */
export function localDateOf(now: Date): string {
  return `${now.getFullYear()}-${String(now.getMonth() + 1).padStart(2, '0')}-${String(now.getDate()).padStart(2, '0')}`;
}
