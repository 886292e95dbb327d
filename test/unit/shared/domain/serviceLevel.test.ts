import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  alwaysOpenCalendar,
  businessCalendarSchema,
  workingMsBetween,
  type BusinessCalendar,
  type WorkingInterval,
} from '../../../../shared/domain/businessCalendar';
import type { HoldInterval } from '../../../../shared/domain/incident';
import { defaultServiceTargets, priorities, type Priority } from '../../../../shared/domain/priority';
import {
  computeServiceLevel,
  computeServiceLevelWithPolicy,
  createServiceLevelOutcomeCalculator,
  defaultServiceLevelPolicy,
  nextServiceLevelTransitionAt,
  priorityAt,
  serviceLevelPolicySchema,
  type ServiceLevelSubject,
} from '../../../../shared/domain/serviceLevel';
import { toIso } from '../../../../shared/domain/time';

const minute = 60_000;
const hour = 60 * minute;
const day = 24 * hour;

const officeDay: WorkingInterval[] = [{ start: '09:00', end: '17:00' }];

function officeHours(timeZone: string, holidays: string[] = []): BusinessCalendar {
  return businessCalendarSchema.parse({
    id: `office-${timeZone}`,
    name: `Office ${timeZone}`,
    timeZone,
    weeklyHours: [[], officeDay, officeDay, officeDay, officeDay, officeDay, []],
    holidays,
  });
}

const london = officeHours('Europe/London');
const newYork = officeHours('America/New_York', ['2026-11-26']);

function subject(overrides: Partial<ServiceLevelSubject> = {}): ServiceLevelSubject {
  return { priority: 'P1', reportedAt: '2026-05-01T09:00:00.000Z', acknowledgedAt: null, resolvedAt: null, holdIntervals: [], ...overrides };
}

function hold(from: string, to: string | null, reason = 'Waiting for the vendor'): HoldInterval {
  return { from, to, reason };
}

function at(subjectValue: ServiceLevelSubject, nowIso: string, calendar: BusinessCalendar = alwaysOpenCalendar) {
  return computeServiceLevel(subjectValue, defaultServiceTargets, calendar, nowIso);
}

