/**
 * Convergence of Firebreak sync, proved with properties (shared/design/sync.md, "Tests that prove
 * convergence", items 1 and 2). The model (clients, server, clock rules) is in
 * test/support/syncSimulation.ts; its header says how clock skew and the 5-minute allowance are
 * handled.
 *
 * WHAT HAPPENS IF THE HLC IS REPLACED BY WALL-CLOCK TIME (stampMode: 'wallclock'):
 * the simulation property fails. fast-check shrinks it to: one client edits a field, its clock
 * jumps back by 1 ms, it edits the same field again. The second edit carries the older stamp, so
 * the server (last writer wins by stamp) keeps the first one: the user's own newest edit is lost
 * (`ownEditsLost` is not empty). When that client had already pulled the row before its second
 * edit, check (a) fails as well: the client keeps showing its second edit (a local write
 * overwrites the field), the losing push does not move the row's sequence number, so no pull ever
 * brings the server's value back and the client and the server differ for good. With the HLC the
 * second stamp is always greater than every stamp the client has made or pulled, so neither
 * happens (see the last describe block, which shows both outcomes on the same seed). */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { compareHlcStamps, formatHlcStamp } from '../../../../shared/domain/hlc';
import { mergeStampedRows } from '../../../../shared/sync/merge';
import { applyMutationToRow, type ServerRowState } from '../../../../shared/sync/rowMerge';
import {
  acceptedWrites,
  clientRowsNormalised,
  defaultSimulationOptions,
  incidentFields,
  maxClients,
  newestWrites,
  normaliseRows,
  ownEditsLost,
  runSimulation,
  serverRowsNormalised,
  type Scenario,
  type SimulationOptions,
  type SimulationResult,
  type TimedAction,
} from '../../../support/syncSimulation';

// ================================================================ 1. merge algebra of applyMutationToRow

type StampedMutation = { fields: Record<string, unknown>; hlc: string };

const rowFields = ['title', 'stage', 'priority', 'assignee', 'deletedAt'] as const;

// Narrow stamp domains so that same-millisecond ties and node-id tie-breaks are common.
const stampArb = fc
  .record({
    wallMs: fc.integer({ min: 1_700_000_000_000, max: 1_700_000_000_003 }),
    counter: fc.integer({ min: 0, max: 2 }),
    nodeId: fc.constantFrom('nodea', 'nodeb', 'nodec'),
  })
  .map(formatHlcStamp);

/**
 * A stamp identifies one user action, so no two different mutations share one (each node's HLC
 * is strictly increasing and node ids differ). The value depends on the stamp, so a wrong winner
 * shows up as a wrong value, not just a wrong stamp.
 */
const mutationsArb: fc.Arbitrary<StampedMutation[]> = fc
  .uniqueArray(fc.tuple(stampArb, fc.subarray([...rowFields], { minLength: 1 })), { selector: ([stamp]) => stamp, minLength: 1, maxLength: 12 })
  .map((entries) =>
    entries.map(([hlc, fields]) => ({
      hlc,
      fields: Object.fromEntries(fields.map((field) => [field, field === 'deletedAt' ? (hlc.endsWith('a') ? null : hlc) : { written: `${field}@${hlc}` }])),
    })),
  );

function applyAll(mutations: StampedMutation[], isInsertOnly = false, start?: ServerRowState): ServerRowState | undefined {
  return mutations.reduce<ServerRowState | undefined>((row, mutation) => applyMutationToRow(row, mutation, isInsertOnly).next, start);
}

const normalised = (row: ServerRowState | undefined) => (row ? normaliseRows([['row', row]]) : undefined);

/** A permutation of 0..n-1 plus a random split into consecutive batches. */
const orderAndBatchesArb = (n: number) =>
  fc.record({
    order: fc.shuffledSubarray([...Array(n).keys()], { minLength: n, maxLength: n }),
    cuts: fc.uniqueArray(fc.integer({ min: 1, max: Math.max(1, n - 1) }), { maxLength: n }),
  });

