/**
 * A pure, in-memory model of Firebreak sync (shared/design/sync.md) for the randomised
 * convergence test: one server and a few offline-first clients. No I/O, no timers, no randomness
 * of its own: every choice comes from the `Scenario` that fast-check generates, so a failing run
 * shrinks to a short, replayable action list.
 *
 * The model reuses the production rules wherever they exist, so the test exercises them rather
 * than a copy: `applyMutationToRow` (server merge), `mergeStampedRows` (client merge of a pulled
 * row), `tickHlc` / `receiveHlc` (clocks) and `insertOnlyTables`.
 *
 * Clock model (the choice the design leaves open):
 * - There is one "true" time. The server's clock is true time; each client's clock is true time
 *   plus its own skew (±10 minutes), and clock-jump actions move a client's clock backwards.
 * - The server validates each pushed stamp with `receiveHlc` against its own clock and the same
 *   5-minute allowance: a stamp too far ahead is REJECTED AND ACKNOWLEDGED (design: "a permanently
 *   invalid mutation is rejected and acknowledged"), with the server's current row so the client
 *   rolls its change back. A rejected write never happened: it is left out of the ledger checks.
 * - A replayed mutation that was rejected the first time is answered "rejected" again, with the
 *   current row (see `replayOfRejected`: answering plain "duplicate" loses the rollback when the
 *   first answer was lost, and the client diverges for ever).
 * - On pull, the client folds every stamp into its HLC with `receiveHlc` and its own (skewed)
 *   clock. A client whose clock is far behind will see server-accepted stamps as "too far ahead";
 *   `refusedPulledStamp` says what it does then (see `SimulationOptions`).
 * - Local writes overwrite the local field unconditionally, as renderer/data/writeTransaction.ts
 *   does (the user sees what they typed), stamped with the client's next HLC stamp.
 */
import {
  compareHlcStamps,
  createHlcState,
  defaultMaxClockAheadMs,
  formatHlcStamp,
  receiveHlc,
  tickHlc,
  type HlcState,
  type HlcStamp,
} from '../../shared/domain/hlc';
import { mergeStampedRows, type StampedRow } from '../../shared/sync/merge';
import type { Mutation, SyncedTable } from '../../shared/sync/mutation';
import { insertOnlyTables } from '../../shared/sync/protocol';
import { applyMutationToRow, type ServerRowState } from '../../shared/sync/rowMerge';

// ---------------------------------------------------------------- scenario (what fast-check generates)

/** A small pool of shared incidents, so that concurrent edits of the same rows are the norm. */
export const incidentIds = ['inc1', 'inc2', 'inc3'] as const;
export const incidentFields = ['title', 'stage', 'priority', 'assignee'] as const;
export type IncidentField = (typeof incidentFields)[number];

export const maxClients = 4;
export const startTimeMs = Date.UTC(2026, 0, 15, 12, 0, 0);

/** `client` and `incident` are taken modulo the pool sizes, so actions need not know them. */
export type Action =
  | { kind: 'edit'; client: number; incident: number; fields: Partial<Record<IncidentField, string>> }
  | { kind: 'setDeleted'; client: number; incident: number; deleted: boolean }
  | { kind: 'append'; client: number; incident: number; text: string }
  /** Pushes the first `count` outbox mutations; with `ackLost` the server applies them but the reply never arrives. */
  | { kind: 'push'; client: number; count: number; ackLost: boolean }
  | { kind: 'pull'; client: number; pageSize: number; pages: number }
  | { kind: 'clockJump'; client: number; backMs: number };

/** True time advances by `elapseMs` before the action happens. */
export type TimedAction = Action & { elapseMs: number };

export type Scenario = {
  /** One skew per client, in ms; its length (2 to 4) is the number of clients. */
  clockSkewsMs: number[];
  actions: TimedAction[];
  /** Page size of the final catch-up pulls. */
  finalPageSize: number;
};

export type SimulationOptions = {
  /** 'wallclock' replaces the HLC by the raw device clock: the mode that must break the test. */
  stampMode: 'hlc' | 'wallclock';
  /**
   * What a client does with a pulled stamp that `receiveHlc` refuses as too far ahead of its clock.
   * The row is merged either way (otherwise the client would never converge). 'adopt' also moves
   * the HLC up to it: the server has already vetted the stamp against its own clock, so only this
   * device's clock is wrong. 'ignore' leaves the HLC behind, so the next local edit of that field
   * gets an older stamp than the value on screen (see the test for what that breaks).
   */
  refusedPulledStamp: 'adopt' | 'ignore';
  /** How the server answers a replay of a mutation it rejected. */
  replayOfRejected: 'rejected' | 'duplicate';
  maxClockAheadMs: number;
};