describe('computeServiceLevel: a P1 around the clock', () => {
  const p1 = subject();

  it('gives the response due time, warning time and breach instant', () => {
    const { response, resolution, nextTransition } = at(p1, '2026-05-01T09:05:00.000Z');
    expect(response).toEqual({
      priority: 'P1',
      targetMs: 15 * minute,
      elapsedMs: 5 * minute,
      remainingMs: 10 * minute,
      fractionElapsed: 1 / 3,
      state: 'running',
      stoppedAtIso: null,
      dueAtIso: '2026-05-01T09:15:00.000Z',
      warningAtIso: '2026-05-01T09:11:15.000Z',
      breachAtIso: '2026-05-01T09:15:00.001Z',
      pause: null,
    });
    expect(resolution).toMatchObject({
      targetMs: 4 * hour,
      state: 'running',
      dueAtIso: '2026-05-01T13:00:00.000Z',
      warningAtIso: '2026-05-01T12:00:00.000Z',
    });
    expect(nextTransition).toEqual({ atIso: '2026-05-01T09:11:15.000Z', clock: 'response', state: 'warning' });
  });

  it.each([
    ['2026-05-01T08:59:00.000Z', 'running', 0],
    ['2026-05-01T09:11:14.999Z', 'running', 11 * minute + 14_999],
    ['2026-05-01T09:11:15.000Z', 'warning', 11 * minute + 15_000],
    ['2026-05-01T09:15:00.000Z', 'warning', 15 * minute],
    ['2026-05-01T09:15:00.001Z', 'breached', 15 * minute + 1],
    ['2026-05-01T10:00:00.000Z', 'breached', hour],
  ] as const)('at %s the response clock is %s', (nowIso, state, elapsedMs) => {
    const { response } = at(p1, nowIso);
    expect(response.state).toBe(state);
    expect(response.elapsedMs).toBe(elapsedMs);
    expect(response.remainingMs).toBe(15 * minute - elapsedMs);
  });

  it('is met when acknowledged exactly at the target and missed a millisecond later', () => {
    const met = at(subject({ acknowledgedAt: '2026-05-01T09:15:00.000Z' }), '2026-05-01T11:00:00.000Z').response;
    expect(met).toMatchObject({ state: 'met', elapsedMs: 15 * minute, remainingMs: 0, stoppedAtIso: '2026-05-01T09:15:00.000Z', dueAtIso: null });
    const missed = at(subject({ acknowledgedAt: '2026-05-01T09:15:00.001Z' }), '2026-05-01T11:00:00.000Z').response;
    expect(missed).toMatchObject({ state: 'missed', remainingMs: -1, dueAtIso: '2026-05-01T09:15:00.000Z', breachAtIso: '2026-05-01T09:15:00.001Z' });
  });

  it('stops the resolution clock at resolvedAt and the response clock at resolvedAt when never acknowledged', () => {
    const resolved = subject({ acknowledgedAt: '2026-05-01T09:10:00.000Z', resolvedAt: '2026-05-01T12:30:00.000Z' });
    const { response, resolution, nextTransition } = at(resolved, '2026-05-02T00:00:00.000Z');
    expect(response.state).toBe('met');
    expect(resolution).toMatchObject({ state: 'met', elapsedMs: 3.5 * hour, stoppedAtIso: '2026-05-01T12:30:00.000Z' });
    expect(nextTransition).toBeNull();
    const unacknowledged = at(subject({ resolvedAt: '2026-05-01T09:20:00.000Z' }), '2026-05-02T00:00:00.000Z').response;
    expect(unacknowledged).toMatchObject({ state: 'missed', elapsedMs: 20 * minute, stoppedAtIso: '2026-05-01T09:20:00.000Z' });
  });

  it('counts the time an incident spent resolved once it is reopened', () => {
    // Reopening clears resolvedAt; time to resolve runs from reportedAt, as in product.md.
    const reopened = subject({ acknowledgedAt: '2026-05-01T09:05:00.000Z', resolvedAt: null });
    expect(at(reopened, '2026-05-01T14:00:00.000Z').resolution).toMatchObject({ state: 'breached', elapsedMs: 5 * hour });
  });

  it('uses a configurable warning threshold, rounded to the millisecond', () => {
    const half = computeServiceLevel(p1, defaultServiceTargets, alwaysOpenCalendar, '2026-05-01T09:07:30.000Z', 0.5);
    expect(half.response.state).toBe('warning');
    expect(half.response.warningAtIso).toBe('2026-05-01T09:07:30.000Z');
    const third = computeServiceLevel(p1, defaultServiceTargets, alwaysOpenCalendar, '2026-05-01T09:00:00.000Z', 1 / 3);
    expect(third.response.warningAtIso).toBe('2026-05-01T09:05:00.000Z');
    expect(() => computeServiceLevel(p1, defaultServiceTargets, alwaysOpenCalendar, '2026-05-01T09:00:00.000Z', 0)).toThrow(RangeError);
    expect(() => computeServiceLevel(p1, defaultServiceTargets, alwaysOpenCalendar, '2026-05-01T09:00:00.000Z', 1.5)).toThrow(RangeError);
  });

  it('does not count time before reportedAt', () => {
    expect(at(p1, '2026-05-01T08:00:00.000Z').response).toMatchObject({ elapsedMs: 0, state: 'running', dueAtIso: '2026-05-01T09:15:00.000Z' });
  });
});

