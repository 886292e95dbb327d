import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  compareHlcStamps,
  createHlcState,
  defaultMaxClockAheadMs,
  formatHlcStamp,
  isHlcStamp,
  parseHlcStamp,
  receiveHlc,
  tickHlc,
  type HlcState,
} from '../../../../shared/domain/hlc';

const t0 = Date.UTC(2026, 2, 10, 12, 0, 0);
// Wall clock values up to the year 2200: still 13 digits, which the stamp format assumes.
const wallArb = fc.integer({ min: 0, max: Date.UTC(2200, 0, 1) });
const nodeArb = fc.stringMatching(/^[0-9a-zA-Z]{4,32}$/);
const stateArb = fc.record({ wallMs: wallArb, counter: fc.integer({ min: 0, max: 999_999 }), nodeId: nodeArb });

function tickAll(state: HlcState, clock: readonly number[]): { state: HlcState; stamps: string[] } {
  const stamps: string[] = [];
  for (const now of clock) {
    const result = tickHlc(state, now);
    state = result.state;
    stamps.push(result.stamp);
  }
  return { state, stamps };
}

function expectStrictlyIncreasing(stamps: readonly string[]): void {
  for (let index = 1; index < stamps.length; index += 1) {
    expect(compareHlcStamps(stamps[index - 1]!, stamps[index]!)).toBe(-1);
  }
}

describe('createHlcState and node ids', () => {
  it.each(['abcd', 'Node42', 'a'.repeat(32), '0123'])('accepts node id %s', (nodeId) => {
    expect(createHlcState(nodeId)).toEqual({ wallMs: 0, counter: 0, nodeId });
  });

  it.each(['', 'abc', 'a'.repeat(33), 'ab-cd', 'ab:cd', 'abc d', 'nodé1', 'abcd\n'])('rejects node id %j', (nodeId) => {
    expect(() => createHlcState(nodeId)).toThrow(/node id/);
  });
});

describe('stamp format', () => {
  it('is 13 digits of wall time, 6 of counter, then the node', () => {
    expect(formatHlcStamp({ wallMs: t0, counter: 7, nodeId: 'dev1' })).toBe(`${t0}:000007:dev1`);
    expect(formatHlcStamp({ wallMs: 5, counter: 0, nodeId: 'dev1' })).toBe('0000000000005:000000:dev1');
  });

  it('round-trips through parse', () => {
    fc.assert(
      fc.property(stateArb, (state) => {
        const stamp = formatHlcStamp(state);
        expect(isHlcStamp(stamp)).toBe(true);
        expect(parseHlcStamp(stamp)).toEqual(state);
      }),
    );
  });

  it.each([
    '',
    'not a stamp',
    '1773144000000:000001',
    '177314400000:000001:dev1', // 12 digits
    '1773144000000:00001:dev1', // 5-digit counter
    '1773144000000:000001:dev', // node too short
    '1773144000000:000001:dev-1',
    ' 1773144000000:000001:dev1',
    '1773144000000:000001:dev1 ',
    '1773144000000-000001-dev1',
  ])('rejects %j', (stamp) => {
    expect(isHlcStamp(stamp)).toBe(false);
    expect(() => parseHlcStamp(stamp)).toThrow(/Not an HLC stamp/);
  });

  it('isHlcStamp rejects non-strings', () => {
    for (const value of [null, undefined, 1773144000000, {}, ['1773144000000:000001:dev1']]) expect(isHlcStamp(value)).toBe(false);
  });

  it('string order equals (wall, counter, node) order', () => {
    const tupleCompare = (a: HlcState, b: HlcState): number =>
      a.wallMs !== b.wallMs
        ? Math.sign(a.wallMs - b.wallMs)
        : a.counter !== b.counter
          ? Math.sign(a.counter - b.counter)
          : a.nodeId < b.nodeId
            ? -1
            : a.nodeId > b.nodeId
              ? 1
              : 0;
    // small domains as well as wide ones, so ties on wall and counter are common
    const closeStateArb = fc.record({
      wallMs: fc.oneof(wallArb, fc.integer({ min: t0, max: t0 + 3 })),
      counter: fc.oneof(fc.integer({ min: 0, max: 999_999 }), fc.integer({ min: 0, max: 2 })),
      nodeId: fc.oneof(nodeArb, fc.constantFrom('abcd', 'abcde', 'abce', 'ABCD', 'zzzz')),
    });
    fc.assert(
      fc.property(closeStateArb, closeStateArb, (a, b) => {
        expect(compareHlcStamps(formatHlcStamp(a), formatHlcStamp(b))).toBe(tupleCompare(a, b));
      }),
      { numRuns: 500 },
    );
  });
});

