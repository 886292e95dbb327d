/**
 * The local IndexedDB database. Only renderer/db and renderer/data may import this file.
 *
 * Schema history is append-only: add a new `version(n)` with a dated reason and an upgrade
 * function; never edit a shipped version.
 */
import Dexie, { type Table } from 'dexie';
import type { Incident } from '../../shared/domain/incident';
import type { IncidentListItem } from '../../shared/domain/incidentList';
import type { SettingKey } from '../../shared/domain/settings';
import type { Task } from '../../shared/domain/task';
import type { TimelineEntry } from '../../shared/domain/timeline';
import type { FieldStamps, Mutation } from '../../shared/sync/mutation';

/** Every synced row carries per-field stamps and the local change sequence of its last write. */
export type SyncColumns = {
  fieldStamps: FieldStamps;
  /** Grows with every local write or merge; live views read "everything after n" cheaply. */
  localSeq: number;
};

export type StoredIncident = Incident & SyncColumns;
export type StoredTimelineEntry = TimelineEntry & SyncColumns;
export type StoredTask = Task & SyncColumns;
/**
 * A slim copy of each incident's list columns, written in the same transaction as the incident,
 * so the list loads 100,000 rows without reading every full record. Tombstones stay (with
 * deletedAt set) so a live view sees the delete.
 */
export type StoredIncidentListRow = IncidentListItem & { deletedAt: string | null; localSeq: number };
export type StoredSetting = { key: SettingKey; value: unknown; updatedAt: string } & SyncColumns;
export type OutboxRow = Mutation;

export type MetaRow =
  | { key: 'device'; deviceId: string; deviceCode: string; createdAt: string }
  | { key: 'clock'; hlc: string; localSeq: number; nextReferenceSequence: number; nextMutationId: number }
  | { key: 'profile'; personId: string; name: string; initials: string; role: string }
  /** Bumped when list rows are deleted outright (sample data removal): live lists reload. */
  | { key: 'listEpoch'; epoch: number };

export const databaseName = 'firebreak';

export class FirebreakDatabase extends Dexie {
  incidents!: Table<StoredIncident, string>;
  incidentListRows!: Table<StoredIncidentListRow, string>;
  timelineEntries!: Table<StoredTimelineEntry, string>;
  tasks!: Table<StoredTask, string>;
  settings!: Table<StoredSetting, string>;
  outbox!: Table<OutboxRow, number>;
  meta!: Table<MetaRow, string>;

  constructor(name: string = databaseName) {
    // Strict durability: a save the user saw succeed survives a power cut.
    super(name, { chromeTransactionDurability: 'strict' });
    // 2026-11-27: first schema.
    this.version(1).stores({
      incidents: 'id, &reference, source, reportedAt, localSeq',
      incidentListRows: 'id, reportedAt, localSeq',
      timelineEntries: 'id, incidentId, localSeq',
      tasks: 'id, incidentId, localSeq',
      settings: 'key, localSeq',
      outbox: 'mutationId, table, rowId',
      meta: 'key',
    });
  }
}

let sharedDatabase: FirebreakDatabase | null = null;

/** The app's one database connection. Tests create their own FirebreakDatabase instead. */
export function getDatabase(): FirebreakDatabase {
  sharedDatabase ??= new FirebreakDatabase();
  return sharedDatabase;
}
