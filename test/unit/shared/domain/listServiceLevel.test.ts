import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { emptyIncidentListFilter, filterIncidentList, sortIncidentList, toIncidentListItem, type IncidentListItem, type ServiceLevelLookup } from '../../../../shared/domain/incidentList';
import type { HoldInterval, Incident } from '../../../../shared/domain/incident';
import {
  createListServiceLevelCalculator,
  listServiceLevelState,
  listServiceLevelTimeLeftMs,
  nextListServiceLevelChangeMs,
} from '../../../../shared/domain/listServiceLevel';
import { localInstant } from '../../../../shared/domain/businessCalendar';
import { computeServiceLevelWithPolicy, defaultServiceLevelPolicy, type ServiceLevelPolicy } from '../../../../shared/domain/serviceLevel';
import { makeIncident, minute, testUuid } from '../fixtures';

const nine = Date.parse('2026-11-27T09:00:00.000Z');
const at = (offsetMs: number) => new Date(nine + offsetMs).toISOString();
const calculate = createListServiceLevelCalculator(defaultServiceLevelPolicy);

function row(overrides: Partial<Incident>): IncidentListItem {
  return toIncidentListItem(makeIncident({ id: testUuid(), priority: 'P1', stage: 'new', reportedAt: at(0), createdAt: at(0), updatedAt: at(0), isMajor: false, ...overrides }));
}

describe('list service level of a P1 reported at 09:00 (response target 15 min)', () => {
  const p1 = row({});
  const level = calculate(p1)!;

  it('turns at risk at 75% (09:11:15) and breaches after 09:15', () => {
    expect(level).toEqual({ kind: 'running', clock: 'response', warnAtMs: nine + 11.25 * minute, dueAtMs: nine + 15 * minute });
    expect(listServiceLevelState(level, nine + 11.25 * minute - 1)).toBe('on_track');
    expect(listServiceLevelState(level, nine + 11.25 * minute)).toBe('at_risk');
    expect(listServiceLevelState(level, nine + 15 * minute)).toBe('at_risk');
    expect(listServiceLevelState(level, nine + 15 * minute + 1)).toBe('breached');
    expect(listServiceLevelTimeLeftMs(level, nine + 10 * minute)).toBe(5 * minute);
    expect(listServiceLevelTimeLeftMs(level, nine + 20 * minute)).toBe(-5 * minute);
  });

  it('says when the state next changes, so a view needs one timer', () => {
    expect(nextListServiceLevelChangeMs(level, nine)).toBe(nine + 11.25 * minute);
    expect(nextListServiceLevelChangeMs(level, nine + 12 * minute)).toBe(nine + 15 * minute + 1);
    expect(nextListServiceLevelChangeMs(level, nine + 16 * minute)).toBeNull();
  });

  it('moves to the resolution clock (4 h) once acknowledged', () => {
    const acknowledged = calculate(row({ stage: 'triaged', acknowledgedAt: at(5 * minute) }))!;
    expect(acknowledged).toMatchObject({ kind: 'running', clock: 'resolution', dueAtMs: nine + 4 * 60 * minute, warnAtMs: nine + 3 * 60 * minute });
  });

  it('freezes the time left while on hold and keeps counting from there when resumed', () => {
    const onHold = row({ stage: 'on_hold', acknowledgedAt: at(minute), holdIntervals: [{ from: at(60 * minute), to: null, reason: 'Waiting for the vendor' }] });
    const paused = calculate(onHold)!;
    expect(paused).toEqual({ kind: 'paused', clock: 'resolution', remainingMs: 3 * 60 * minute, isBreached: false });
    expect(listServiceLevelState(paused, nine + 10 * 60 * minute)).toBe('paused');
    expect(listServiceLevelTimeLeftMs(paused, nine + 10 * 60 * minute)).toBe(3 * 60 * minute);
    const resumed = calculate(row({ ...onHold, stage: 'in_progress', holdIntervals: [{ from: at(60 * minute), to: at(120 * minute), reason: 'Waiting for the vendor' }] }))!;
    expect(resumed).toMatchObject({ kind: 'running', dueAtMs: nine + (4 * 60 + 60) * minute });
  });

  it('stays breached while on hold after the target was exceeded', () => {
    const late = calculate(row({ holdIntervals: [{ from: at(20 * minute), to: null, reason: 'Waiting' }] }))!;
    expect(late).toMatchObject({ kind: 'paused', isBreached: true });
    expect(listServiceLevelState(late, nine + 60 * minute)).toBe('breached');
  });

  it('has no level once the clocks stop (resolved, closed, cancelled)', () => {
    for (const stage of ['resolved', 'closed', 'cancelled'] as const) {
      expect(calculate(row({ stage, acknowledgedAt: at(minute), resolvedAt: at(2 * minute) }))).toBeNull();
    }
  });

  it('uses the calendar of the incident kind: office hours move the due instant past the night', () => {
    const officeHours = { id: 'office', name: 'Office', timeZone: 'Europe/London', weeklyHours: [[], ...Array.from({ length: 5 }, () => [{ start: '09:00', end: '17:00' }]), []], holidays: [] };
    const policy: ServiceLevelPolicy = { ...defaultServiceLevelPolicy, calendars: { ...defaultServiceLevelPolicy.calendars, service: officeHours } };
    // A P3 (respond within 2 h) reported on Friday 27 November 2026 at 16:30 London time.
    const reportedAt = localInstant('Europe/London', '2026-11-27', '16:30');
    const level = createListServiceLevelCalculator(policy)(row({ kind: 'service', category: 'outage', priority: 'P3', reportedAt, updatedAt: reportedAt }))!;
    // 30 min on Friday, 90 min on Monday: due Monday 30 November at 10:30 London time.
    expect(level).toMatchObject({ kind: 'running', clock: 'response', dueAtMs: Date.parse(localInstant('Europe/London', '2026-11-30', '10:30')) });
  });
});