describe('holds pause the clocks', () => {
  const p2 = subject({ priority: 'P2', reportedAt: '2026-05-01T10:00:00.000Z' });

  it('pauses with the recorded reason, freezes the remaining time and has no due time', () => {
    const onHold = { ...p2, holdIntervals: [hold('2026-05-01T10:10:00.000Z', null, 'Waiting for the customer')] };
    for (const nowIso of ['2026-05-01T10:20:00.000Z', '2026-05-03T18:00:00.000Z']) {
      const { response, resolution, nextTransition } = at(onHold, nowIso);
      expect(response).toMatchObject({
        state: 'paused',
        elapsedMs: 10 * minute,
        remainingMs: 20 * minute,
        dueAtIso: null,
        breachAtIso: null,
        pause: { sinceIso: '2026-05-01T10:10:00.000Z', reason: 'Waiting for the customer' },
      });
      expect(resolution).toMatchObject({ state: 'paused', elapsedMs: 10 * minute, dueAtIso: null });
      expect(nextTransition).toBeNull();
    }
  });

  it('resumes with exactly the time that remained', () => {
    const resumed = { ...p2, holdIntervals: [hold('2026-05-01T10:10:00.000Z', '2026-05-01T10:40:00.000Z')] };
    const { response } = at(resumed, '2026-05-01T10:50:00.000Z');
    expect(response).toMatchObject({
      state: 'running',
      elapsedMs: 20 * minute,
      remainingMs: 10 * minute,
      dueAtIso: '2026-05-01T11:00:00.000Z',
      warningAtIso: '2026-05-01T10:52:30.000Z',
      pause: null,
    });
  });

  it('does not subtract overlapping hold records twice', () => {
    const overlapping = {
      ...p2,
      holdIntervals: [hold('2026-05-01T10:10:00.000Z', '2026-05-01T10:40:00.000Z'), hold('2026-05-01T10:30:00.000Z', '2026-05-01T10:50:00.000Z')],
    };
    expect(at(overlapping, '2026-05-01T11:00:00.000Z').response.elapsedMs).toBe(20 * minute);
  });

  it('ignores hold time before reportedAt, after the clock stopped, and inverted records', () => {
    const odd = {
      ...p2,
      acknowledgedAt: '2026-05-01T10:20:00.000Z',
      holdIntervals: [
        hold('2026-05-01T09:00:00.000Z', '2026-05-01T10:05:00.000Z'),
        hold('2026-05-01T10:30:00.000Z', '2026-05-01T11:00:00.000Z'),
        hold('2026-05-01T10:15:00.000Z', '2026-05-01T10:12:00.000Z'),
      ],
    };
    const { response, resolution } = at(odd, '2026-05-01T11:30:00.000Z');
    expect(response).toMatchObject({ state: 'met', elapsedMs: 15 * minute });
    expect(resolution.elapsedMs).toBe(90 * minute - 5 * minute - 30 * minute);
  });

  it('stays breached while on hold and keeps the reason', () => {
    const late = subject({ holdIntervals: [hold('2026-05-01T09:20:00.000Z', null, 'Change freeze')] });
    const { response } = at(late, '2026-05-01T10:00:00.000Z');
    expect(response).toMatchObject({
      state: 'breached',
      elapsedMs: 20 * minute,
      dueAtIso: '2026-05-01T09:15:00.000Z',
      pause: { sinceIso: '2026-05-01T09:20:00.000Z', reason: 'Change freeze' },
    });
  });

  it('reports the reason of the latest hold in force when records overlap', () => {
    const twice = subject({
      holdIntervals: [hold('2026-05-01T09:05:00.000Z', null, 'Vendor'), hold('2026-05-01T09:06:00.000Z', null, 'Customer')],
    });
    expect(at(twice, '2026-05-01T09:10:00.000Z').response.pause).toEqual({ sinceIso: '2026-05-01T09:06:00.000Z', reason: 'Customer' });
  });
});