export const defaultSimulationOptions: SimulationOptions = {
  stampMode: 'hlc',
  refusedPulledStamp: 'adopt',
  replayOfRejected: 'rejected',
  maxClockAheadMs: defaultMaxClockAheadMs,
};

// ---------------------------------------------------------------- state

export type SimMutation = Pick<Mutation, 'mutationId' | 'table' | 'rowId' | 'operation' | 'fields' | 'hlc'>;

export type ServerRow = ServerRowState & { table: SyncedTable; rowId: string; seq: number };

export type ChangeLogEntry = { clientId: string; mutationId: number; status: 'applied' | 'rejected'; changedFields: string[] };

type Outcome = { mutationId: number; status: 'applied' | 'duplicate' | 'rejected'; currentRow?: ServerRowState | null };

export type ServerState = {
  rows: Map<string, ServerRow>;
  seq: number;
  lastMutationId: Map<string, number>;
  /** Remembered so that a replay of a rejected mutation can be answered "rejected" again. */
  rejected: Set<string>;
  changeLog: ChangeLogEntry[];
  /** Only used to validate pushed stamps, never to stamp anything. */
  hlc: HlcState;
};

export type ClientState = {
  clientId: string;
  skewMs: number;
  hlc: HlcState;
  /** Wall-clock mode only: keeps raw-clock stamps unique within a node. */
  wallCounter: number;
  rows: Map<string, StampedRow>;
  outbox: SimMutation[];
  nextMutationId: number;
  cursor: number;
  refusedStamps: number;
};

/** Every write any client ever made: the ground truth the final state is checked against. */
export type LedgerWrite = {
  key: string;
  table: SyncedTable;
  field: string;
  value: unknown;
  stamp: HlcStamp;
  clientId: string;
  mutationId: number;
};

export type SimulationResult = {
  server: ServerState;
  clients: ClientState[];
  ledger: LedgerWrite[];
  /** Every mutation ever created, as `clientId#mutationId`. */
  createdMutations: string[];
  /** Counters that show a run exercised the interesting paths. */
  stats: { rejectedMutations: number; lostAcks: number; replays: number; refusedStamps: number };
};

export const rowKey = (table: SyncedTable, rowId: string): string => `${table}:${rowId}`;
const mutationKey = (clientId: string, mutationId: number): string => `${clientId}#${mutationId}`;
const isInsertOnly = (table: SyncedTable): boolean => insertOnlyTables.includes(table);

// ---------------------------------------------------------------- server

function createServer(): ServerState {
  return { rows: new Map(), seq: 0, lastMutationId: new Map(), rejected: new Set(), changeLog: [], hlc: createHlcState('server') };
}

function snapshot(row: ServerRow | undefined): ServerRowState | null {
  return row ? { fields: structuredClone(row.fields), stamps: { ...row.stamps } } : null;
}

/** One push request, applied atomically (the model has no concurrency, so no locking to model). */
function serverPush(server: ServerState, clientId: string, mutations: SimMutation[], nowMs: number, options: SimulationOptions): Outcome[] {
  const outcomes: Outcome[] = [];
  for (const mutation of mutations) {
    const key = rowKey(mutation.table, mutation.rowId);
    if (mutation.mutationId <= (server.lastMutationId.get(clientId) ?? 0)) {
      const wasRejected = server.rejected.has(mutationKey(clientId, mutation.mutationId));
      outcomes.push(
        wasRejected && options.replayOfRejected === 'rejected'
          ? { mutationId: mutation.mutationId, status: 'rejected', currentRow: snapshot(server.rows.get(key)) }
          : { mutationId: mutation.mutationId, status: 'duplicate' },
      );
      continue;
    }
    server.lastMutationId.set(clientId, mutation.mutationId);
    if (!receiveHlc(server.hlc, mutation.hlc, nowMs, options.maxClockAheadMs).ok) {
      server.rejected.add(mutationKey(clientId, mutation.mutationId));
      server.changeLog.push({ clientId, mutationId: mutation.mutationId, status: 'rejected', changedFields: [] });
      outcomes.push({ mutationId: mutation.mutationId, status: 'rejected', currentRow: snapshot(server.rows.get(key)) });
      continue;
    }
    const current = server.rows.get(key);
    const { next, changedFields } = applyMutationToRow(current, mutation, isInsertOnly(mutation.table));
    if (changedFields.length > 0) {
      server.seq += 1;
      server.rows.set(key, { ...next, table: mutation.table, rowId: mutation.rowId, seq: server.seq });
    }
    server.changeLog.push({ clientId, mutationId: mutation.mutationId, status: 'applied', changedFields });
    outcomes.push({ mutationId: mutation.mutationId, status: 'applied' });
  }
  return outcomes;
}

