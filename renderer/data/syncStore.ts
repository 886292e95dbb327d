/**
 * The sync engine's only access to the database: what to push, what the server acknowledged,
 * merging pulled pages, rolling back rejected changes, and the conflict log.
 *
 * Guarantees kept here:
 * - a pulled page and the new cursor commit in one transaction (a crash resumes at the old cursor);
 * - fields merge one by one, last writer wins by HLC, so pending offline edits with newer stamps
 *   survive a pull;
 * - whenever a same-field clash involves a local value the server had not seen, both values go to
 *   the conflict log, whichever won; a rejected change is logged before it is rolled back.
 */
import type { Table } from 'dexie';
import { z } from 'zod';
import { compareHlcStamps, formatHlcStamp, parseHlcStamp, receiveHlc } from '../../shared/domain/hlc';
import { exerciseRunEventSchema } from '../../shared/domain/exerciseClock';
import { exerciseRecordVariants, exerciseRunRecordSchema, findStarterScenarioRecord, scenarioRecordSchema, starterScenarioStamps } from '../../shared/domain/exerciseRecords';
import { incidentSchema } from '../../shared/domain/incident';
import { settingSchemas, type SettingKey } from '../../shared/domain/settings';
import { playbookSchema } from '../../shared/domain/playbook';
import { findStarterPlaybook, starterPlaybookStamps } from '../../shared/domain/starterPlaybooks';
import { responderTeamSchema } from '../../shared/domain/team';
import { mergeStampedRows } from '../../shared/sync/merge';
import { syncedTables, syncSchemaVersion, type FieldStamps, type SyncedTable } from '../../shared/sync/mutation';
import { fieldClashId, insertOnlyTables, localOnlySettingKeys, teamWideTables, type MutationOutcome, type PulledRow, type PushMutation } from '../../shared/sync/protocol';
import type { ConflictRow, FirebreakDatabase, OutboxRow, StoredIncident, StoredTimelineEntry, SyncColumns } from '../db/database';
import { commandFailed, type CommandResult, type DataEnvironment } from './dataEnvironment';
import { saveIncident, saveIncidents } from './incidentStore';
import { readProfile } from './profile';
import { readSyncConfig } from './syncSettings';
import { ensureDevice, readClock, runWriteCommand } from './writeTransaction';

type SyncedRow = SyncColumns & Record<string, unknown>;

function splitRow(row: SyncedRow): { values: Record<string, unknown>; stamps: FieldStamps } {
  const { fieldStamps, localSeq: _localSeq, ...values } = row;
  return { values, stamps: fieldStamps };
}

/** Pulled incidents may carry fields this version does not know (kept); built once, as it is costly. */
const pulledIncidentSchema = incidentSchema.loose();
const pulledResponderTeamSchema = responderTeamSchema.loose();
const pulledPlaybookSchema = playbookSchema.loose();
const pulledScenarioSchema = scenarioRecordSchema.loose();
const pulledExerciseRunSchema = exerciseRunRecordSchema.loose();
const pulledRunEventSchema = z.discriminatedUnion('kind', exerciseRunEventSchema.options.map((option) => option.loose()) as unknown as [z.ZodObject, ...z.ZodObject[]]);
const pulledExerciseRecordSchema = z.discriminatedUnion(
  'recordKind',
  Object.values(exerciseRecordVariants).map((variant) => variant.loose()) as unknown as [z.ZodObject, ...z.ZodObject[]],
);

/** How each table of team-wide rows checks a pulled row, and what a damaged one is called. */
const pulledTeamWideRows: Partial<Record<SyncedTable, { schema: z.ZodType; noun: string }>> = {
  responderTeams: { schema: pulledResponderTeamSchema, noun: 'responder team' },
  playbooks: { schema: pulledPlaybookSchema, noun: 'playbook' },
  exerciseScenarios: { schema: pulledScenarioSchema, noun: 'exercise scenario' },
  exerciseRuns: { schema: pulledExerciseRunSchema, noun: 'exercise run' },
  exerciseRunEvents: { schema: pulledRunEventSchema, noun: 'exercise clock event' },
  exerciseRecords: { schema: pulledExerciseRecordSchema, noun: 'exercise record' },
};