describe('tickHlc', () => {
  it('takes the wall clock when it moves forward and resets the counter', () => {
    const first = tickHlc(createHlcState('dev1'), t0);
    expect(first.state).toEqual({ wallMs: t0, counter: 0, nodeId: 'dev1' });
    const second = tickHlc(first.state, t0 + 10);
    expect(second.state).toEqual({ wallMs: t0 + 10, counter: 0, nodeId: 'dev1' });
    expect(second.stamp).toBe(formatHlcStamp(second.state));
  });

  it('advances the counter when the clock stands still or goes backwards', () => {
    const a = tickHlc(createHlcState('dev1'), t0);
    const b = tickHlc(a.state, t0);
    const c = tickHlc(b.state, t0 - 60_000);
    expect([b.state.wallMs, b.state.counter]).toEqual([t0, 1]);
    expect([c.state.wallMs, c.state.counter]).toEqual([t0, 2]);
    expectStrictlyIncreasing([a.stamp, b.stamp, c.stamp]);
  });

  it('borrows a millisecond instead of overflowing the counter', () => {
    const start: HlcState = { wallMs: t0, counter: 999_998, nodeId: 'dev1' };
    const { stamps, state } = tickAll(start, [t0, t0, t0, t0]);
    expectStrictlyIncreasing([formatHlcStamp(start), ...stamps]);
    expect(stamps.every(isHlcStamp)).toBe(true);
    expect(state.wallMs).toBe(t0 + 1);
  });

  it('ignores the fractional part of the device clock', () => {
    expect(tickHlc(createHlcState('dev1'), t0 + 0.9).state.wallMs).toBe(t0);
  });

  it('property: any sequence of wall clock readings (jumping backwards too) gives strictly increasing stamps', () => {
    const readingArb = fc.oneof(wallArb, fc.double({ min: 0, max: Date.UTC(2200, 0, 1), noNaN: true }));
    fc.assert(
      fc.property(nodeArb, fc.array(readingArb, { minLength: 1, maxLength: 200 }), (nodeId, clock) => {
        const { stamps } = tickAll(createHlcState(nodeId), clock);
        expectStrictlyIncreasing(stamps);
        // and the stamp never lags the clock that produced it
        stamps.forEach((stamp, index) => expect(parseHlcStamp(stamp).wallMs).toBeGreaterThanOrEqual(Math.floor(clock[index]!)));
      }),
      { numRuns: 300 },
    );
  });

  it('property: restored from the last persisted stamp after a restart, an earlier clock still moves forward', () => {
    fc.assert(
      fc.property(
        nodeArb,
        fc.array(fc.integer({ min: t0 - 1000, max: t0 + 1000 }), { minLength: 1, maxLength: 50 }),
        fc.array(fc.integer({ min: 0, max: t0 + 1000 }), { minLength: 1, maxLength: 50 }),
        (nodeId, before, after) => {
          const first = tickAll(createHlcState(nodeId), before);
          const persisted = first.stamps[first.stamps.length - 1]!;
          // the app restarts: all it has is the persisted stamp text
          const restored = parseHlcStamp(persisted);
          // ... and the device clock is now set back to before everything it stamped
          const second = tickAll(restored, after.map((ms) => Math.min(ms, Math.min(...before) - 1)));
          expectStrictlyIncreasing([...first.stamps, ...second.stamps]);
        },
      ),
      { numRuns: 200 },
    );
  });
});