function serverPull(server: ServerState, cursor: number, limit: number): { rows: ServerRow[]; nextCursor: number; hasMore: boolean } {
  const newer = [...server.rows.values()].filter((row) => row.seq > cursor).sort((a, b) => a.seq - b.seq);
  const rows = newer.slice(0, limit).map((row) => structuredClone(row));
  return { rows, nextCursor: rows.at(-1)?.seq ?? cursor, hasMore: newer.length > limit };
}

// ---------------------------------------------------------------- client

function createClient(index: number, skewMs: number): ClientState {
  const clientId = `client${'abcd'[index]}`;
  return {
    clientId,
    skewMs,
    hlc: createHlcState(clientId),
    wallCounter: 0,
    rows: new Map(),
    outbox: [],
    nextMutationId: 1,
    cursor: 0,
    refusedStamps: 0,
  };
}

const clientNow = (client: ClientState, trueTimeMs: number): number => trueTimeMs + client.skewMs;

function nextStamp(client: ClientState, nowMs: number, options: SimulationOptions): HlcStamp {
  if (options.stampMode === 'wallclock') {
    client.wallCounter += 1;
    return formatHlcStamp({ wallMs: Math.floor(nowMs), counter: client.wallCounter, nodeId: client.hlc.nodeId });
  }
  const ticked = tickHlc(client.hlc, nowMs);
  client.hlc = ticked.state;
  return ticked.stamp;
}

/** Folds a stamp seen from the server into the client's clock ("every HLC seen on pull advances the local clock"). */
function observeStamp(client: ClientState, stamp: HlcStamp, nowMs: number, options: SimulationOptions): void {
  if (options.stampMode === 'wallclock') return;
  const received = receiveHlc(client.hlc, stamp, nowMs, options.maxClockAheadMs);
  if (received.ok) {
    client.hlc = received.state;
    return;
  }
  client.refusedStamps += 1;
  if (options.refusedPulledStamp === 'adopt') {
    const adopted = receiveHlc(client.hlc, stamp, nowMs, Number.POSITIVE_INFINITY);
    if (adopted.ok) client.hlc = adopted.state;
  }
}

/** One user action: one stamp, one mutation, written to the local row and the outbox together. */
function writeLocally(
  client: ClientState,
  table: SyncedTable,
  rowId: string,
  operation: SimMutation['operation'],
  fields: Record<string, unknown>,
  nowMs: number,
  options: SimulationOptions,
  ledger: LedgerWrite[],
  createdMutations: string[],
): void {
  const stamp = nextStamp(client, nowMs, options);
  const mutation: SimMutation = { mutationId: client.nextMutationId, table, rowId, operation, fields, hlc: stamp };
  client.nextMutationId += 1;
  client.outbox.push(mutation);
  createdMutations.push(mutationKey(client.clientId, mutation.mutationId));

  const key = rowKey(table, rowId);
  const row = client.rows.get(key) ?? { values: {}, stamps: {} };
  const next: StampedRow = { values: { ...row.values }, stamps: { ...row.stamps } };
  for (const [field, value] of Object.entries(fields)) {
    next.values[field] = value;
    next.stamps[field] = stamp;
    ledger.push({ key, table, field, value, stamp, clientId: client.clientId, mutationId: mutation.mutationId });
  }
  client.rows.set(key, next);
}