function syncedTable(db: FirebreakDatabase, table: SyncedTable): Table<SyncedRow, string> {
  return db[table] as unknown as Table<SyncedRow, string>;
}

/**
 * Starter playbooks are seeded on every device without being pushed (renderer/data/playbookCommands.ts),
 * so the server may hold only the fields a team later changed on one (a retirement, say). A device
 * that has not seeded yet merges those fields over the starter as shipped, as if it had.
 */
function starterBase(table: SyncedTable, rowId: string): { values: Record<string, unknown>; stamps: FieldStamps } | undefined {
  if (table === 'playbooks') {
    const starter = findStarterPlaybook(rowId);
    return starter ? { values: { ...starter }, stamps: starterPlaybookStamps(starter) } : undefined;
  }
  if (table === 'exerciseScenarios') {
    // Starter scenarios are seeded the same way (renderer/data/exerciseScenarioCommands.ts).
    const starter = findStarterScenarioRecord(rowId);
    return starter ? { values: { ...starter }, stamps: starterScenarioStamps(starter) } : undefined;
  }
  return undefined;
}

// ------------------------------------------------------------------------------------ push side

/**
 * The oldest `limit` outbox entries as push mutations, each with the team of the row it changes.
 * Entries that must never leave the device (sample incidents and their rows, personal settings,
 * rows that no longer exist) are dropped from the outbox here. The batch stops before the first
 * entry that has no team yet, so a timeline entry is never sent ahead of its incident.
 */
export async function readPendingMutations(environment: DataEnvironment, limit: number): Promise<PushMutation[]> {
  const { db } = environment;
  return db.transaction('rw', [db.outbox, db.incidents, db.timelineEntries, db.tasks, db.meta], async () => {
    const config = await readSyncConfig(environment);
    const mutations: PushMutation[] = [];
    const dropped: number[] = [];
    // Read a little more than asked, since dropped entries do not count.
    let after = 0;
    while (mutations.length < limit) {
      const rows = await db.outbox.where('mutationId').above(after).limit(limit * 2).toArray();
      if (rows.length === 0) break;
      after = rows[rows.length - 1]!.mutationId;
      const incidentIds = new Map<OutboxRow, string | null>();
      const childIds = rows.filter((row) => row.table === 'timelineEntries' || row.table === 'tasks');
      const entries = await db.timelineEntries.bulkGet(childIds.filter((row) => row.table === 'timelineEntries').map((row) => row.rowId));
      const tasks = await db.tasks.bulkGet(childIds.filter((row) => row.table === 'tasks').map((row) => row.rowId));
      const childIncident = new Map<string, string>();
      for (const child of [...entries, ...tasks]) if (child) childIncident.set(child.id, child.incidentId);
      for (const row of rows) {
        if (row.table === 'incidents') incidentIds.set(row, row.rowId);
        else if (!teamWideTables.includes(row.table)) incidentIds.set(row, childIncident.get(row.rowId) ?? null);
      }
      const incidents = new Map<string, StoredIncident>();
      const wanted = [...new Set([...incidentIds.values()].filter((id): id is string => id !== null))];
      for (const incident of await db.incidents.bulkGet(wanted)) if (incident) incidents.set(incident.id, incident);

      let isBlocked = false;
      for (const row of rows) {
        if (mutations.length >= limit) break;
        let teamId: string | null;
        if (row.table === 'settings') {
          if (localOnlySettingKeys.includes(row.rowId)) {
            dropped.push(row.mutationId);
            continue;
          }
          teamId = config?.defaultTeamId ?? null;
        } else if (teamWideTables.includes(row.table)) {
          // Responder teams, playbooks and exercises belong to the team as a whole, like settings: they go to the default sync team.
          teamId = config?.defaultTeamId ?? null;
        } else {
          const incident = incidents.get(incidentIds.get(row) ?? '');
          if (!incident || incident.source === 'sample') {
            dropped.push(row.mutationId);
            continue;
          }
          teamId = incident.teamId ?? null;
        }
        if (teamId === null) {
          isBlocked = true;
          break;
        }
        mutations.push({
          mutationId: row.mutationId,
          table: row.table,
          rowId: row.rowId,
          teamId,
          operation: row.operation,
          // A row recorded before it had a team (made offline, or imported) joins the team it is pushed to.
          fields: row.table === 'incidents' && 'teamId' in row.fields && row.fields['teamId'] === null ? { ...row.fields, teamId } : row.fields,
          hlc: row.hlc,
          // Lets the server see a same-field clash even after this device's change was accepted.
          ...(row.baseStamps && Object.keys(row.baseStamps).length > 0 ? { baseStamps: row.baseStamps } : {}),
        });
      }
      if (isBlocked || rows.length < limit * 2) break;
    }
    if (dropped.length > 0) await db.outbox.bulkDelete(dropped);
    return mutations;
  });
}

