/**
 * The one write path. A command runs its body inside a single Dexie transaction that also writes
 * the sync outbox and advances the persisted clock, so entity rows, timeline rows and outbox rows
 * are committed together or not at all.
 *
 * Rule for bodies: await only Dexie calls. Awaiting anything else (fetch, crypto, timers) ends an
 * IndexedDB transaction early and would commit half a command.
 */
import type { Table } from 'dexie';
import { createHlcState, formatHlcStamp, parseHlcStamp, receiveHlc, tickHlc } from '../../shared/domain/hlc';
import { deviceCodeFromId } from '../../shared/domain/reference';
import { syncSchemaVersion, type MutationOperation, type SyncedTable } from '../../shared/sync/mutation';
import type { MetaRow, SyncColumns } from '../db/database';
import type { DataEnvironment } from './dataEnvironment';

export type DeviceIdentity = Extract<MetaRow, { key: 'device' }>;
export type ClockMeta = Extract<MetaRow, { key: 'clock' }>;

export type ChangeRecorder = {
  /** The device clock at the start of the command, as ISO UTC. */
  nowIso: string;
  /** One HLC stamp for the whole action: every field it sets carries it. */
  stamp: string;
  device: DeviceIdentity;
  /** Stamps every field of a new row and queues its insert in the outbox. */
  stampNew<T extends object>(table: SyncedTable, rowId: string, row: T): T & SyncColumns;
  /** Applies a patch to an existing row, stamps the changed fields and queues the update. */
  stampPatch<T extends SyncColumns>(table: SyncedTable, rowId: string, existing: T, patch: Partial<T>, operation?: MutationOperation): T;
  /**
   * Stores the result of merging a row from elsewhere (an import file, later a sync pull): the
   * fields it changed are queued with their original stamps, so the merge stays last-writer-wins.
   */
  stampMerged<T extends object>(table: SyncedTable, rowId: string, values: T, fieldStamps: Record<string, string>, changedFields: readonly string[]): T & SyncColumns;
  /**
   * Stamps a row that must never leave this device (generated sample data): no outbox entry, so
   * demo and benchmark data cannot reach the team server.
   */
  stampLocalOnly<T extends object>(row: T): T & SyncColumns;
  /** Takes the next human reference number of this device. */
  takeReferenceSequence(): number;
  /**
   * Makes the whole command local-only: nothing it writes enters the outbox. Used for changes to
   * generated sample incidents, which must never reach a team server.
   */
  keepLocal(): void;
};

export type WriteCommandOptions = {
  /** The newest stamp the command brings in from elsewhere; the clock moves past it first. */
  observedStamp?: string;
};

/** Raised when data from elsewhere carries change stamps too far in the future to trust. */
export class ClockAheadError extends Error {
  constructor(readonly aheadByMs: number) {
    super(`The data carries change times ${Math.round(aheadByMs / 60000)} minutes ahead of this device's clock; check the clock of the device that wrote it.`);
    this.name = 'ClockAheadError';
  }
}

/** HLC node id: the random tail of the device's UUIDv7. */
export function hlcNodeIdForDevice(deviceId: string): string {
  return deviceId.replace(/-/g, '').slice(-16);
}

/** Creates this device's identity on first launch; returns the existing one afterwards. */
export async function ensureDevice(environment: DataEnvironment): Promise<DeviceIdentity> {
  const { db } = environment;
  return db.transaction('rw', db.meta, async () => {
    const existing = await db.meta.get('device');
    if (existing && existing.key === 'device') return existing;
    const deviceId = environment.newId();
    const device: DeviceIdentity = {
      key: 'device',
      deviceId,
      deviceCode: deviceCodeFromId(deviceId),
      createdAt: new Date(environment.nowMs()).toISOString(),
    };
    await db.meta.put(device);
    return device;
  });
}

/**
 * The persisted clock, or a fresh one before the first write. Call inside a transaction that also
 * writes it back, so the clock never goes backwards.
 */
export async function readClock(environment: DataEnvironment, device: DeviceIdentity): Promise<ClockMeta> {
  const stored = await environment.db.meta.get('clock');
  if (stored && stored.key === 'clock') return stored;
  return {
    key: 'clock',
    hlc: formatHlcStamp(createHlcState(hlcNodeIdForDevice(device.deviceId))),
    localSeq: 0,
    nextReferenceSequence: 1,
    nextMutationId: 1,
  };
}

/** Thrown inside the transaction to roll it back when the body refuses the command. */
class CommandRefusal extends Error {
  constructor(readonly result: unknown) {
    super('Command refused');
    this.name = 'CommandRefusal';
  }
}

function isRefusal(value: unknown): boolean {
  return typeof value === 'object' && value !== null && (value as { ok?: unknown }).ok === false;
}

/**
 * Runs `body` in one transaction with the outbox and the clock. A body that returns a failed
 * CommandResult (`{ ok: false }`) refuses the command: the transaction is rolled back, so neither
 * rows nor outbox entries nor the clock change, and the refusal is returned as it is.
 */