describe('business hours', () => {
  it('subtracts only the working time on hold (Europe/London, across the spring change)', () => {
    // P3, Friday 27 March 15:00 GMT; on hold from 16:00 Friday to 11:00 BST Monday 30 March.
    // Counted: 1 h Friday. On hold in working time: 1 h Friday + 2 h Monday (the weekend was
    // never working time, so it is not subtracted).
    const service = subject({
      priority: 'P3',
      reportedAt: '2026-03-27T15:00:00.000Z',
      holdIntervals: [hold('2026-03-27T16:00:00.000Z', '2026-03-30T10:00:00.000Z')],
    });
    const { response } = at(service, '2026-03-30T10:30:00.000Z', london);
    expect(response).toMatchObject({
      state: 'warning',
      elapsedMs: 90 * minute,
      remainingMs: 30 * minute,
      dueAtIso: '2026-03-30T11:00:00.000Z',
      warningAtIso: '2026-03-30T10:30:00.000Z',
    });
  });

  it('starts a clock reported at night at the next opening', () => {
    // Reported Monday 20:00 BST; P2 response 30 min from Tuesday 09:00 BST (08:00Z).
    const night = subject({ priority: 'P2', reportedAt: '2026-06-01T19:00:00.000Z' });
    const { response } = at(night, '2026-06-02T07:00:00.000Z', london);
    expect(response).toMatchObject({ state: 'running', elapsedMs: 0, dueAtIso: '2026-06-02T08:30:00.000Z' });
  });

  it('carries a P1 over the weekend and the clock change to the exact instants', () => {
    // Friday 16:50 GMT: 10 min on Friday; warning at 11 min 15 s, due at 15 min, on Monday in BST.
    const lateFriday = subject({ reportedAt: '2026-03-27T16:50:00.000Z' });
    const { response } = at(lateFriday, '2026-03-28T12:00:00.000Z', london);
    expect(response).toMatchObject({
      state: 'running',
      elapsedMs: 10 * minute,
      warningAtIso: '2026-03-30T08:01:15.000Z',
      dueAtIso: '2026-03-30T08:05:00.000Z',
      breachAtIso: '2026-03-30T08:05:00.001Z',
    });
  });

  it('carries clocks across the New York autumn change and a holiday', () => {
    // P3 resolution 24 working hours = 3 working days. Reported Friday 30 Oct 16:00 EDT (20:00Z):
    // 1 h Fri, 8 h Mon 2, 8 h Tue 3, 7 h Wed 4 Nov: due Wed 16:00 EST (21:00Z).
    const service = subject({ priority: 'P3', reportedAt: '2026-10-30T20:00:00.000Z' });
    expect(at(service, '2026-10-30T20:00:00.000Z', newYork).resolution.dueAtIso).toBe('2026-11-04T21:00:00.000Z');
    // Reported Wednesday 25 Nov 09:00 EST; Thanksgiving (26 Nov) is a holiday: 8 h Wed, 8 h Fri,
    // 8 h Mon, due Monday 30 Nov 17:00 EST.
    const thanksgiving = subject({ priority: 'P3', reportedAt: '2026-11-25T14:00:00.000Z' });
    expect(at(thanksgiving, '2026-11-25T14:00:00.000Z', newYork).resolution.dueAtIso).toBe('2026-11-30T22:00:00.000Z');
  });
});

describe('priority changes mid-flight', () => {
  const reportedAt = '2026-05-01T09:00:00.000Z';

  it('measures the whole elapsed time against the new target at once', () => {
    const raised = subject({ priority: 'P1', reportedAt, priorityChanges: [{ at: '2026-05-01T09:20:00.000Z', from: 'P3', to: 'P1' }] });
    const { response, resolution, nextTransition } = at(raised, '2026-05-01T09:20:00.000Z');
    expect(response).toMatchObject({ priority: 'P1', state: 'breached', elapsedMs: 20 * minute, dueAtIso: '2026-05-01T09:15:00.000Z' });
    expect(resolution).toMatchObject({ priority: 'P1', state: 'running', dueAtIso: '2026-05-01T13:00:00.000Z' });
    expect(nextTransition).toEqual({ atIso: '2026-05-01T12:00:00.000Z', clock: 'resolution', state: 'warning' });
  });

  it('puts a breached clock back on track when the priority is lowered', () => {
    const lowered = subject({ priority: 'P3', reportedAt, priorityChanges: [{ at: '2026-05-01T09:25:00.000Z', from: 'P1', to: 'P3' }] });
    const { response } = at(lowered, '2026-05-01T09:25:00.000Z');
    expect(response).toMatchObject({ priority: 'P3', state: 'running', dueAtIso: '2026-05-01T11:00:00.000Z', warningAtIso: '2026-05-01T10:30:00.000Z' });
  });

  it('judges a stopped clock by the priority in force when it stopped', () => {
    const acknowledgedThenRaised = subject({
      priority: 'P1',
      reportedAt,
      acknowledgedAt: '2026-05-01T09:30:00.000Z',
      priorityChanges: [{ at: '2026-05-01T10:00:00.000Z', from: 'P3', to: 'P1' }],
    });
    const { response, resolution } = at(acknowledgedThenRaised, '2026-05-01T10:05:00.000Z');
    expect(response).toMatchObject({ priority: 'P3', targetMs: 2 * hour, state: 'met', elapsedMs: 30 * minute });
    expect(resolution).toMatchObject({ priority: 'P1', targetMs: 4 * hour, state: 'running', elapsedMs: 65 * minute });
  });

  it('uses the resolution target of the priority at resolution', () => {
    const changes = (from: Priority, to: Priority) => [{ at: '2026-05-01T01:00:00.000Z', from, to }];
    const base = { reportedAt: '2026-05-01T00:00:00.000Z', acknowledgedAt: '2026-05-01T00:10:00.000Z', resolvedAt: '2026-05-01T09:00:00.000Z' };
    const raised = subject({ ...base, priority: 'P2', priorityChanges: changes('P4', 'P2') });
    expect(at(raised, '2026-05-02T00:00:00.000Z').resolution).toMatchObject({ priority: 'P2', state: 'missed', remainingMs: -hour });
    const lowered = subject({ ...base, priority: 'P4', priorityChanges: changes('P2', 'P4') });
    expect(at(lowered, '2026-05-02T00:00:00.000Z').resolution).toMatchObject({ priority: 'P4', state: 'met' });
  });

  it('finds the priority in force at an instant', () => {
    const history = subject({
      priority: 'P2',
      priorityChanges: [
        { at: '2026-05-01T12:00:00.000Z', from: 'P1', to: 'P2' },
        { at: '2026-05-01T10:00:00.000Z', from: 'P3', to: 'P1' },
      ],
    });
    expect(priorityAt(history, '2026-05-01T09:00:00.000Z')).toBe('P3');
    expect(priorityAt(history, '2026-05-01T10:00:00.000Z')).toBe('P1');
    expect(priorityAt(history, '2026-05-01T11:59:59.999Z')).toBe('P1');
    expect(priorityAt(history, '2026-05-01T12:00:00.000Z')).toBe('P2');
    expect(priorityAt(subject({ priority: 'P4' }), '2026-05-01T09:00:00.000Z')).toBe('P4');
  });
});