/** Outbox entries waiting to be pushed (sample and personal rows included until they are dropped). */
export async function countPendingMutations(environment: DataEnvironment): Promise<number> {
  return environment.db.outbox.count();
}

/**
 * The server has these mutations. They leave the outbox but are remembered until the pull cursor
 * reaches `latestSeq` (the server's sequence after the push), so a concurrent edit pulled before
 * then is still recognised as a clash with ours.
 */
export async function acknowledge(environment: DataEnvironment, mutationIds: readonly number[], latestSeq: number): Promise<void> {
  if (mutationIds.length === 0) return;
  const { db } = environment;
  await db.transaction('rw', [db.outbox, db.acknowledgedMutations], async () => {
    const rows = (await db.outbox.bulkGet([...mutationIds])).filter((row): row is OutboxRow => row !== undefined);
    await db.acknowledgedMutations.bulkPut(
      rows.map((row) => ({
        mutationId: row.mutationId,
        table: row.table,
        rowId: row.rowId,
        fieldStamps: Object.fromEntries(Object.keys(row.fields).map((field) => [field, row.hlc])),
        baseStamps: row.baseStamps ?? {},
        visibleAtSeq: latestSeq,
      })),
    );
    await db.outbox.bulkDelete([...mutationIds]);
  });
}

// ------------------------------------------------------------------------------------ pull side

export type PullPageResult = {
  applied: number;
  conflicts: number;
  /** Rows that could not be applied (and were logged), e.g. stamps from a clock far ahead. */
  skipped: { table: SyncedTable; rowId: string; reason: string }[];
};

/** A local change the server may not have merged yet: its stamp and the stamp it replaced. */
type UnsyncedChange = { stamp: string; baseStamp: string | null };

/** Unsynced local changes by `table|rowId|field`: outbox entries and acknowledged-but-not-pulled ones. */
async function readUnsyncedChanges(db: FirebreakDatabase, rowIds: string[]): Promise<Map<string, UnsyncedChange[]>> {
  const unsynced = new Map<string, UnsyncedChange[]>();
  const note = (table: SyncedTable, rowId: string, field: string, stamp: string, baseStamp: string | undefined) => {
    const key = `${table}|${rowId}|${field}`;
    unsynced.set(key, [...(unsynced.get(key) ?? []), { stamp, baseStamp: baseStamp ?? null }]);
  };
  const [outbox, acknowledged] = await Promise.all([
    db.outbox.where('rowId').anyOf(rowIds).toArray(),
    db.acknowledgedMutations.where('rowId').anyOf(rowIds).toArray(),
  ]);
  for (const row of outbox) for (const field of Object.keys(row.fields)) note(row.table, row.rowId, field, row.hlc, row.baseStamps?.[field]);
  for (const row of acknowledged) for (const [field, stamp] of Object.entries(row.fieldStamps)) note(row.table, row.rowId, field, stamp, row.baseStamps[field]);
  return unsynced;
}

/**
 * Whether a merge clash meets a local value the writer of the pulled value had not seen. A pulled
 * value newer than ours always does (we had not seen it either: every pulled stamp advances our
 * clock past it). An older pulled value does only when it is not the value our change replaced.
 */
/** Bookkeeping fields every edit touches: merged as usual, but a clash there tells nobody anything. */
const unloggedFields: ReadonlySet<string> = new Set(['updatedAt']);

function isConcurrentClash(changes: UnsyncedChange[] | undefined, localStamp: string, remoteStamp: string, remoteWins: boolean): boolean {
  const change = changes?.find((candidate) => candidate.stamp === localStamp);
  if (!change) return false;
  if (remoteWins) return true;
  return change.baseStamp === null ? false : compareHlcStamps(remoteStamp, change.baseStamp) > 0;
}