export async function runWriteCommand<T>(
  environment: DataEnvironment,
  tables: Table[],
  body: (recorder: ChangeRecorder) => Promise<T>,
  options: WriteCommandOptions = {},
): Promise<T> {
  try {
    return await runInTransaction(environment, tables, body, options);
  } catch (error) {
    if (error instanceof CommandRefusal) return error.result as T;
    throw error;
  }
}

async function runInTransaction<T>(
  environment: DataEnvironment,
  tables: Table[],
  body: (recorder: ChangeRecorder) => Promise<T>,
  options: WriteCommandOptions,
): Promise<T> {
  const { db } = environment;
  // Incident rows are always written with their list rows (renderer/data/incidentStore.ts).
  const scope = tables.includes(db.incidents) ? [...tables, db.incidentListRows] : tables;
  return db.transaction('rw', [...scope, db.outbox, db.meta], async () => {
    // Inside the transaction, so a refused or failed first command leaves no device row behind.
    const device = await ensureDevice(environment);
    const clock = await readClock(environment, device);
    const nowMs = environment.nowMs();
    let clockState = parseHlcStamp(clock.hlc);
    if (options.observedStamp) {
      const received = receiveHlc(clockState, options.observedStamp, nowMs);
      if (!received.ok) throw new ClockAheadError(received.aheadByMs);
      clockState = received.state;
    }
    const ticked = tickHlc(clockState, nowMs);
    const stamp = ticked.stamp;
    const nowIso = new Date(nowMs).toISOString();
    let localSeq = clock.localSeq;
    let nextMutationId = clock.nextMutationId;
    let nextReferenceSequence = clock.nextReferenceSequence;
    const pendingOutbox: Promise<unknown>[] = [];
    let isLocalOnly = false;

    const queue = (table: SyncedTable, rowId: string, operation: MutationOperation, fields: Record<string, unknown>, baseStamps?: Record<string, string>): void => {
      if (isLocalOnly) return;
      pendingOutbox.push(
        db.outbox.add({
          mutationId: nextMutationId,
          table,
          rowId,
          operation,
          fields,
          hlc: stamp,
          schemaVersion: syncSchemaVersion,
          createdAt: nowIso,
          ...(baseStamps ? { baseStamps } : {}),
        }),
      );
      nextMutationId += 1;
    };

    const recorder: ChangeRecorder = {
      nowIso,
      stamp,
      device,
      stampNew(table, rowId, row) {
        const fieldStamps: Record<string, string> = {};
        for (const field of Object.keys(row)) fieldStamps[field] = stamp;
        localSeq += 1;
        queue(table, rowId, 'insert', { ...row } as Record<string, unknown>);
        return { ...row, fieldStamps, localSeq };
      },
      stampPatch(table, rowId, existing, patch, operation = 'update') {
        const fieldStamps = { ...existing.fieldStamps };
        const changed: Record<string, unknown> = {};
        const baseStamps: Record<string, string> = {};
        for (const [field, value] of Object.entries(patch)) {
          if (field === 'fieldStamps' || field === 'localSeq') continue;
          if (JSON.stringify((existing as Record<string, unknown>)[field]) === JSON.stringify(value)) continue;
          const baseStamp = existing.fieldStamps[field];
          if (baseStamp !== undefined) baseStamps[field] = baseStamp;
          fieldStamps[field] = stamp;
          changed[field] = value;
        }
        localSeq += 1;
        if (Object.keys(changed).length > 0) queue(table, rowId, operation, changed, baseStamps);
        return { ...existing, ...patch, fieldStamps, localSeq };
      },
      stampMerged(table, rowId, values, fieldStamps, changedFields) {
        const byStamp = new Map<string, Record<string, unknown>>();
        for (const field of changedFields) {
          const fieldStamp = fieldStamps[field] ?? stamp;
          const group = byStamp.get(fieldStamp) ?? {};
          group[field] = (values as Record<string, unknown>)[field];
          byStamp.set(fieldStamp, group);
        }
        for (const [fieldStamp, fields] of isLocalOnly ? [] : byStamp) {
          pendingOutbox.push(
            db.outbox.add({ mutationId: nextMutationId, table, rowId, operation: 'update', fields, hlc: fieldStamp, schemaVersion: syncSchemaVersion, createdAt: nowIso }),
          );
          nextMutationId += 1;
        }
        localSeq += 1;
        return { ...values, fieldStamps: { ...fieldStamps }, localSeq };
      },
      stampLocalOnly(row) {
        const fieldStamps: Record<string, string> = {};
        for (const field of Object.keys(row)) fieldStamps[field] = stamp;
        localSeq += 1;
        return { ...row, fieldStamps, localSeq };
      },
      keepLocal() {
        if (pendingOutbox.length > 0) throw new Error('keepLocal() must be called before the command queues any change');
        isLocalOnly = true;
      },
      takeReferenceSequence() {
        const sequence = nextReferenceSequence;
        nextReferenceSequence += 1;
        return sequence;
      },
    };

    const result = await body(recorder);
    await Promise.all(pendingOutbox);
    if (isRefusal(result)) throw new CommandRefusal(result);
    await db.meta.put({ key: 'clock', hlc: stamp, localSeq, nextReferenceSequence, nextMutationId });
    return result;
  });
}