describe('nextServiceLevelTransitionAt', () => {
  function walk(subjectValue: ServiceLevelSubject, startIso: string, calendar: BusinessCalendar) {
    const seen: string[] = [];
    let nowIso = startIso;
    for (let step = 0; step < 10; step++) {
      const next = nextServiceLevelTransitionAt(subjectValue, defaultServiceTargets, calendar, nowIso);
      if (next === null) break;
      const before = computeServiceLevel(subjectValue, defaultServiceTargets, calendar, toIso(Date.parse(next.atIso) - 1));
      const after = computeServiceLevel(subjectValue, defaultServiceTargets, calendar, next.atIso);
      expect(before[next.clock].state).not.toBe(next.state);
      expect(after[next.clock].state).toBe(next.state);
      seen.push(`${next.atIso} ${next.clock} ${next.state}`);
      nowIso = next.atIso;
    }
    return seen;
  }

  it('lists every time-driven change of a P1 around the clock, each exactly once', () => {
    expect(walk(subject(), '2026-05-01T09:00:00.000Z', alwaysOpenCalendar)).toEqual([
      '2026-05-01T09:11:15.000Z response warning',
      '2026-05-01T09:15:00.001Z response breached',
      '2026-05-01T12:00:00.000Z resolution warning',
      '2026-05-01T13:00:00.001Z resolution breached',
    ]);
  });

  it('schedules changes in working time only (New York, across the spring change)', () => {
    // P2 reported Friday 6 March 16:45 EST (21:45Z); 15 min Friday, then Monday in EDT.
    const service = subject({ priority: 'P2', reportedAt: '2026-03-06T21:45:00.000Z' });
    expect(walk(service, '2026-03-06T21:45:00.000Z', newYork)).toEqual([
      '2026-03-09T13:07:30.000Z response warning',
      '2026-03-09T13:15:00.001Z response breached',
      // 6 h of 8: 15 min Fri + 5 h 45 Monday from 09:00 EDT.
      '2026-03-09T18:45:00.000Z resolution warning',
      '2026-03-09T20:45:00.001Z resolution breached',
    ]);
  });

  it('has nothing to schedule while paused or stopped', () => {
    expect(nextServiceLevelTransitionAt(subject({ holdIntervals: [hold('2026-05-01T09:01:00.000Z', null)] }), defaultServiceTargets, alwaysOpenCalendar, '2026-05-01T09:02:00.000Z')).toBeNull();
    const done = subject({ acknowledgedAt: '2026-05-01T09:01:00.000Z', resolvedAt: '2026-05-01T09:30:00.000Z' });
    expect(nextServiceLevelTransitionAt(done, defaultServiceTargets, alwaysOpenCalendar, '2026-05-01T09:02:00.000Z')).toBeNull();
  });
});