function newestStamp(stamps: FieldStamps): string | null {
  let newest: string | null = null;
  for (const stamp of Object.values(stamps)) if (newest === null || compareHlcStamps(stamp, newest) > 0) newest = stamp;
  return newest;
}

function conflictId(table: SyncedTable, rowId: string, field: string, localStamp: string | null, remoteStamp: string | null): string {
  // Deterministic and the same as the server's clash ids, so a clash seen twice (a re-pulled
  // page, or found both here and by the server) is logged once.
  if (localStamp !== null && remoteStamp !== null) return fieldClashId(table, rowId, field, localStamp, remoteStamp);
  return `${table}:${rowId}:${field}:${localStamp ?? '-'}:${remoteStamp ?? '-'}`;
}

/**
 * Merges one page of pulled rows and stores the new cursor, all in one transaction: if any row
 * fails, nothing of the page is written and the cursor stays where it was.
 */
export async function applyPulledPage(environment: DataEnvironment, rows: readonly PulledRow[], nextCursor: number): Promise<PullPageResult> {
  const { db } = environment;
  const profile = await readProfile(environment);
  const localAuthor = profile?.name ?? 'This device';
  const result: PullPageResult = { applied: 0, conflicts: 0, skipped: [] };
  await db.transaction(
    'rw',
    [...syncedTables.map((table) => syncedTable(db, table)), db.incidentListRows, db.outbox, db.acknowledgedMutations, db.conflicts, db.meta],
    async () => {
      const device = await ensureDevice(environment);
      const clock = await readClock(environment, device);
      const nowMs = environment.nowMs();
      const nowIso = new Date(nowMs).toISOString();
      let clockState = parseHlcStamp(clock.hlc);
      let localSeq = clock.localSeq;
      const unsynced = await readUnsyncedChanges(db, [...new Set(rows.map((row) => row.rowId))]);
      const conflicts: ConflictRow[] = [];

      const skip = (row: PulledRow, incidentId: string | null, reason: string) => {
        result.skipped.push({ table: row.table, rowId: row.rowId, reason });
        const remoteStamp = newestStamp(row.stamps);
        conflicts.push({
          id: conflictId(row.table, row.rowId, '*', null, remoteStamp),
          kind: 'skipped',
          table: row.table,
          rowId: row.rowId,
          incidentId,
          field: '*',
          localValue: null,
          localStamp: null,
          localAuthor,
          remoteValue: row.fields,
          remoteStamp,
          remoteAuthor: Object.values(row.authors)[0] ?? 'Someone',
          winner: 'local',
          reason,
          detectedAt: nowIso,
          resolvedAt: null,
        });
      };

      // Read every row the page touches up front and write them in bulk at the end: a page is one
      // short transaction with a handful of requests instead of several per row.
      const existingRows = new Map<string, SyncedRow>();
      for (const tableName of syncedTables) {
        const ids = [...new Set(rows.filter((row) => row.table === tableName).map((row) => row.rowId))];
        if (ids.length === 0) continue;
        const found = await syncedTable(db, tableName).bulkGet(ids);
        found.forEach((found, index) => {
          if (found) existingRows.set(`${tableName}|${ids[index]}`, found);
        });
      }
      const writes = Object.fromEntries(syncedTables.map((table) => [table, [] as SyncedRow[]])) as Record<SyncedTable, SyncedRow[]>;
      const write = (tableName: SyncedTable, stored: SyncedRow) => {
        writes[tableName].push(stored);
        existingRows.set(`${tableName}|${String((stored as { id?: string; key?: string }).id ?? (stored as { key?: string }).key)}`, stored);
      };

      for (const row of rows) {
        if (row.table === 'settings' && localOnlySettingKeys.includes(row.rowId)) continue;
        const incidentId = row.table === 'incidents' ? row.rowId : typeof row.fields['incidentId'] === 'string' ? row.fields['incidentId'] : null;
        const newest = newestStamp(row.stamps);
        if (newest !== null) {
          // The server already refused stamps too far ahead of its own clock, so a pulled stamp is
          // trusted even when this device's clock is slow: the local clock must move past it, or
          // this device's next edit would lose to a value it has already seen (sync simulation).
          const received = receiveHlc(clockState, newest, nowMs, Number.POSITIVE_INFINITY);
          if (received.ok) clockState = received.state;
        }
        for (const clash of row.clashes ?? []) {
          // Clashes the server saw between other writers (or with this device's pushed value) are
          // logged on every device, keyed like local clashes so each is logged once.
          const isLocalLoser = clash.loser.stamp.endsWith(`:${clockState.nodeId}`);
          const isLocalWinner = clash.winner.stamp.endsWith(`:${clockState.nodeId}`);
          const local = isLocalWinner && !isLocalLoser ? clash.winner : clash.loser;
          const remote = local === clash.winner ? clash.loser : clash.winner;
          conflicts.push({
            id: clash.id,
            kind: 'clash',
            table: clash.table,
            rowId: clash.rowId,
            incidentId,
            field: clash.field,
            localValue: local.value,
            localStamp: local.stamp,
            localAuthor: local.author,
            remoteValue: remote.value,
            remoteStamp: remote.stamp,
            remoteAuthor: remote.author,
            winner: local === clash.winner ? 'local' : 'remote',
            reason: null,
            detectedAt: new Date(clash.detectedAtMs).toISOString(),
            resolvedAt: null,
          });
        }
        const existing = existingRows.get(`${row.table}|${row.rowId}`);

        if (row.table === 'timelineEntries') {
          // Insert-only: an entry this device has is already the entry, for ever.
          if (existing) continue;
          localSeq += 1;
          write('timelineEntries', { ...(row.fields as unknown as StoredTimelineEntry), fieldStamps: { ...row.stamps }, localSeq } as unknown as SyncedRow);
          result.applied += 1;
          continue;
        }
        if (row.table === 'exerciseRunEvents') {
          // Insert-only too; a release written on two devices has one id, and the first one here stays.
          if (existing) continue;
          if (!pulledRunEventSchema.safeParse(row.fields).success) {
            skip(row, null, 'The exercise clock event from the server is incomplete or damaged, or of a kind this version does not know, so it was not applied.');
            continue;
          }
          localSeq += 1;
          write('exerciseRunEvents', { ...row.fields, fieldStamps: { ...row.stamps }, localSeq } as SyncedRow);
          result.applied += 1;
          continue;
        }

        const local = existing ? splitRow(existing) : starterBase(row.table, row.rowId);
        const merged = mergeStampedRows(local, { values: row.fields, stamps: row.stamps });
        for (const clash of merged.clashes) {
          const localStamp = local?.stamps[clash.field] ?? null;
          const remoteStamp = row.stamps[clash.field] ?? null;
          // Only a clash with a value this device wrote and the server had not merged is news;
          // an older synced value being replaced is ordinary progress.
          if (localStamp === null || remoteStamp === null || unloggedFields.has(clash.field)) continue;
          if (!isConcurrentClash(unsynced.get(`${row.table}|${row.rowId}|${clash.field}`), localStamp, remoteStamp, clash.winner === 'incoming')) continue;
          conflicts.push({
            id: conflictId(row.table, row.rowId, clash.field, localStamp, remoteStamp),
            kind: 'clash',
            table: row.table,
            rowId: row.rowId,
            incidentId,
            field: clash.field,
            localValue: clash.localValue,
            localStamp,
            localAuthor,
            remoteValue: clash.incomingValue,
            remoteStamp,
            remoteAuthor: row.authors[clash.field] ?? 'Someone',
            winner: clash.winner === 'incoming' ? 'remote' : 'local',
            reason: null,
            detectedAt: nowIso,
            resolvedAt: null,
          });
        }
        if (existing && merged.changedFields.length === 0 && Object.keys(merged.stamps).every((field) => merged.stamps[field] === local?.stamps[field])) continue;

        if (row.table === 'incidents') {
          const values = { ...merged.values, teamId: merged.values['teamId'] ?? row.teamId };
          if (!pulledIncidentSchema.safeParse(values).success) {
            skip(row, incidentId, 'The incident from the server is incomplete or damaged, so it was not applied.');
            continue;
          }
          localSeq += 1;
          write('incidents', { ...(values as StoredIncident), fieldStamps: merged.stamps, localSeq } as unknown as SyncedRow);
        } else if (row.table === 'settings') {
          const key = row.rowId as SettingKey;
          if (!(key in settingSchemas) || !settingSchemas[key].safeParse(merged.values['value']).success) {
            skip(row, null, 'This version of Firebreak does not know this setting, so it was not applied.');
            continue;
          }
          localSeq += 1;
          write('settings', { ...(merged.values as { value: unknown; updatedAt: string }), key, fieldStamps: merged.stamps, localSeq } as unknown as SyncedRow);
        } else if (pulledTeamWideRows[row.table]) {
          const { schema, noun } = pulledTeamWideRows[row.table]!;
          if (!schema.safeParse(merged.values).success) {
            skip(row, null, `The ${noun} from the server is incomplete or damaged, so it was not applied.`);
            continue;
          }
          localSeq += 1;
          write(row.table, { ...merged.values, fieldStamps: merged.stamps, localSeq } as SyncedRow);
        } else {
          localSeq += 1;
          write(row.table, { ...merged.values, fieldStamps: merged.stamps, localSeq } as SyncedRow);
        }
        result.applied += 1;
      }

      await saveIncidents(db, writes.incidents as unknown as StoredIncident[]);
      await db.timelineEntries.bulkPut(writes.timelineEntries as unknown as StoredTimelineEntry[]);
      for (const tableName of syncedTables) {
        if (tableName === 'incidents' || tableName === 'timelineEntries' || writes[tableName].length === 0) continue;
        await syncedTable(db, tableName).bulkPut(writes[tableName]);
      }

      if (conflicts.length > 0) await db.conflicts.bulkPut(conflicts);
      result.conflicts = conflicts.filter((conflict) => conflict.kind === 'clash').length;
      // Acknowledged mutations the pull has now caught up with can no longer meet a concurrent edit.
      await db.acknowledgedMutations.where('visibleAtSeq').belowOrEqual(nextCursor).delete();
      await db.meta.put({ ...clock, hlc: formatHlcStamp(clockState), localSeq });
      const cursorRow = await db.meta.get('syncCursor');
      await db.meta.put({
        key: 'syncCursor',
        clientId: device.deviceId,
        lastSyncedAtMs: cursorRow?.key === 'syncCursor' ? cursorRow.lastSyncedAtMs : null,
        pullCursor: nextCursor,
        schemaVersion: syncSchemaVersion,
      });
    },
  );
  return result;
}