describe('applyMutationToRow (properties)', () => {
  it('gives the same row for any order of the same mutations', () => {
    fc.assert(
      fc.property(
        mutationsArb.chain((mutations) => fc.tuple(fc.constant(mutations), orderAndBatchesArb(mutations.length))),
        ([mutations, { order }]) => {
          expect(normalised(applyAll(order.map((index) => mutations[index]!)))).toEqual(normalised(applyAll(mutations)));
        },
      ),
      { numRuns: 500 },
    );
  });

  it('gives the same row for any batching: partial rows merged by pulls equal one server applying everything', () => {
    // Each batch is applied to its own copy (another server process, or the state a client pulled
    // at some point); merging those copies with the client merge must give the full result.
    fc.assert(
      fc.property(
        mutationsArb.chain((mutations) => fc.tuple(fc.constant(mutations), orderAndBatchesArb(mutations.length))),
        ([mutations, { order, cuts }]) => {
          const shuffled = order.map((index) => mutations[index]!);
          const bounds = [0, ...[...cuts].sort((a, b) => a - b), shuffled.length];
          const partials = bounds.slice(1).map((end, index) => applyAll(shuffled.slice(bounds[index], end)));
          let merged: { values: Record<string, unknown>; stamps: Record<string, string> } | undefined;
          for (const partial of partials) {
            if (!partial) continue;
            const result = mergeStampedRows(merged, { values: partial.fields, stamps: partial.stamps });
            merged = { values: result.values, stamps: result.stamps };
          }
          expect(normalised(merged && { fields: merged.values, stamps: merged.stamps })).toEqual(normalised(applyAll(mutations)));
        },
      ),
      { numRuns: 500 },
    );
  });

  it('is idempotent: re-applying any mutation already applied (a replayed push) changes nothing', () => {
    fc.assert(
      fc.property(
        mutationsArb.chain((mutations) => fc.tuple(fc.constant(mutations), fc.array(fc.nat({ max: mutations.length - 1 }), { minLength: 1, maxLength: 8 }))),
        ([mutations, replays]) => {
          const once = applyAll(mutations);
          for (const index of replays) {
            const { next, changedFields } = applyMutationToRow(once, mutations[index]!, false);
            expect(changedFields).toEqual([]);
            expect(normalised(next)).toEqual(normalised(once));
          }
          // Duplicates interleaved anywhere in the stream make no difference either.
          const withDuplicates = [...mutations, ...replays.map((index) => mutations[index]!)].reverse();
          expect(normalised(applyAll(withDuplicates))).toEqual(normalised(once));
        },
      ),
      { numRuns: 300 },
    );
  });

  it('keeps, for every field, the value of the mutation with the greatest stamp for that field', () => {
    fc.assert(
      fc.property(mutationsArb, (mutations) => {
        const row = applyAll(mutations)!;
        for (const field of rowFields) {
          const writers = mutations.filter((mutation) => field in mutation.fields);
          if (writers.length === 0) {
            expect(row.fields).not.toHaveProperty(field);
            continue;
          }
          const newest = writers.reduce((best, mutation) => (compareHlcStamps(mutation.hlc, best.hlc) > 0 ? mutation : best));
          expect(row.stamps[field]).toBe(newest.hlc);
          expect(row.fields[field]).toEqual(newest.fields[field]);
        }
      }),
      { numRuns: 500 },
    );
  });

  it('keeps the first write of an insert-only row whatever comes later for that id', () => {
    fc.assert(
      fc.property(mutationsArb, (mutations) => {
        const [first, ...later] = mutations;
        const expected = { fields: { ...first!.fields }, stamps: Object.fromEntries(Object.keys(first!.fields).map((field) => [field, first!.hlc])) };
        const row = applyAll(mutations, true);
        expect(normalised(row)).toEqual(normalised(expected));
        for (const mutation of later) expect(applyMutationToRow(row, mutation, true).changedFields).toEqual([]);
      }),
      { numRuns: 300 },
    );
  });
});