describe('service-level policy', () => {
  it('defaults to product.md targets, 75 % warnings and 24x7 for security incidents', () => {
    expect(serviceLevelPolicySchema.safeParse(defaultServiceLevelPolicy).success).toBe(true);
    expect(defaultServiceLevelPolicy.calendars.security.id).toBe('24x7');
    expect(defaultServiceLevelPolicy.warnAtFraction).toBe(0.75);
    expect(serviceLevelPolicySchema.safeParse({ ...defaultServiceLevelPolicy, warnAtFraction: 0 }).success).toBe(false);
  });

  it('uses the calendar of the incident kind', () => {
    const policy = { ...defaultServiceLevelPolicy, calendars: { security: defaultServiceLevelPolicy.calendars.security, service: london } };
    // Saturday: the service desk is closed, the security team is not.
    const saturday = subject({ reportedAt: '2026-06-06T10:00:00.000Z' });
    expect(computeServiceLevelWithPolicy({ ...saturday, kind: 'security' }, policy, '2026-06-06T10:10:00.000Z').response.elapsedMs).toBe(10 * minute);
    expect(computeServiceLevelWithPolicy({ ...saturday, kind: 'service' }, policy, '2026-06-06T10:10:00.000Z').response.elapsedMs).toBe(0);
  });
});