// ------------------------------------------------------------------------------- rejected pushes

/**
 * Undoes a change the server refused (no permission, removed from the team, invalid): the fields
 * go back to the server's row, or a row the server never had is removed. Every local value that
 * is undone is written to the conflict log first, with the server's reason, so nothing vanishes.
 */
export async function rollbackRejected(environment: DataEnvironment, outcome: MutationOutcome): Promise<void> {
  const { db } = environment;
  const profile = await readProfile(environment);
  const localAuthor = profile?.name ?? 'This device';
  await db.transaction(
    'rw',
    [...syncedTables.map((table) => syncedTable(db, table)), db.incidentListRows, db.outbox, db.conflicts, db.meta],
    async () => {
      const mutation = await db.outbox.get(outcome.mutationId);
      if (!mutation) return;
      await db.outbox.delete(outcome.mutationId);
      const table = syncedTable(db, mutation.table);
      const existing = await table.get(mutation.rowId);
      if (!existing) return;
      const nowIso = new Date(environment.nowMs()).toISOString();
      const reason = outcome.reason ?? 'The team server refused this change.';
      const currentRow = outcome.currentRow ?? null;
      const incidentId = mutation.table === 'incidents' ? mutation.rowId : typeof existing['incidentId'] === 'string' ? existing['incidentId'] : null;
      const clock = await readClock(environment, await ensureDevice(environment));
      const localSeq = clock.localSeq + 1;
      await db.meta.put({ ...clock, localSeq });
      const logEntry = (field: string, localValue: unknown, localStamp: string | null, remoteValue: unknown, remoteStamp: string | null, remoteAuthor: string): ConflictRow => ({
        id: conflictId(mutation.table, mutation.rowId, field, localStamp, `rejected-${outcome.mutationId}`),
        kind: 'rejected',
        table: mutation.table,
        rowId: mutation.rowId,
        incidentId,
        field,
        localValue,
        localStamp,
        localAuthor,
        remoteValue,
        remoteStamp,
        remoteAuthor,
        winner: 'remote',
        reason,
        detectedAt: nowIso,
        resolvedAt: null,
      });

      if (currentRow === null) {
        // The server never had this row: it exists only here, so it goes, logged whole.
        const { values } = splitRow(existing);
        await db.conflicts.put(logEntry('*', values, mutation.hlc, null, null, 'Team server'));
        if (mutation.table === 'incidents') {
          const epoch = await db.meta.get('listEpoch');
          await db.meta.put({ key: 'listEpoch', epoch: (epoch?.key === 'listEpoch' ? epoch.epoch : 0) + 1 });
          await db.incidentListRows.delete(mutation.rowId);
        }
        await table.delete(mutation.rowId);
        return;
      }

      const { values, stamps } = splitRow(existing);
      const restoredValues = { ...values };
      const restoredStamps = { ...stamps };
      const entries: ConflictRow[] = [];
      for (const field of Object.keys(mutation.fields)) {
        // Only fields still holding the rejected value; a later local edit has its own mutation.
        if (stamps[field] !== mutation.hlc) continue;
        const serverValue = currentRow.fields[field];
        const serverStamp = currentRow.stamps[field];
        entries.push(logEntry(field, values[field], stamps[field] ?? null, serverValue ?? null, serverStamp ?? null, currentRow.authors[field] ?? 'Team server'));
        if (serverStamp === undefined) {
          delete restoredValues[field];
          delete restoredStamps[field];
        } else {
          restoredValues[field] = serverValue;
          restoredStamps[field] = serverStamp;
        }
      }
      // Everything else the server knows merges as usual.
      const merged = mergeStampedRows({ values: restoredValues, stamps: restoredStamps }, { values: currentRow.fields, stamps: currentRow.stamps });
      await db.conflicts.bulkPut(entries);
      const restored = { ...merged.values, fieldStamps: merged.stamps, localSeq };
      if (mutation.table === 'incidents') await saveIncident(db, restored as unknown as StoredIncident);
      else await table.put(restored);
    },
  );
}