/** Undoes a rejected mutation: each field it still owns locally goes back to the server's version. */
function rollBack(client: ClientState, mutation: SimMutation, serverRow: ServerRowState | null, nowMs: number, options: SimulationOptions): void {
  const key = rowKey(mutation.table, mutation.rowId);
  const row = client.rows.get(key);
  if (!row) return;
  const next: StampedRow = { values: { ...row.values }, stamps: { ...row.stamps } };
  for (const field of Object.keys(mutation.fields)) {
    // A later local write of the field is still pending and has its own fate.
    if (next.stamps[field] !== mutation.hlc) continue;
    const serverStamp = serverRow?.stamps[field];
    if (serverRow && serverStamp !== undefined && field in serverRow.fields) {
      next.values[field] = serverRow.fields[field];
      next.stamps[field] = serverStamp;
      observeStamp(client, serverStamp, nowMs, options);
    } else {
      delete next.values[field];
      delete next.stamps[field];
    }
  }
  if (Object.keys(next.values).length === 0) client.rows.delete(key);
  else client.rows.set(key, next);
}

function clientPush(
  client: ClientState,
  server: ServerState,
  count: number,
  ackLost: boolean,
  trueTimeMs: number,
  options: SimulationOptions,
  stats: SimulationResult['stats'],
): void {
  const batch = client.outbox.slice(0, count);
  if (batch.length === 0) return;
  stats.replays += batch.filter((mutation) => mutation.mutationId <= (server.lastMutationId.get(client.clientId) ?? 0)).length;
  const outcomes = serverPush(server, client.clientId, batch, trueTimeMs, options);
  if (ackLost) {
    stats.lostAcks += 1;
    return;
  }
  const nowMs = clientNow(client, trueTimeMs);
  for (const outcome of outcomes) {
    const mutation = batch.find((candidate) => candidate.mutationId === outcome.mutationId)!;
    if (outcome.status === 'rejected') rollBack(client, mutation, outcome.currentRow ?? null, nowMs, options);
  }
  const acknowledged = new Set(outcomes.map((outcome) => outcome.mutationId));
  client.outbox = client.outbox.filter((mutation) => !acknowledged.has(mutation.mutationId));
}

function clientPull(client: ClientState, server: ServerState, pageSize: number, maxPages: number, trueTimeMs: number, options: SimulationOptions): boolean {
  const nowMs = clientNow(client, trueTimeMs);
  for (let page = 0; page < maxPages; page += 1) {
    const { rows, nextCursor, hasMore } = serverPull(server, client.cursor, pageSize);
    for (const row of rows) {
      const key = rowKey(row.table, row.rowId);
      const merged = mergeStampedRows(client.rows.get(key), { values: row.fields, stamps: row.stamps });
      client.rows.set(key, { values: merged.values, stamps: merged.stamps });
      for (const stamp of Object.values(row.stamps)) observeStamp(client, stamp, nowMs, options);
    }
    // The page and the cursor commit together, so a page is never half-applied.
    client.cursor = nextCursor;
    if (!hasMore) return true;
  }
  return false;
}

// ---------------------------------------------------------------- run

