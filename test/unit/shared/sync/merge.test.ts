import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { mergeStampedRows, type StampedRow } from '../../../../shared/sync/merge';
import { compareHlcStamps, formatHlcStamp } from '../../../../shared/domain/hlc';

const fields = ['title', 'stage', 'priority', 'assignee', 'holdIntervals'] as const;

/**
 * A stamp identifies one write, so the value written is a function of (field, stamp). Values
 * include objects and arrays so that structural equality matters, not just identity.
 */
function valueFor(field: string, stamp: string): unknown {
  const n = stamp.length + stamp.charCodeAt(14) + stamp.charCodeAt(19);
  switch (field) {
    case 'assignee':
      return { id: `p-${stamp}`, name: `Person ${n}` };
    case 'holdIntervals':
      return [{ from: stamp, to: null, reason: `r${n}` }];
    default:
      return `${field}@${stamp}`;
  }
}

// Narrow domains so that equal stamps, same-wall ties and node tie-breaks are all common.
const stampArb = fc
  .record({
    wallMs: fc.integer({ min: 1_700_000_000_000, max: 1_700_000_000_004 }),
    counter: fc.integer({ min: 0, max: 2 }),
    nodeId: fc.constantFrom('nodea', 'nodeb', 'nodec'),
  })
  .map(formatHlcStamp);

const rowArb: fc.Arbitrary<StampedRow> = fc
  .dictionary(fc.constantFrom(...fields), stampArb, { maxKeys: fields.length })
  .map((stampsByField) => {
    const values: Record<string, unknown> = {};
    const stamps: Record<string, string> = {};
    for (const [field, stamp] of Object.entries(stampsByField)) {
      values[field] = valueFor(field, stamp);
      stamps[field] = stamp;
    }
    return { values, stamps };
  });

/** The state that matters for convergence: values and stamps, compared without key order. */
function state(row: { values: Record<string, unknown>; stamps: Record<string, string> }) {
  const sortKeys = <T>(record: Record<string, T>) => Object.fromEntries(Object.entries(record).sort(([a], [b]) => (a < b ? -1 : 1)));
  return { values: sortKeys(row.values), stamps: sortKeys(row.stamps) };
}

const merge = (a: StampedRow, b: StampedRow): StampedRow => {
  const { values, stamps } = mergeStampedRows(a, b);
  return { values, stamps };
};

describe('merge algebra (properties)', () => {
  it('is commutative', () => {
    fc.assert(
      fc.property(rowArb, rowArb, (a, b) => {
        expect(state(merge(a, b))).toEqual(state(merge(b, a)));
      }),
      { numRuns: 500 },
    );
  });

  it('is associative', () => {
    fc.assert(
      fc.property(rowArb, rowArb, rowArb, (a, b, c) => {
        expect(state(merge(merge(a, b), c))).toEqual(state(merge(a, merge(b, c))));
      }),
      { numRuns: 500 },
    );
  });

  it('is idempotent', () => {
    fc.assert(
      fc.property(rowArb, rowArb, (a, b) => {
        expect(state(merge(a, a))).toEqual(state(a));
        const ab = merge(a, b);
        expect(state(merge(ab, b))).toEqual(state(ab));
        expect(state(merge(ab, a))).toEqual(state(ab));
      }),
      { numRuns: 500 },
    );
  });

  it('merging into nothing gives the incoming row', () => {
    fc.assert(
      fc.property(rowArb, (a) => {
        const result = mergeStampedRows(undefined, a);
        expect(state(result)).toEqual(state(a));
        expect(result.clashes).toEqual([]);
        expect(result.changedFields.sort()).toEqual(Object.keys(a.values).sort());
      }),
    );
  });

  it('any order of the same rows converges, and each field holds its newest write', () => {
    fc.assert(
      fc.property(fc.array(rowArb, { minLength: 1, maxLength: 8 }), fc.nat(), (rows, rotation) => {
        const fold = (list: StampedRow[]) => list.reduce<StampedRow | undefined>((acc, row) => (acc ? merge(acc, row) : merge({ values: {}, stamps: {} }, row)), undefined)!;
        const forwards = fold(rows);
        const backwards = fold([...rows].reverse());
        const k = rotation % rows.length;
        const rotated = fold([...rows.slice(k), ...rows.slice(0, k)]);
        expect(state(backwards)).toEqual(state(forwards));
        expect(state(rotated)).toEqual(state(forwards));
        for (const field of fields) {
          const written = rows.map((row) => row.stamps[field]).filter((stamp): stamp is string => stamp !== undefined);
          if (written.length === 0) {
            expect(forwards.stamps).not.toHaveProperty(field);
            continue;
          }
          const newest = written.reduce((max, stamp) => (compareHlcStamps(stamp, max) > 0 ? stamp : max));
          expect(forwards.stamps[field]).toBe(newest);
          expect(forwards.values[field]).toEqual(valueFor(field, newest));
        }
      }),
      { numRuns: 300 },
    );
  });
});

