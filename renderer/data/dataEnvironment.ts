/**
 * What every command and query needs from the outside world, passed in so tests can pin the clock
 * and the ids: the database, the device clock, and the id generator.
 */
import { v7 as uuidV7 } from 'uuid';
import { getDatabase, type FirebreakDatabase } from '../db/database';

export type DataEnvironment = {
  db: FirebreakDatabase;
  nowMs: () => number;
  newId: () => string;
};

let appEnvironment: DataEnvironment | null = null;

export function getDataEnvironment(): DataEnvironment {
  appEnvironment ??= { db: getDatabase(), nowMs: () => Date.now(), newId: () => uuidV7() };
  return appEnvironment;
}

export type CommandResult<T> = { ok: true; value: T } | { ok: false; errors: Record<string, string> };

export function commandFailed(message: string, field = 'form'): { ok: false; errors: Record<string, string> } {
  return { ok: false, errors: { [field]: message } };
}
