/**
 * The service level of a list row, reduced to what a queue needs: when the row turns "at risk"
 * and when it breaches (or, on hold, how much time it will have left when resumed). These
 * instants do not move as time passes, so they are computed once per row and policy, and the
 * state at any moment is two comparisons: that is what lets a queue of 100,000 incidents count
 * down live and re-sort by time left in milliseconds.
 */
import { openStages } from './incident';
import type { IncidentListItem } from './incidentList';
import { createServiceLevelCalculator, type ServiceLevelClock, type ServiceLevelClockName, type ServiceLevelPolicy } from './serviceLevel';
import type { IsoTimestamp } from './time';

export type ListServiceLevel =
  | {
      kind: 'running';
      /** The clock that breaches first. */
      clock: ServiceLevelClockName;
      /** The earliest instant any running clock reaches the warning threshold. */
      warnAtMs: number;
      /** The instant the first clock uses up its target; breached from the next millisecond. */
      dueAtMs: number;
    }
  | {
      kind: 'paused';
      clock: ServiceLevelClockName;
      /** Frozen while on hold: the least time any clock has left. */
      remainingMs: number;
      /** A clock can be breached and on hold; it stays breached. */
      isBreached: boolean;
    };

/** running -> at_risk -> breached as time passes; paused while on hold. */
export type ListServiceLevelState = 'on_track' | 'at_risk' | 'breached' | 'paused';
export const listServiceLevelStateLabels: Record<ListServiceLevelState, string> = {
  on_track: 'On track',
  at_risk: 'At risk',
  breached: 'Breached',
  paused: 'Paused',
};

export type ListServiceLevelSubject = Pick<
  IncidentListItem,
  'stage' | 'kind' | 'priority' | 'reportedAt' | 'updatedAt' | 'acknowledgedAt' | 'resolvedAt' | 'holdIntervals' | 'priorityChanges'
>;

/** The latest instant the row records: holds started by then are the ones in force. */
function asOfLastUpdate(item: ListServiceLevelSubject): IsoTimestamp {
  let latest = Math.max(Date.parse(item.updatedAt), Date.parse(item.reportedAt));
  for (const hold of item.holdIntervals) latest = Math.max(latest, Date.parse(hold.from), hold.to === null ? 0 : Date.parse(hold.to));
  return new Date(latest).toISOString();
}

/**
 * Returns a function giving each open row its list service level under `policy`, or null for rows
 * whose clocks have all stopped (resolved, closed, cancelled). It needs no clock: the instants do
 * not depend on the time of asking, and whether a hold is in force is known from the row as of
 * its last update (a hold starts and ends only by an update).
 */
export function createListServiceLevelCalculator(policy: ServiceLevelPolicy): (item: ListServiceLevelSubject) => ListServiceLevel | null {
  const calculate = createServiceLevelCalculator(policy);
  return (item) => {
    if (!openStages.includes(item.stage)) return null;
    const level = calculate(item, asOfLastUpdate(item));
    const clocks = (
      [
        ['response', level.response],
        ['resolution', level.resolution],
      ] as [ServiceLevelClockName, ServiceLevelClock][]
    ).filter(([, clock]) => clock.stoppedAtIso === null);
    if (clocks.length === 0) return null;
    const paused = clocks.filter(([, clock]) => clock.pause !== null || clock.dueAtIso === null);
    if (paused.length > 0) {
      const [name, least] = clocks.reduce((best, next) => (next[1].remainingMs < best[1].remainingMs ? next : best));
      return { kind: 'paused', clock: name, remainingMs: least.remainingMs, isBreached: least.remainingMs < 0 };
    }
    let first = clocks[0]!;
    let warnAtMs = Number.POSITIVE_INFINITY;
    for (const entry of clocks) {
      if (Date.parse(entry[1].dueAtIso!) < Date.parse(first[1].dueAtIso!)) first = entry;
      warnAtMs = Math.min(warnAtMs, Date.parse(entry[1].warningAtIso!));
    }
    return { kind: 'running', clock: first[0], warnAtMs, dueAtMs: Date.parse(first[1].dueAtIso!) };
  };
}

export function listServiceLevelState(level: ListServiceLevel, nowMs: number): ListServiceLevelState {
  if (level.kind === 'paused') return level.isBreached ? 'breached' : 'paused';
  if (nowMs > level.dueAtMs) return 'breached';
  return nowMs >= level.warnAtMs ? 'at_risk' : 'on_track';
}

/** Time left before the first breach: negative once breached, frozen while paused. */
export function listServiceLevelTimeLeftMs(level: ListServiceLevel, nowMs: number): number {
  return level.kind === 'paused' ? level.remainingMs : level.dueAtMs - nowMs;
}

/** When the state next changes by time passing alone, for one timer per view; null if never. */
export function nextListServiceLevelChangeMs(level: ListServiceLevel, nowMs: number): number | null {
  if (level.kind === 'paused') return null;
  if (nowMs < level.warnAtMs) return level.warnAtMs;
  if (nowMs <= level.dueAtMs) return level.dueAtMs + 1;
  return null;
}