// ================================================================ 2. multi-client simulation

const minute = 60_000;

const actionArb: fc.Arbitrary<TimedAction> = fc
  .tuple(
    fc.integer({ min: 0, max: 20_000 }),
    fc.oneof(
      {
        weight: 5,
        arbitrary: fc.record({
          kind: fc.constant('edit' as const),
          client: fc.nat({ max: maxClients - 1 }),
          incident: fc.nat({ max: 2 }),
          fields: fc.record(
            Object.fromEntries(incidentFields.map((field) => [field, fc.string({ maxLength: 6 })])) as Record<(typeof incidentFields)[number], fc.Arbitrary<string>>,
            { requiredKeys: [] },
          ),
        }),
      },
      {
        weight: 1,
        arbitrary: fc.record({ kind: fc.constant('setDeleted' as const), client: fc.nat({ max: maxClients - 1 }), incident: fc.nat({ max: 2 }), deleted: fc.boolean() }),
      },
      {
        weight: 2,
        arbitrary: fc.record({ kind: fc.constant('append' as const), client: fc.nat({ max: maxClients - 1 }), incident: fc.nat({ max: 2 }), text: fc.string({ maxLength: 12 }) }),
      },
      {
        weight: 3,
        arbitrary: fc.record({ kind: fc.constant('push' as const), client: fc.nat({ max: maxClients - 1 }), count: fc.integer({ min: 1, max: 6 }), ackLost: fc.boolean() }),
      },
      {
        weight: 3,
        arbitrary: fc.record({
          kind: fc.constant('pull' as const),
          client: fc.nat({ max: maxClients - 1 }),
          pageSize: fc.integer({ min: 1, max: 5 }),
          pages: fc.integer({ min: 1, max: 4 }),
        }),
      },
      {
        weight: 1,
        arbitrary: fc.record({ kind: fc.constant('clockJump' as const), client: fc.nat({ max: maxClients - 1 }), backMs: fc.integer({ min: 1, max: 10 * minute }) }),
      },
    ),
  )
  .map(([elapseMs, action]) => ({ ...action, elapseMs }));

const scenarioArb: fc.Arbitrary<Scenario> = fc.record({
  clockSkewsMs: fc.array(fc.integer({ min: -10 * minute, max: 10 * minute }), { minLength: 2, maxLength: maxClients }),
  actions: fc.array(actionArb, { maxLength: 60, size: 'max' }),
  finalPageSize: fc.integer({ min: 1, max: 7 }),
});