describe('list service level agrees with the full clocks', () => {
  it('for any history of holds and acknowledgement, the instants, state and frozen time left match computeServiceLevel', () => {
    fc.assert(
      fc.property(
        fc.constantFrom('P1', 'P2', 'P3', 'P4', 'P5' as const),
        fc.option(fc.integer({ min: 0, max: 600 })),
        fc.array(fc.tuple(fc.integer({ min: 0, max: 600 }), fc.integer({ min: 1, max: 120 })), { maxLength: 3 }),
        fc.option(fc.integer({ min: 0, max: 900 })),
        fc.integer({ min: 0, max: 900 }),
        (priority, acknowledgedMinute, holds, openHoldMinute, nowMinute) => {
          // Only history as it can be recorded by `now`: past acknowledgement, holds that ended, one that has not.
          const isAcknowledged = acknowledgedMinute !== null && acknowledgedMinute <= nowMinute;
          const holdIntervals: HoldInterval[] = holds
            .filter(([from, length]) => from + length <= nowMinute)
            .map(([from, length]) => ({ from: at(from * minute), to: at((from + length) * minute), reason: 'Waiting' }));
          if (openHoldMinute !== null && openHoldMinute <= nowMinute) holdIntervals.push({ from: at(openHoldMinute * minute), to: null, reason: 'Vendor' });
          const nowIso = at(nowMinute * minute);
          const incident = makeIncident({
            id: testUuid(),
            priority,
            stage: isAcknowledged ? 'in_progress' : 'new',
            reportedAt: at(0),
            updatedAt: nowIso,
            acknowledgedAt: isAcknowledged ? at(acknowledgedMinute * minute) : null,
            holdIntervals,
          });
          const level = calculate(toIncidentListItem(incident))!;
          const full = computeServiceLevelWithPolicy(incident, defaultServiceLevelPolicy, nowIso);
          const running = [full.response, full.resolution].filter((clock) => clock.stoppedAtIso === null);
          if (running.some((clock) => clock.pause !== null)) {
            // On hold now: the time left is frozen at the least of the clocks'.
            expect(level).toMatchObject({ kind: 'paused', remainingMs: Math.min(...running.map((clock) => clock.remainingMs)) });
            return;
          }
          expect(level.kind).toBe('running');
          if (level.kind !== 'running') return;
          expect(level.dueAtMs).toBe(Math.min(...running.map((clock) => Date.parse(clock.dueAtIso!))));
          expect(level.warnAtMs).toBe(Math.min(...running.map((clock) => Date.parse(clock.warningAtIso!))));
          const expectedState = running.some((clock) => clock.state === 'breached') ? 'breached' : running.some((clock) => clock.state === 'warning') ? 'at_risk' : 'on_track';
          expect(listServiceLevelState(level, Date.parse(nowIso))).toBe(expectedState);
          // Asked again later, with no new update, the answer is the same: it needs no clock.
          expect(calculate(toIncidentListItem(incident))).toEqual(level);
        },
      ),
    );
  });
});

