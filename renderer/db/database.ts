/**
 * The local IndexedDB database. Only renderer/db and renderer/data may import this file.
 *
 * Schema history is append-only: add a new `version(n)` with a dated reason and an upgrade
 * function; never edit a shipped version.
 */
import Dexie, { type Table, type Transaction } from 'dexie';
import type { ExerciseRunEvent } from '../../shared/domain/exerciseClock';
import type { ExerciseRecord, ExerciseRunRecord, ScenarioRecord } from '../../shared/domain/exerciseRecords';
import type { Incident } from '../../shared/domain/incident';
import type { IncidentListFilter, IncidentListItem, IncidentSort } from '../../shared/domain/incidentList';
import type { Playbook } from '../../shared/domain/playbook';
import type { SettingKey } from '../../shared/domain/settings';
import type { Task } from '../../shared/domain/task';
import type { ResponderTeam } from '../../shared/domain/team';
import type { TimelineEntry } from '../../shared/domain/timeline';
import type { TeamMembership } from '../../shared/sync/protocol';
import type { FieldStamps, Mutation, SyncedTable } from '../../shared/sync/mutation';

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
export type StoredResponderTeam = ResponderTeam & SyncColumns;
/** One version of a playbook; versions of one playbook share `lineageId`. */
export type StoredPlaybook = Playbook & SyncColumns;
/** One version of an exercise scenario; versions of one scenario share `lineageId`. */
export type StoredExerciseScenario = ScenarioRecord & SyncColumns;
/** A run with the scenario version it plays frozen inside. */
export type StoredExerciseRun = ExerciseRunRecord & SyncColumns;
/** One clock event of a run (insert-only). */
export type StoredExerciseRunEvent = ExerciseRunEvent & SyncColumns;
/** One per-run record (delivery, decision, observation, rating, hot wash, score, corrective action). */
export type StoredExerciseRecord = ExerciseRecord & SyncColumns;
export type StoredSetting = { key: SettingKey; value: unknown; updatedAt: string } & SyncColumns;
/**
 * `baseStamps`: for an update, each changed field's stamp before the change, so a pull can tell
 * the value this change replaced (not a clash) from a concurrent write (a clash). Absent on rows
 * written before version 2.
 */
export type OutboxRow = Mutation & { baseStamps?: FieldStamps };

/**
 * A mutation the server acknowledged whose effect this device has not yet pulled back. Until the
 * pull cursor reaches `visibleAtSeq`, a pulled value that differs from one of these fields is a
 * concurrent edit (someone wrote it without seeing ours), so it is logged as a clash.
 */
export type AcknowledgedMutationRow = {
  mutationId: number;
  table: SyncedTable;
  rowId: string;
  fieldStamps: FieldStamps;
  baseStamps: FieldStamps;
  visibleAtSeq: number;
};

/**
 * One entry of the conflict log: a same-field clash between a local unsynced value and a pulled
 * one, a local change the server rejected (rolled back), or a pulled row that could not be applied.
 */
export type ConflictRow = {
  id: string;
  kind: 'clash' | 'rejected' | 'skipped';
  table: SyncedTable;
  rowId: string;
  /** The incident the row belongs to, so the log can name it; null for settings. */
  incidentId: string | null;
  /** A field name, or '*' when a whole row was removed or skipped. */
  field: string;
  localValue: unknown;
  localStamp: string | null;
  localAuthor: string;
  remoteValue: unknown;
  remoteStamp: string | null;
  remoteAuthor: string;
  winner: 'local' | 'remote';
  /** Why the server rejected the change, or why a pulled row was skipped. */
  reason: string | null;
  detectedAt: string;
  resolvedAt: string | null;
};

/**
 * An in-app notification for the person using this device (an escalation, a breach). Local only:
 * each device notifies its own user; what happened is in the synced timeline.
 */
export type NotificationRow = {
  /** Deterministic for automatic escalations, so a re-run cannot notify twice. */
  id: string;
  incidentId: string | null;
  title: string;
  body: string;
  createdAt: string;
  /** Null while unread. */
  readAt: string | null;
};

/** A personal saved queue view: filters plus sort, kept on this device. */
export type SavedViewRow = {
  id: string;
  name: string;
  filter: IncidentListFilter;
  sort: IncidentSort;
  createdAt: string;
};

/** Tokens and who is signed in. */
export type SyncSessionMeta = {
  key: 'syncSession';
  // TODO(electron): move the tokens into the main process's safeStorage; IndexedDB is readable by
  // anything that can read the profile directory.
  accessToken: string;
  refreshToken: string;
  accessExpiresAtMs: number;
  user: { id: string; email: string; name: string; isAdmin: boolean };
  teams: TeamMembership[];
  deviceCode: string;
};