/** Checks (a) to (d) and the user's-point-of-view check; throws with a readable message on the first failure. */
function expectConverged(result: SimulationResult): void {
  const { server, clients } = result;
  const serverRows = serverRowsNormalised(server);

  // (a) Every client holds exactly the server's rows, fields and stamps alike.
  for (const client of clients) expect(clientRowsNormalised(client), `${client.clientId} differs from the server`).toEqual(serverRows);

  // (b) Every field holds the write with the greatest stamp among all (accepted) writes to it, and
  // nothing the server holds came from nowhere.
  const accepted = acceptedWrites(result);
  const newest = newestWrites(accepted.filter((write) => write.table === 'incidents'));
  for (const [id, write] of newest) {
    const row = serverRows[write.key];
    expect(row?.fields[write.field], `${id} value`).toEqual(write.value);
    expect(row?.stamps[write.field], `${id} stamp`).toBe(write.stamp);
  }
  for (const [key, row] of Object.entries(serverRows)) {
    for (const field of Object.keys(row.fields)) {
      expect(accepted.some((write) => write.key === key && write.field === field), `${key}/${field} was never written`).toBe(true);
    }
  }

  // (c) Every timeline entry ever created (and accepted) exists everywhere with its original content.
  const entries = new Map<string, { fields: Record<string, unknown>; stamp: string }>();
  for (const write of accepted.filter((candidate) => candidate.table === 'timelineEntries')) {
    const entry = entries.get(write.key) ?? { fields: {}, stamp: write.stamp };
    entry.fields[write.field] = write.value;
    entries.set(write.key, entry);
  }
  for (const [key, entry] of entries) {
    const expected = { fields: entry.fields, stamps: Object.fromEntries(Object.keys(entry.fields).map((field) => [field, entry.stamp])) };
    expect(normaliseRows([[key, serverRows[key]!]])).toEqual(normaliseRows([[key, expected]]));
    for (const client of clients) expect(clientRowsNormalised(client)[key], `${key} on ${client.clientId}`).toEqual(serverRows[key]);
  }

  // (d) The server processed every mutation exactly once, lost acknowledgements notwithstanding.
  const processed = new Map<string, number>();
  for (const entry of server.changeLog) processed.set(`${entry.clientId}#${entry.mutationId}`, (processed.get(`${entry.clientId}#${entry.mutationId}`) ?? 0) + 1);
  expect([...processed.keys()].sort()).toEqual([...result.createdMutations].sort());
  expect([...processed.values()].every((count) => count === 1), 'a mutation was applied twice').toBe(true);
  for (const client of clients) expect(client.outbox).toEqual([]);

  // A client's newer edit never loses to its own older one.
  expect(ownEditsLost(result)).toEqual([]);
}

function converges(options: SimulationOptions) {
  return fc.property(scenarioArb, (scenario) => {
    expectConverged(runSimulation(scenario, options));
  });
}

describe('multi-client sync simulation (properties)', () => {
  it('converges with skewed, backward-jumping clocks, lost acknowledgements and random page sizes', () => {
    const totals = { runs: 0, actions: 0, rejectedMutations: 0, lostAcks: 0, replays: 0, refusedStamps: 0 };
    fc.assert(
      fc.property(scenarioArb, (scenario) => {
        const result = runSimulation(scenario);
        expectConverged(result);
        totals.runs += 1;
        totals.actions += scenario.actions.length;
        for (const key of ['rejectedMutations', 'lostAcks', 'replays', 'refusedStamps'] as const) totals[key] += result.stats[key];
      }),
      { numRuns: 1000 },
    );
    // Guard against a generator that silently stopped exercising the hard paths.
    expect(totals.lostAcks).toBeGreaterThan(0);
    expect(totals.replays).toBeGreaterThan(0);
    expect(totals.rejectedMutations).toBeGreaterThan(0);
    expect(totals.refusedStamps).toBeGreaterThan(0);
  });

  it('converges on a hand-written scenario: same field edited on both sides, one acknowledgement lost', () => {
    const result = runSimulation({
      clockSkewsMs: [4 * minute, -4 * minute],
      finalPageSize: 1,
      actions: [
        { kind: 'edit', client: 0, incident: 0, fields: { title: 'A', stage: 'triage' }, elapseMs: 0 },
        { kind: 'push', client: 0, count: 1, ackLost: true, elapseMs: 1000 },
        { kind: 'pull', client: 1, pageSize: 1, pages: 1, elapseMs: 1000 },
        // Client 1's clock is 8 minutes behind, but it has seen A's stamp, so its edit is newer.
        { kind: 'edit', client: 1, incident: 0, fields: { title: 'B' }, elapseMs: 1000 },
        { kind: 'append', client: 1, incident: 0, text: 'note', elapseMs: 0 },
        { kind: 'push', client: 1, count: 5, ackLost: false, elapseMs: 1000 },
      ],
    });
    expectConverged(result);
    expect(result.server.rows.get('incidents:inc1')?.fields['title']).toBe('B|clientb.1');
    expect(result.stats.replays).toBe(1);
  });
});

