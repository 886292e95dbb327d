import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  createInjectReleasedEvent,
  deriveRunState,
  dueInjects,
  exerciseRunEventSchema,
  formatExerciseOffset,
  injectReleaseEventId,
  nextJumpTarget,
  nextReleaseAt,
  type ExerciseRunEvent,
} from '../../../../shared/domain/exerciseClock';
import { minute } from '../fixtures';
import { facilitator, inject, otherDevicePerson, runEvent, runId, sampleScenario, second, t0 } from '../exerciseFixtures';

const scenario = sampleScenario();
const release = (injectId: string, offsetMs: number, manual = false, by = facilitator) =>
  createInjectReleasedEvent({ runId, injectId, manual, nowIso: new Date(t0 + offsetMs).toISOString(), by });
const dueIds = (events: ExerciseRunEvent[], offsetMs: number) => dueInjects(scenario, events, t0 + offsetMs).map((due) => due.inject.id);

describe('deriveRunState: the exercise clock', () => {
  it('is scheduled with no events and runs at the multiplier from the start', () => {
    expect(deriveRunState(scenario, [], t0)).toMatchObject({ status: 'scheduled', exerciseMs: 0, startedAtMs: null });
    const events = [runEvent('started', 0)];
    expect(deriveRunState(scenario, events, t0 + 5 * minute)).toMatchObject({ status: 'running', exerciseMs: 300_000, multiplier: 1, startedAtMs: t0 });
    expect(deriveRunState(scenario, events, t0 + 5 * minute, 2).exerciseMs).toBe(600_000);
  });

  it('stops exercise time while paused and carries on from there on resume', () => {
    const events = [runEvent('started', 0), runEvent('paused', 8 * minute), runEvent('resumed', 18 * minute)];
    expect(deriveRunState(scenario, events, t0 + 12 * minute)).toMatchObject({ status: 'paused', exerciseMs: 480_000 });
    expect(deriveRunState(scenario, events, t0 + 18 * minute).exerciseMs).toBe(480_000);
    expect(deriveRunState(scenario, events, t0 + 20 * minute)).toMatchObject({ status: 'running', exerciseMs: 600_000 });
  });

  it('scales wall time by the multiplier from the moment it changed', () => {
    const events = [runEvent('started', 0), runEvent('speed_changed', 2 * minute, { multiplier: 10 }), runEvent('speed_changed', 3 * minute, { multiplier: 0.5 })];
    // 2 min at 1x, then 1 min at 10x, then 2 min at 0.5x: 120 s + 600 s + 60 s.
    expect(deriveRunState(scenario, events, t0 + 5 * minute)).toMatchObject({ exerciseMs: 780_000, multiplier: 0.5 });
  });

  it('keeps a speed chosen while paused for the resume', () => {
    const events = [runEvent('started', 0), runEvent('paused', minute), runEvent('speed_changed', 2 * minute, { multiplier: 4 }), runEvent('resumed', 3 * minute)];
    expect(deriveRunState(scenario, events, t0 + 2.5 * minute).exerciseMs).toBe(60_000);
    expect(deriveRunState(scenario, events, t0 + 4 * minute).exerciseMs).toBe(60_000 + 240_000);
  });

  it('freezes on finish and ignores anything after it', () => {
    const events = [runEvent('started', 0), runEvent('finished', 30 * minute), runEvent('resumed', 31 * minute), release('inject-4', 32 * minute, true)];
    const state = deriveRunState(scenario, events, t0 + 40 * minute);
    expect(state).toMatchObject({ status: 'finished', exerciseMs: 1_800_000, finishedAtMs: t0 + 30 * minute });
    expect(state.released.has('inject-4')).toBe(false);
  });

  it('counts an event stamped ahead of this device only once now reaches it', () => {
    const events = [runEvent('started', 0), runEvent('paused', 10 * minute)];
    expect(deriveRunState(scenario, events, t0 + 9 * minute).status).toBe('running');
    expect(deriveRunState(scenario, events, t0 + 10 * minute).status).toBe('paused');
  });
});

