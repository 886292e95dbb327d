/**
 * Builders for renderer data-layer tests: a DataEnvironment over a fresh fake-indexeddb database
 * with a clock the test controls, a valid "New incident" form, and a whole-database snapshot for
 * "nothing was written" checks. Not a test file.
 */
import Dexie from 'dexie';
import { v7 as uuidV7 } from 'uuid';
import { newIncidentInputAt } from './incidentInput';
import type { NewIncidentInput } from '../../shared/domain/incident';
import { FirebreakDatabase } from '../../renderer/db/database';
import type { DataEnvironment } from '../../renderer/data/dataEnvironment';
import { saveProfile } from '../../renderer/data/profile';

/** 2026-03-10 12:00:00 UTC: the default device clock at the start of a test. */
export const defaultStartMs = Date.UTC(2026, 2, 10, 12, 0, 0);
export const second = 1000;
export const minute = 60 * second;
export const hour = 60 * minute;
export const day = 24 * hour;

export type TestEnvironment = {
  env: DataEnvironment;
  db: FirebreakDatabase;
  name: string;
  /** The device clock now. */
  now(): number;
  /** Moves the device clock forwards (or backwards, with a negative number). */
  advance(ms: number): void;
  setClock(ms: number): void;
  /**
   * Closes this connection and opens a new one to the same database, as an app restart would.
   * The clock keeps its current value unless `clockMs` is given.
   */
  reopen(clockMs?: number): TestEnvironment;
};

/**
 * Dexie reads `indexedDB` from the global once, when the module loads, so the fresh IDBFactory
 * that rendererSetup installs for each test must be handed to Dexie explicitly.
 */
function useCurrentIndexedDb(): void {
  Dexie.dependencies.indexedDB = globalThis.indexedDB;
  Dexie.dependencies.IDBKeyRange = globalThis.IDBKeyRange;
}

export function createTestEnvironment(options: { startMs?: number; name?: string } = {}): TestEnvironment {
  useCurrentIndexedDb();
  const name = options.name ?? `test-${uuidV7()}`;
  let clockMs = options.startMs ?? defaultStartMs;
  const db = new FirebreakDatabase(name);
  const env: DataEnvironment = { db, nowMs: () => clockMs, newId: () => uuidV7() };
  return {
    env,
    db,
    name,
    now: () => clockMs,
    advance(ms) {
      clockMs += ms;
    },
    setClock(ms) {
      clockMs = ms;
    },
    reopen(nextClockMs) {
      db.close();
      return createTestEnvironment({ name, startMs: nextClockMs ?? clockMs });
    },
  };
}

export const testProfile = { name: 'Ada Responder', initials: 'AR', role: 'responder' } as const;

/** Saves the local profile every incident command needs. */
export async function saveTestProfile(env: DataEnvironment, input: { name: string; initials: string; role: string } = testProfile): Promise<void> {
  const result = await saveProfile(env, input);
  if (!result.ok) throw new Error(`Test profile did not save: ${JSON.stringify(result.errors)}`);
}

/** A valid "New incident" form, detected 30 minutes before `nowMs`. */
export function validNewIncidentInput(nowMs: number = defaultStartMs, overrides: Partial<NewIncidentInput> = {}): NewIncidentInput {
  return newIncidentInputAt(nowMs, overrides);
}

type CoreTable = 'incidents' | 'timelineEntries' | 'tasks' | 'settings' | 'outbox' | 'meta';
/** Rows of every table, by table name (tables added later are included automatically). */
export type DatabaseSnapshot = Record<CoreTable, unknown[]> & Record<string, unknown[]>;

/** Every row of every table, in primary-key order, read in one transaction. */
export async function snapshotDatabase(db: FirebreakDatabase): Promise<DatabaseSnapshot> {
  return db.transaction('r', db.tables, async () => {
    const snapshot: Record<string, unknown[]> = {};
    for (const table of [...db.tables].sort((left, right) => (left.name < right.name ? -1 : 1))) snapshot[table.name] = await table.toArray();
    return snapshot as DatabaseSnapshot;
  });
}

/** The snapshot as JSON text, for byte-for-byte comparison. */
export async function databaseText(db: FirebreakDatabase): Promise<string> {
  return JSON.stringify(await snapshotDatabase(db));
}

/** Drops the local-only columns, for comparing rows across databases. */
export function withoutLocalSeq<T extends { localSeq: number }>(row: T): Omit<T, 'localSeq'> {
  const { localSeq: _localSeq, ...rest } = row;
  return rest;
}