export function runSimulation(scenario: Scenario, options: SimulationOptions = defaultSimulationOptions): SimulationResult {
  const server = createServer();
  const clients = scenario.clockSkewsMs.map((skewMs, index) => createClient(index, skewMs));
  const ledger: LedgerWrite[] = [];
  const createdMutations: string[] = [];
  const stats = { rejectedMutations: 0, lostAcks: 0, replays: 0, refusedStamps: 0 };
  let trueTimeMs = startTimeMs;
  let timelineCount = 0;

  for (const action of scenario.actions) {
    trueTimeMs += action.elapseMs;
    const client = clients[action.client % clients.length]!;
    const nowMs = clientNow(client, trueTimeMs);
    switch (action.kind) {
      case 'edit': {
        const incidentId = incidentIds[action.incident % incidentIds.length]!;
        // Values are tagged with the write's identity so that two writes never look alike.
        const fields = Object.fromEntries(
          Object.entries(action.fields).map(([field, value]) => [field, `${value}|${client.clientId}.${client.nextMutationId}`]),
        );
        if (Object.keys(fields).length > 0) writeLocally(client, 'incidents', incidentId, 'update', fields, nowMs, options, ledger, createdMutations);
        break;
      }
      case 'setDeleted': {
        const incidentId = incidentIds[action.incident % incidentIds.length]!;
        const deletedAt = action.deleted ? new Date(nowMs).toISOString() : null;
        writeLocally(client, 'incidents', incidentId, action.deleted ? 'delete' : 'update', { deletedAt }, nowMs, options, ledger, createdMutations);
        break;
      }
      case 'append': {
        timelineCount += 1;
        const entryId = `tl-${client.clientId}-${timelineCount}`;
        const fields = { incidentId: incidentIds[action.incident % incidentIds.length]!, text: action.text, author: client.clientId };
        writeLocally(client, 'timelineEntries', entryId, 'insert', fields, nowMs, options, ledger, createdMutations);
        break;
      }
      case 'push':
        clientPush(client, server, action.count, action.ackLost, trueTimeMs, options, stats);
        break;
      case 'pull':
        clientPull(client, server, action.pageSize, action.pages, trueTimeMs, options);
        break;
      case 'clockJump':
        client.skewMs -= action.backMs;
        break;
    }
  }

  // Everyone reconnects for good: push everything (re-sending whatever lost its acknowledgement),
  // then pull to the end.
  for (const client of clients) {
    for (let attempt = 0; client.outbox.length > 0; attempt += 1) {
      if (attempt > 1000) throw new Error(`${client.clientId} cannot drain its outbox`);
      clientPush(client, server, client.outbox.length, false, trueTimeMs, options, stats);
    }
  }
  for (const client of clients) {
    while (!clientPull(client, server, scenario.finalPageSize, 1000, trueTimeMs, options));
  }

  stats.rejectedMutations = server.changeLog.filter((entry) => entry.status === 'rejected').length;
  stats.refusedStamps = clients.reduce((sum, client) => sum + client.refusedStamps, 0);
  return { server, clients, ledger, createdMutations, stats };
}

// ---------------------------------------------------------------- checks (pure: they return problems, the test asserts)

/** Rows as plain, key-sorted data, so client and server copies compare with deep equality. */
export function normaliseRows(rows: Iterable<[string, { fields: Record<string, unknown>; stamps: Record<string, string> }]>) {
  const sorted = <T>(record: Record<string, T>) => Object.fromEntries(Object.entries(record).sort(([a], [b]) => (a < b ? -1 : 1)));
  return Object.fromEntries(
    [...rows].sort(([a], [b]) => (a < b ? -1 : 1)).map(([key, row]) => [key, { fields: sorted(row.fields), stamps: sorted(row.stamps) }]),
  );
}

export function serverRowsNormalised(server: ServerState) {
  return normaliseRows([...server.rows].map(([key, row]) => [key, { fields: row.fields, stamps: row.stamps }]));
}

export function clientRowsNormalised(client: ClientState) {
  return normaliseRows([...client.rows].map(([key, row]) => [key, { fields: row.values, stamps: row.stamps }]));
}

/** The writes the server accepted (a rejected write was rolled back and never happened). */
export function acceptedWrites(result: SimulationResult): LedgerWrite[] {
  const applied = new Set(result.server.changeLog.filter((entry) => entry.status === 'applied').map((entry) => mutationKey(entry.clientId, entry.mutationId)));
  return result.ledger.filter((write) => applied.has(mutationKey(write.clientId, write.mutationId)));
}

/** For each `key/field`, the accepted write with the greatest stamp. */
export function newestWrites(writes: LedgerWrite[]): Map<string, LedgerWrite> {
  const newest = new Map<string, LedgerWrite>();
  for (const write of writes) {
    const id = `${write.key}/${write.field}`;
    const best = newest.get(id);
    if (!best || compareHlcStamps(write.stamp, best.stamp) > 0) newest.set(id, write);
  }
  return newest;
}

/**
 * Fields whose surviving value is an older write by the same client that later wrote the field
 * again: the user's own newest edit lost to their previous one.
 */
export function ownEditsLost(result: SimulationResult): string[] {
  const writes = acceptedWrites(result);
  const problems: string[] = [];
  for (const [id, winner] of newestWrites(writes)) {
    const laterOwn = writes.find(
      (write) => `${write.key}/${write.field}` === id && write.clientId === winner.clientId && write.mutationId > winner.mutationId,
    );
    if (laterOwn) problems.push(`${id}: ${winner.clientId}'s write #${laterOwn.mutationId} lost to its own earlier write #${winner.mutationId}`);
  }
  return problems;
}