describe('dueInjects and nextReleaseAt', () => {
  it('walks a run through pause, resume, a speed change, a dependent inject and a manual one', () => {
    const events: ExerciseRunEvent[] = [runEvent('started', 0)];
    // Inject 1 is due at +0: at once.
    expect(dueIds(events, 0)).toEqual(['inject-1']);
    expect(nextReleaseAt(scenario, events, t0 + 2 * second)).toBe(t0 + 2 * second);
    events.push(release('inject-1', 2 * second));
    expect(dueIds(events, 2 * second)).toEqual([]);
    // Inject 2 at +10 min of exercise time.
    expect(nextReleaseAt(scenario, events, t0 + 5 * minute)).toBe(t0 + 10 * minute);
    events.push(runEvent('paused', 8 * minute));
    expect(nextReleaseAt(scenario, events, t0 + 9 * minute)).toBeNull();
    expect(dueIds(events, 15 * minute)).toEqual([]);
    events.push(runEvent('resumed', 18 * minute));
    // 8 min played; 2 more at 1x.
    expect(nextReleaseAt(scenario, events, t0 + 18 * minute)).toBe(t0 + 20 * minute);
    events.push(runEvent('speed_changed', 19 * minute, { multiplier: 10 }));
    // At +19 min wall, 9 min played; the last minute takes 6 s at 10x.
    expect(nextReleaseAt(scenario, events, t0 + 19 * minute)).toBe(t0 + 19 * minute + 6 * second);
    expect(dueIds(events, 19 * minute + 5999)).toEqual([]);
    expect(dueIds(events, 19 * minute + 6 * second)).toEqual(['inject-2']);
    // Inject 3 waits for inject 2's release, not its due time.
    events.push(release('inject-2', 19 * minute + 8 * second));
    const state = deriveRunState(scenario, events, t0 + 19 * minute + 8 * second);
    expect(state.released.get('inject-2')?.exerciseMs).toBe(620_000);
    // 620 s + 5 min = 920 s of exercise time, 300 s away at 10x: 30 s of wall time.
    expect(nextReleaseAt(scenario, events, t0 + 19 * minute + 8 * second)).toBe(t0 + 19 * minute + 38 * second);
    // The manual inject 4 never falls due by itself.
    expect(dueIds(events, 60 * minute)).toEqual(['inject-3', 'inject-5']);
    events.push(release('inject-4', 20 * minute, true));
    expect(deriveRunState(scenario, events, t0 + 20 * minute).released.get('inject-4')).toMatchObject({ manual: true, exerciseMs: 920_000 + 22 * second * 10 });
  });

  it('jumps exercise time to the next scheduled inject', () => {
    const events: ExerciseRunEvent[] = [runEvent('started', 0), release('inject-1', 0)];
    expect(nextJumpTarget(scenario, events, t0 + minute)).toEqual({ injectId: 'inject-2', toExerciseMs: 600_000 });
    events.push(runEvent('jumped_to_next', minute, { injectId: 'inject-2', toExerciseMs: 600_000 }));
    expect(deriveRunState(scenario, events, t0 + minute).exerciseMs).toBe(600_000);
    expect(dueIds(events, minute)).toEqual(['inject-2']);
    expect(deriveRunState(scenario, events, t0 + 2 * minute).exerciseMs).toBe(660_000);
    // A jump never moves time backwards (a stale jump from another device).
    events.push(runEvent('jumped_to_next', 3 * minute, { injectId: 'inject-2', toExerciseMs: 600_000 }));
    expect(deriveRunState(scenario, events, t0 + 3 * minute).exerciseMs).toBe(720_000);
  });

  it('jumps while paused and stays paused', () => {
    const events = [runEvent('started', 0), release('inject-1', 0), runEvent('paused', minute), runEvent('jumped_to_next', 2 * minute, { injectId: 'inject-2', toExerciseMs: 600_000 })];
    expect(deriveRunState(scenario, events, t0 + 5 * minute)).toMatchObject({ status: 'paused', exerciseMs: 600_000 });
    expect(dueIds(events, 5 * minute)).toEqual([]);
  });

  it('has no next release before the start, when finished, or when only manual injects are left', () => {
    expect(nextReleaseAt(scenario, [], t0)).toBeNull();
    expect(nextReleaseAt(scenario, [runEvent('started', 0), runEvent('finished', minute)], t0 + 2 * minute)).toBeNull();
    const manualOnly = { injects: [inject(1, { kind: 'manual' })] };
    expect(nextReleaseAt(manualOnly, [runEvent('started', 0)], t0 + minute)).toBeNull();
    expect(nextJumpTarget(manualOnly, [runEvent('started', 0)], t0 + minute)).toBeNull();
  });

  it('never hands back an instant at which nothing is due, even at odd speeds', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 600 }), fc.double({ min: 0.1, max: 60, noNaN: true }), fc.integer({ min: 0, max: 10 * minute }), (minutes, multiplier, changeAt) => {
        const single = { injects: [inject(1, { kind: 'offset', minutes })] };
        const events = [runEvent('started', 0), runEvent('speed_changed', changeAt, { multiplier })];
        const now = t0 + changeAt;
        const at = nextReleaseAt(single, events, now);
        expect(at).not.toBeNull();
        expect(dueInjects(single, events, at!).map((due) => due.inject.id)).toEqual(['inject-1']);
        if (at! - 1 >= now) expect(dueInjects(single, events, at! - 1)).toEqual([]);
      }),
      { numRuns: 300 },
    );
  });

  it('includes ad hoc injects added during the run', () => {
    const adhoc = inject(9, { kind: 'manual' }, { id: '0190a000-0000-7000-8000-00000000c009', title: 'Unplanned call from the regulator' });
    const events = [runEvent('started', 0), runEvent('adhoc_inject_added', 5 * minute, { inject: adhoc }), release(adhoc.id, 5 * minute, true)];
    const state = deriveRunState(scenario, events, t0 + 6 * minute);
    expect(state.injects.map((entry) => entry.mselNumber)).toEqual([1, 2, 3, 4, 5, 9]);
    expect(state.released.get(adhoc.id)).toMatchObject({ exerciseMs: 300_000, manual: true });
  });
});