// ================================================================ 3. the HLC is what makes it work

describe('without the HLC (raw wall-clock stamps)', () => {
  it('fast-check finds a run where a client’s own later edit loses to its earlier one', () => {
    const details = fc.check(
      fc.property(scenarioArb, (scenario) => ownEditsLost(runSimulation(scenario, { ...defaultSimulationOptions, stampMode: 'wallclock' })).length === 0),
      { numRuns: 300, seed: 42 },
    );
    expect(details.failed).toBe(true);
    // Shrunk, the counterexample is a single client: edit, clock back, edit the same field.
    expect(ownEditsLost(runSimulation(details.counterexample![0], { ...defaultSimulationOptions, stampMode: 'wallclock' }))).not.toEqual([]);
  });

  it('the full convergence check fails too (and passes with the HLC on the same seed)', () => {
    expect(() => fc.assert(converges({ ...defaultSimulationOptions, stampMode: 'wallclock' }), { numRuns: 300, seed: 42, endOnFailure: true })).toThrow();
    expect(() => fc.assert(converges(defaultSimulationOptions), { numRuns: 300, seed: 42 })).not.toThrow();
  });

  it('a concrete case: a backward clock jump between two edits of the same field', () => {
    const scenario: Scenario = {
      clockSkewsMs: [0, 0],
      finalPageSize: 10,
      actions: [
        { kind: 'edit', client: 0, incident: 0, fields: { title: 'first' }, elapseMs: 0 },
        { kind: 'push', client: 0, count: 1, ackLost: false, elapseMs: 1000 },
        { kind: 'pull', client: 0, pageSize: 10, pages: 1, elapseMs: 1000 },
        { kind: 'clockJump', client: 0, backMs: 2 * minute, elapseMs: 1000 },
        { kind: 'edit', client: 0, incident: 0, fields: { title: 'second' }, elapseMs: 1000 },
      ],
    };
    const withHlc = runSimulation(scenario);
    expectConverged(withHlc);
    expect(withHlc.server.rows.get('incidents:inc1')?.fields['title']).toBe('second|clienta.2');

    const withWallClock = runSimulation(scenario, { ...defaultSimulationOptions, stampMode: 'wallclock' });
    expect(withWallClock.server.rows.get('incidents:inc1')?.fields['title']).toBe('first|clienta.1');
    expect(ownEditsLost(withWallClock)).toHaveLength(1);
    // The editor still shows "second": its pull cursor is already past the row, whose sequence
    // number the losing write did not move, so it has diverged from the server for good.
    expect(withWallClock.clients[0]!.rows.get('incidents:inc1')?.values['title']).toBe('second|clienta.2');
  });
});

// ================================================================ 4. the two protocol rules the model depends on

describe('rules the real client and server must follow (each breaks convergence when dropped)', () => {
  it('a client that pulls a stamp too far ahead of its own clock must still move its HLC up to it', () => {
    // receiveHlc refuses stamps more than 5 minutes ahead of the device clock. If the client merges
    // the row but leaves its HLC behind, its next edit of that field gets an older stamp than the
    // value on screen: the edit shows locally, loses on the server, and never comes back.
    const details = fc.check(converges({ ...defaultSimulationOptions, refusedPulledStamp: 'ignore' }), { numRuns: 300, seed: 7, endOnFailure: true });
    expect(details.failed).toBe(true);
  });

  it('a replayed push of a mutation the server rejected must be answered "rejected" with the row again, not "duplicate"', () => {
    // Rejected (clock too far ahead) and the answer lost: on resend a plain "duplicate" lets the
    // client drop the mutation from its outbox without rolling back, and its local field (stamped
    // newer than the server's) survives every later pull.
    const details = fc.check(converges({ ...defaultSimulationOptions, replayOfRejected: 'duplicate' }), { numRuns: 300, seed: 7, endOnFailure: true });
    expect(details.failed).toBe(true);
  });
});