describe('per-field last writer wins', () => {
  const older = '1700000000000:000000:nodea';
  const newer = '1700000000001:000000:nodea';
  const newestOtherNode = '1700000000001:000000:nodeb';

  it('takes each field from whichever side has the newer stamp', () => {
    const local: StampedRow = {
      values: { title: 'local title', stage: 'triaged', priority: 'P3' },
      stamps: { title: newer, stage: older, priority: older },
    };
    const incoming: StampedRow = {
      values: { title: 'incoming title', stage: 'in_progress', assignee: { id: 'p1', name: 'Ada' } },
      stamps: { title: older, stage: newer, assignee: older },
    };
    const result = mergeStampedRows(local, incoming);
    expect(result.values).toEqual({ title: 'local title', stage: 'in_progress', priority: 'P3', assignee: { id: 'p1', name: 'Ada' } });
    expect(result.stamps).toEqual({ title: newer, stage: newer, priority: older, assignee: older });
    expect(result.changedFields.sort()).toEqual(['assignee', 'stage']);
  });

  it('on the same wall time and counter, the node id breaks the tie', () => {
    const a: StampedRow = { values: { title: 'A' }, stamps: { title: newer } };
    const b: StampedRow = { values: { title: 'B' }, stamps: { title: newestOtherNode } };
    expect(mergeStampedRows(a, b).values.title).toBe('B');
    expect(mergeStampedRows(b, a).values.title).toBe('B');
  });

  it('does not modify its inputs', () => {
    const local: StampedRow = { values: { title: 'x' }, stamps: { title: older } };
    const incoming: StampedRow = { values: { title: 'y' }, stamps: { title: newer } };
    const snapshot = structuredClone({ local, incoming });
    mergeStampedRows(local, incoming);
    expect({ local, incoming }).toEqual(snapshot);
  });

  it('an incoming write of an equal value is not a change', () => {
    const local: StampedRow = { values: { assignee: { id: 'p1', name: 'Ada' } }, stamps: { assignee: older } };
    const incoming: StampedRow = { values: { assignee: { id: 'p1', name: 'Ada' } }, stamps: { assignee: newer } };
    const result = mergeStampedRows(local, incoming);
    expect(result.changedFields).toEqual([]);
    expect(result.stamps.assignee).toBe(newer);
  });
});

describe('clashes', () => {
  const older = '1700000000000:000003:nodea';
  const newer = '1700000000000:000004:nodeb';

  it('reports a same-field clash won by the incoming side', () => {
    const result = mergeStampedRows(
      { values: { title: 'mine' }, stamps: { title: older } },
      { values: { title: 'theirs' }, stamps: { title: newer } },
    );
    expect(result.clashes).toEqual([{ field: 'title', localValue: 'mine', incomingValue: 'theirs', winner: 'incoming' }]);
    expect(result.values.title).toBe('theirs');
  });

  it('reports a same-field clash won by the local side', () => {
    const result = mergeStampedRows(
      { values: { title: 'mine' }, stamps: { title: newer } },
      { values: { title: 'theirs' }, stamps: { title: older } },
    );
    expect(result.clashes).toEqual([{ field: 'title', localValue: 'mine', incomingValue: 'theirs', winner: 'local' }]);
    expect(result.values.title).toBe('mine');
    expect(result.changedFields).toEqual([]);
  });

  it('reports nothing when the values agree, the stamps are equal, or only one side has the field', () => {
    expect(
      mergeStampedRows({ values: { title: 'same' }, stamps: { title: older } }, { values: { title: 'same' }, stamps: { title: newer } }).clashes,
    ).toEqual([]);
    expect(
      mergeStampedRows({ values: { title: 'same' }, stamps: { title: older } }, { values: { title: 'same' }, stamps: { title: older } }).clashes,
    ).toEqual([]);
    expect(
      mergeStampedRows({ values: { stage: 'new' }, stamps: { stage: older } }, { values: { title: 'x' }, stamps: { title: newer } }).clashes,
    ).toEqual([]);
  });

  it('reports one clash per clashing field with the right winner each', () => {
    const result = mergeStampedRows(
      { values: { title: 'a', stage: 'triaged', priority: 'P1' }, stamps: { title: newer, stage: older, priority: older } },
      { values: { title: 'b', stage: 'on_hold', priority: 'P1' }, stamps: { title: older, stage: newer, priority: newer } },
    );
    expect(result.clashes).toEqual([
      { field: 'title', localValue: 'a', incomingValue: 'b', winner: 'local' },
      { field: 'stage', localValue: 'triaged', incomingValue: 'on_hold', winner: 'incoming' },
    ]);
  });

  it('property: every clash names the side whose value ended up in the result', () => {
    fc.assert(
      fc.property(rowArb, rowArb, (a, b) => {
        const result = mergeStampedRows(a, b);
        for (const clash of result.clashes) {
          expect(result.values[clash.field]).toEqual(clash.winner === 'local' ? clash.localValue : clash.incomingValue);
          expect(clash.localValue).not.toEqual(clash.incomingValue);
        }
      }),
    );
  });
});