export type MetaRow =
  | { key: 'device'; deviceId: string; deviceCode: string; createdAt: string }
  | { key: 'clock'; hlc: string; localSeq: number; nextReferenceSequence: number; nextMutationId: number }
  | { key: 'profile'; personId: string; name: string; initials: string; role: string }
  /** Bumped when list rows are deleted outright (sample data removal): live lists reload. */
  | { key: 'listEpoch'; epoch: number }
  | { key: 'syncConfig'; serverUrl: string; defaultTeamId: string | null; /** null: every team of the account. */ syncedTeamIds?: string[] | null }
  | SyncSessionMeta
  /** Column mappings for CSV history imports, remembered per set of headers (headerSignature). */
  | { key: 'importMappings'; serviceNow: Record<string, unknown> }
  /** The Trends worker's compact rows (renderer/data/metricRowCache.ts), checked by the worker on read. */
  | { key: 'metricRowCache'; columns: unknown }
  /** `schemaVersion`: the sync schema the cursor was pulled with (absent: 1); see readSyncCursor. */
  | { key: 'syncCursor'; pullCursor: number; clientId: string; lastSyncedAtMs: number | null; schemaVersion?: number };

export const databaseName = 'firebreak';

export class FirebreakDatabase extends Dexie {
  incidents!: Table<StoredIncident, string>;
  incidentListRows!: Table<StoredIncidentListRow, string>;
  timelineEntries!: Table<StoredTimelineEntry, string>;
  tasks!: Table<StoredTask, string>;
  settings!: Table<StoredSetting, string>;
  outbox!: Table<OutboxRow, number>;
  meta!: Table<MetaRow, string>;
  conflicts!: Table<ConflictRow, string>;
  acknowledgedMutations!: Table<AcknowledgedMutationRow, number>;
  responderTeams!: Table<StoredResponderTeam, string>;
  notifications!: Table<NotificationRow, string>;
  savedViews!: Table<SavedViewRow, string>;
  playbooks!: Table<StoredPlaybook, string>;
  exerciseScenarios!: Table<StoredExerciseScenario, string>;
  exerciseRuns!: Table<StoredExerciseRun, string>;
  exerciseRunEvents!: Table<StoredExerciseRunEvent, string>;
  exerciseRecords!: Table<StoredExerciseRecord, string>;

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
    // 2026-11-27: team sync: the conflict log, acknowledged-but-not-yet-pulled mutations, and
    // incidents gain a team (null until first synced).
    this.version(2)
      .stores({
        conflicts: 'id, detectedAt, [table+rowId]',
        acknowledgedMutations: 'mutationId, rowId, visibleAtSeq',
      })
      .upgrade(addTeamToIncidents);
    // 2026-11-27: queues and escalation: responder teams (synced), in-app notifications and saved
    // views (both local). The slaDueAt index on list rows is unused and stays empty: service levels
    // turned out to depend on team policy that can change, so they are computed in memory
    // (shared/domain/listServiceLevel.ts) instead of stored; a later version may drop the index.
    this.version(3).stores({
      incidentListRows: 'id, reportedAt, localSeq, slaDueAt',
      responderTeams: 'id, localSeq',
      notifications: 'id, createdAt',
      savedViews: 'id',
    }).upgrade(addPriorityHistoryToIncidents);
    // 2026-11-27: playbooks (synced), one row per version, found by lineage. A new table only:
    // tasks stored before it read `fromPlaybook` as absent (`task.fromPlaybook ?? null`), so no
    // existing row needs rewriting.
    this.version(4).stores({
      playbooks: 'id, lineageId, localSeq',
    });
    // 2026-11-28: tabletop exercises (all synced): scenario versions by lineage, runs, their clock
    // events and per-run records by run (records also by kind, for corrective actions across
    // runs), and incidents by the run they were opened in. New tables and a new index only:
    // incidents stored before it read `exerciseRunId` as absent (`incident.exerciseRunId ?? null`)
    // and stay out of the index, so no row needs rewriting.
    this.version(5).stores({
      incidents: 'id, &reference, source, reportedAt, localSeq, exerciseRunId',
      exerciseScenarios: 'id, lineageId, localSeq',
      exerciseRuns: 'id, localSeq',
      exerciseRunEvents: 'id, runId, localSeq',
      exerciseRecords: 'id, runId, recordKind, localSeq',
    });
  }
}

/** Incidents written before version 2 have no teamId field; they belong to no team yet. */
async function addTeamToIncidents(transaction: Transaction): Promise<void> {
  await transaction
    .table('incidents')
    .toCollection()
    .modify((incident: Partial<Incident>) => {
      if (incident.teamId === undefined) incident.teamId = null;
    });
}

/** Incidents written before version 3 have no priority history; their priority applied throughout. */
async function addPriorityHistoryToIncidents(transaction: Transaction): Promise<void> {
  await transaction
    .table('incidents')
    .toCollection()
    .modify((incident: Partial<Incident>) => {
      if (incident.priorityChanges === undefined) incident.priorityChanges = [];
    });
}

let sharedDatabase: FirebreakDatabase | null = null;

/** The app's one database connection. Tests create their own FirebreakDatabase instead. */
export function getDatabase(): FirebreakDatabase {
  sharedDatabase ??= new FirebreakDatabase();
  return sharedDatabase;
}