// ---------------------------------------------------------------------------------- conflict log

/** Writes the value that lost a clash (or was rolled back) again, as a new local change. */
export async function reapplyLosingValue(environment: DataEnvironment, conflictId: string): Promise<CommandResult<ConflictRow>> {
  const { db } = environment;
  const conflict = await db.conflicts.get(conflictId);
  if (!conflict) return commandFailed('That conflict is no longer in the log.');
  if (conflict.field === '*' || insertOnlyTables.includes(conflict.table)) {
    return commandFailed('A whole row cannot be re-applied from here; its values are kept in the log.');
  }
  const losingValue = conflict.winner === 'remote' ? conflict.localValue : conflict.remoteValue;
  return runWriteCommand(environment, [syncedTable(db, conflict.table), db.conflicts], async (recorder): Promise<CommandResult<ConflictRow>> => {
    const table = syncedTable(db, conflict.table);
    const existing = await table.get(conflict.rowId);
    if (!existing) return commandFailed('The record this value belongs to no longer exists on this device.');
    const updated = recorder.stampPatch(conflict.table, conflict.rowId, existing, { [conflict.field]: losingValue } as Partial<SyncedRow>);
    if (conflict.table === 'incidents') await saveIncident(db, updated as unknown as StoredIncident);
    else await table.put(updated);
    const resolved: ConflictRow = { ...conflict, resolvedAt: recorder.nowIso };
    await db.conflicts.put(resolved);
    return { ok: true, value: resolved };
  });
}

/** Hides an entry from the "unresolved" count without changing any data. */
export async function dismissConflict(environment: DataEnvironment, conflictId: string): Promise<void> {
  const { db } = environment;
  await db.transaction('rw', db.conflicts, async () => {
    const conflict = await db.conflicts.get(conflictId);
    if (conflict && conflict.resolvedAt === null) await db.conflicts.put({ ...conflict, resolvedAt: new Date(environment.nowMs()).toISOString() });
  });
}