describe('receiveHlc', () => {
  it('a later local tick sorts after a received stamp from a faster clock', () => {
    const local = tickHlc(createHlcState('local1'), t0).state;
    const remote = `${t0 + 60_000}:000005:remote1`;
    const received = receiveHlc(local, remote, t0);
    expect(received).toEqual({ ok: true, state: { wallMs: t0 + 60_000, counter: 6, nodeId: 'local1' } });
    if (!received.ok) return;
    const next = tickHlc(received.state, t0 + 1);
    expect(compareHlcStamps(next.stamp, remote)).toBe(1);
  });

  it('with the same wall time, the counter passes both the local and the remote counter', () => {
    const local: HlcState = { wallMs: t0, counter: 3, nodeId: 'local1' };
    const result = receiveHlc(local, `${t0}:000009:remote1`, t0 - 5);
    expect(result.ok && result.state).toEqual({ wallMs: t0, counter: 10, nodeId: 'local1' });
    const result2 = receiveHlc({ ...local, counter: 20 }, `${t0}:000009:remote1`, t0 - 5);
    expect(result2.ok && result2.state.counter).toBe(21);
  });

  it('an old remote stamp with a current clock resets to the clock', () => {
    const local: HlcState = { wallMs: t0 - 100, counter: 3, nodeId: 'local1' };
    const result = receiveHlc(local, `${t0 - 200}:000009:remote1`, t0);
    expect(result.ok && result.state).toEqual({ wallMs: t0, counter: 0, nodeId: 'local1' });
  });

  it('refuses a stamp more than 5 minutes ahead, and accepts one exactly 5 minutes ahead', () => {
    expect(defaultMaxClockAheadMs).toBe(5 * 60 * 1000);
    const local = createHlcState('local1');
    const tooFar = receiveHlc(local, `${t0 + defaultMaxClockAheadMs + 1}:000000:remote1`, t0);
    expect(tooFar).toEqual({ ok: false, reason: 'clock-ahead', aheadByMs: defaultMaxClockAheadMs + 1 });
    const atLimit = receiveHlc(local, `${t0 + defaultMaxClockAheadMs}:000000:remote1`, t0);
    expect(atLimit.ok).toBe(true);
    const farFuture = receiveHlc(local, `${t0 + 24 * 3600_000}:000000:remote1`, t0);
    expect(farFuture.ok).toBe(false);
  });

  it('honours a custom limit', () => {
    const local = createHlcState('local1');
    expect(receiveHlc(local, `${t0 + 1001}:000000:remote1`, t0, 1000).ok).toBe(false);
    expect(receiveHlc(local, `${t0 + 1000}:000000:remote1`, t0, 1000).ok).toBe(true);
  });

  it('throws on a malformed remote stamp', () => {
    expect(() => receiveHlc(createHlcState('local1'), 'garbage', t0)).toThrow(/Not an HLC stamp/);
  });

  it('property: after receiving, every later local stamp sorts after both the remote and all earlier local stamps', () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: t0 - 10_000, max: t0 + 10_000 }), { minLength: 1, maxLength: 20 }),
        fc.integer({ min: t0 - 600_000, max: t0 + 600_000 }),
        fc.integer({ min: 0, max: 999_999 }),
        fc.integer({ min: t0 - 10_000, max: t0 + 10_000 }),
        fc.array(fc.integer({ min: t0 - 700_000, max: t0 + 10_000 }), { minLength: 1, maxLength: 20 }),
        (before, remoteWall, remoteCounter, receiveNow, after) => {
          const first = tickAll(createHlcState('local1'), before);
          const remote = formatHlcStamp({ wallMs: remoteWall, counter: remoteCounter, nodeId: 'remote1' });
          const received = receiveHlc(first.state, remote, receiveNow);
          if (remoteWall - receiveNow > defaultMaxClockAheadMs) {
            expect(received.ok).toBe(false);
            return;
          }
          expect(received.ok).toBe(true);
          if (!received.ok) return;
          const second = tickAll(received.state, after);
          expectStrictlyIncreasing([...first.stamps, second.stamps[0]!]);
          expectStrictlyIncreasing([remote, ...second.stamps]);
        },
      ),
      { numRuns: 300 },
    );
  });
});