describe('queue filters and the time-left sort', () => {
  const fresh = row({ reference: 'INC-2026-AAAA-0001', reportedAt: at(10 * minute) });
  const atRisk = row({ reference: 'INC-2026-AAAA-0002', reportedAt: at(0) });
  const breached = row({ reference: 'INC-2026-AAAA-0003', reportedAt: at(-30 * minute) });
  const paused = row({ reference: 'INC-2026-AAAA-0004', stage: 'on_hold', acknowledgedAt: at(-59 * minute), reportedAt: at(-60 * minute), holdIntervals: [{ from: at(-50 * minute), to: null, reason: 'Vendor' }] });
  const resolved = row({ reference: 'INC-2026-AAAA-0005', stage: 'resolved', acknowledgedAt: at(-59 * minute), resolvedAt: at(-1 * minute), reportedAt: at(-60 * minute) });
  const list = [fresh, atRisk, breached, paused, resolved];
  const lookup: ServiceLevelLookup = { nowMs: nine + 12 * minute, levelOf: (item) => calculate(item) };
  const refs = (items: IncidentListItem[]) => items.map((item) => item.reference.slice(-1));

  it('filters by service-level state at the moment given', () => {
    expect(refs(filterIncidentList(list, { ...emptyIncidentListFilter, serviceLevel: 'on_track' }, lookup))).toEqual(['1']);
    expect(refs(filterIncidentList(list, { ...emptyIncidentListFilter, serviceLevel: 'at_risk' }, lookup))).toEqual(['2']);
    expect(refs(filterIncidentList(list, { ...emptyIncidentListFilter, serviceLevel: 'breached' }, lookup))).toEqual(['3']);
    expect(refs(filterIncidentList(list, { ...emptyIncidentListFilter, serviceLevel: 'paused' }, lookup))).toEqual(['4']);
    // Three minutes later the at-risk P1 has breached.
    const later = { ...lookup, nowMs: nine + 15 * minute + 1 };
    expect(refs(filterIncidentList(list, { ...emptyIncidentListFilter, serviceLevel: 'breached' }, later))).toEqual(['2', '3']);
  });

  it('sorts by time left, most urgent first, rows without a running clock last', () => {
    expect(refs(sortIncidentList(list, { field: 'timeLeft', direction: 'asc' }, lookup))).toEqual(['3', '2', '1', '4', '5']);
  });

  it('filters by team and by the major flag', () => {
    const routed = row({ reference: 'INC-2026-AAAA-0006', routedTeam: { id: 'team-soc', name: 'Security Operations' }, isMajor: true });
    const all = [...list, routed];
    expect(refs(filterIncidentList(all, { ...emptyIncidentListFilter, team: 'team-soc' }))).toEqual(['6']);
    expect(refs(filterIncidentList(all, { ...emptyIncidentListFilter, team: 'none' }))).toEqual(['1', '2', '3', '4', '5']);
    expect(refs(filterIncidentList(all, { ...emptyIncidentListFilter, isMajor: 'major' }))).toEqual(['6']);
  });
});