describe('releasing is idempotent across devices', () => {
  it('derives one id per run and inject', () => {
    expect(injectReleaseEventId(runId, 'inject-1')).toBe(injectReleaseEventId(runId, 'inject-1'));
    expect(injectReleaseEventId(runId, 'inject-1')).not.toBe(injectReleaseEventId(runId, 'inject-2'));
    expect(exerciseRunEventSchema.safeParse(release('inject-1', 0)).success).toBe(true);
  });

  it('keeps the first release when two devices release the same inject', () => {
    const events = [runEvent('started', 0), release('inject-4', 3 * minute, true, otherDevicePerson), release('inject-4', 2 * minute, true)];
    const state = deriveRunState(scenario, events, t0 + 5 * minute);
    expect(state.released.get('inject-4')).toMatchObject({ exerciseMs: 120_000, by: facilitator });
  });

  it('gives the same state for the events of two devices merged in any order, with duplicates', () => {
    const injectIds = scenario.injects.map((entry) => entry.id);
    const deviceEvents = (by: typeof facilitator) =>
      fc.array(fc.record({ injectId: fc.constantFrom(...injectIds), at: fc.integer({ min: 0, max: 90 * minute }), manual: fc.boolean() }), { maxLength: 8 }).map((releases) =>
        releases.map((entry) => release(entry.injectId, entry.at, entry.manual, by)),
      );
    const clock = fc.array(
      fc.record({ kind: fc.constantFrom('paused', 'resumed', 'speed_changed', 'finished') as fc.Arbitrary<ExerciseRunEvent['kind']>, at: fc.integer({ min: 0, max: 90 * minute }), multiplier: fc.constantFrom(0.5, 1, 2, 10) }),
      { maxLength: 6 },
    ).map((entries) => [runEvent('started', 0), ...entries.map((entry) => runEvent(entry.kind, entry.at, entry.kind === 'speed_changed' ? { multiplier: entry.multiplier } : {}))]);
    const summary = (events: ExerciseRunEvent[]) => {
      const state = deriveRunState(scenario, events, t0 + 100 * minute);
      return { status: state.status, exerciseMs: state.exerciseMs, multiplier: state.multiplier, released: [...state.released.values()].sort((a, b) => a.injectId.localeCompare(b.injectId)), segments: state.segments };
    };
    fc.assert(
      fc.property(clock, deviceEvents(facilitator), deviceEvents(otherDevicePerson), fc.infiniteStream(fc.nat()), fc.array(fc.nat(), { maxLength: 5 }), (clockEvents, a, b, randoms, duplicates) => {
        const all = [...clockEvents, ...a, ...b];
        const merged = [...all, ...duplicates.filter(() => all.length > 0).map((index) => all[index % all.length]!)];
        const shuffled = merged.map((event) => ({ event, key: randoms.next().value as number })).sort((x, y) => x.key - y.key).map((entry) => entry.event);
        expect(summary(shuffled)).toEqual(summary(all));
        const releasedIds = new Set([...a, ...b].map((event) => (event.kind === 'inject_released' ? event.injectId : '')));
        const state = deriveRunState(scenario, shuffled, t0 + 100 * minute);
        for (const id of state.released.keys()) expect(releasedIds.has(id)).toBe(true);
      }),
      { numRuns: 200 },
    );
  });
});

describe('formatExerciseOffset', () => {
  it('writes hours and minutes', () => {
    expect(formatExerciseOffset(0)).toBe('+00:00');
    expect(formatExerciseOffset(65 * minute + 59 * second)).toBe('+01:05');
    expect(formatExerciseOffset(25 * 60 * minute)).toBe('+25:00');
  });
});