describe('service-level properties', () => {
  const start = Date.parse('2026-03-01T00:00:00Z');
  const calendarArb = fc.constantFrom(alwaysOpenCalendar, london, newYork);
  const priorityArb = fc.constantFrom(...priorities);
  // Hold records as offsets from reportedAt; null length = still open.
  const holdsArb = fc.array(
    fc.record({ offset: fc.integer({ min: -hour, max: 10 * day }), length: fc.option(fc.integer({ min: 0, max: 3 * day }), { nil: null }) }),
    { maxLength: 4 },
  );
  const scenarioArb = fc.record({
    calendar: calendarArb,
    priority: priorityArb,
    reported: fc.integer({ min: start, max: start + 250 * day }),
    holds: holdsArb,
    nowOffset: fc.integer({ min: 0, max: 12 * day }),
  });

  function build(scenario: { priority: Priority; reported: number; holds: { offset: number; length: number | null }[] }, closeHolds: boolean) {
    return subject({
      priority: scenario.priority,
      reportedAt: toIso(scenario.reported),
      holdIntervals: scenario.holds.map(({ offset, length }) =>
        hold(toIso(scenario.reported + offset), length === null && !closeHolds ? null : toIso(scenario.reported + offset + (length ?? hour))),
      ),
    });
  }

  it('holds never increase elapsed time, and without holds elapsed is the working time', () => {
    fc.assert(
      fc.property(scenarioArb, (scenario) => {
        const nowIso = toIso(scenario.reported + scenario.nowOffset);
        const plain = at(build({ ...scenario, holds: [] }, true), nowIso, scenario.calendar);
        const held = at(build(scenario, false), nowIso, scenario.calendar);
        const working = workingMsBetween(scenario.calendar, toIso(scenario.reported), nowIso);
        expect(plain.resolution.elapsedMs).toBe(working);
        expect(held.resolution.elapsedMs).toBeGreaterThanOrEqual(0);
        expect(held.resolution.elapsedMs).toBeLessThanOrEqual(working);
        expect(held.resolution.remainingMs).toBe(held.resolution.targetMs - held.resolution.elapsedMs);
      }),
      { numRuns: 60 },
    );
  });

  it('keeps the remaining time exactly while an open hold lasts', () => {
    fc.assert(
      fc.property(scenarioArb, fc.integer({ min: 0, max: 5 * day }), fc.integer({ min: 0, max: 30 * day }), (scenario, holdOffset, later) => {
        const onHold = build({ ...scenario, holds: [{ offset: holdOffset, length: null }] }, false);
        const first = at(onHold, toIso(scenario.reported + holdOffset), scenario.calendar).resolution;
        const second = at(onHold, toIso(scenario.reported + holdOffset + later), scenario.calendar).resolution;
        expect(second.remainingMs).toBe(first.remainingMs);
        expect(second.pause).not.toBeNull();
        expect(['paused', 'breached']).toContain(second.state);
      }),
      { numRuns: 60 },
    );
  });

  it('schedules the next transition exactly when the state changes', () => {
    fc.assert(
      fc.property(scenarioArb, (scenario) => {
        // Closed holds that ended before now, so that only time moves the state.
        const nowMs = scenario.reported + scenario.nowOffset;
        const past = build({ ...scenario, holds: scenario.holds.filter((h) => h.length !== null && scenario.reported + h.offset + h.length <= nowMs) }, true);
        const now = at(past, toIso(nowMs), scenario.calendar);
        const next = now.nextTransition;
        if (next === null) return;
        const atMs = Date.parse(next.atIso);
        expect(atMs).toBeGreaterThan(nowMs);
        expect(at(past, toIso(atMs - 1), scenario.calendar)[next.clock].state).toBe(now[next.clock].state);
        expect(at(past, next.atIso, scenario.calendar)[next.clock].state).toBe(next.state);
      }),
      { numRuns: 60 },
    );
  });

  it('never lets elapsed time go down as time passes', () => {
    fc.assert(
      fc.property(scenarioArb, fc.integer({ min: 0, max: 3 * day }), (scenario, step) => {
        const held = build(scenario, false);
        const nowMs = scenario.reported + scenario.nowOffset;
        const earlier = at(held, toIso(nowMs), scenario.calendar).resolution.elapsedMs;
        const later = at(held, toIso(nowMs + step), scenario.calendar).resolution.elapsedMs;
        expect(later).toBeGreaterThanOrEqual(earlier);
        expect(later - earlier).toBeLessThanOrEqual(step);
      }),
      { numRuns: 60 },
    );
  });

  it('gives the same outcome from instants as computeServiceLevel from timestamps (createServiceLevelOutcomeCalculator)', () => {
    fc.assert(
      fc.property(
        scenarioArb,
        fc.option(fc.integer({ min: 0, max: 3 * day }), { nil: null }),
        fc.option(fc.integer({ min: 0, max: 12 * day }), { nil: null }),
        fc.array(fc.record({ offset: fc.integer({ min: -day, max: 8 * day }), from: priorityArb, to: priorityArb }), { maxLength: 3 }),
        (scenario, acknowledgeOffset, resolveOffset, changes) => {
          const ticket: ServiceLevelSubject = {
            ...build(scenario, false),
            acknowledgedAt: acknowledgeOffset === null ? null : toIso(scenario.reported + acknowledgeOffset),
            resolvedAt: resolveOffset === null ? null : toIso(scenario.reported + Math.max(resolveOffset, acknowledgeOffset ?? 0)),
            priorityChanges: changes.map((change) => ({ at: toIso(scenario.reported + change.offset), from: change.from, to: change.to })),
          };
          const policy = { ...defaultServiceLevelPolicy, calendars: { security: alwaysOpenCalendar, service: scenario.calendar } };
          const nowMs = scenario.reported + scenario.nowOffset;
          const parse = (iso: string | null) => (iso === null ? null : Date.parse(iso));
          const outcome = createServiceLevelOutcomeCalculator(policy)(
            {
              kind: 'service',
              priority: ticket.priority,
              reportedMs: Date.parse(ticket.reportedAt),
              acknowledgedMs: parse(ticket.acknowledgedAt),
              resolvedMs: parse(ticket.resolvedAt),
              holds: ticket.holdIntervals.map((interval) => ({ fromMs: Date.parse(interval.from), toMs: parse(interval.to) })),
              priorityChanges: (ticket.priorityChanges ?? []).map((change) => ({ atMs: Date.parse(change.at), from: change.from, to: change.to })).sort((a, b) => a.atMs - b.atMs),
            },
            nowMs,
          );
          const full = computeServiceLevelWithPolicy({ ...ticket, kind: 'service' }, policy, toIso(nowMs));
          for (const clock of ['response', 'resolution'] as const) {
            const { priority, targetMs, elapsedMs, state } = full[clock];
            expect(outcome[clock]).toEqual({ priority, targetMs, elapsedMs, state });
          }
        },
      ),
      { numRuns: 100 },
    );
  });
});
