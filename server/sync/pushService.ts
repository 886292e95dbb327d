/**
 * Applies a push in one database transaction: skips mutation ids already applied for the client
 * (so a retried push applies exactly once), authorises and validates each mutation, merges it
 * field by field, gives every changed row the next sequence number, and appends to the change log.
 * A mutation that can never apply is rejected AND acknowledged, with the server's current row so
 * the client can roll back; otherwise the client would retry it forever.
 */
import { parseHlcStamp } from '../../shared/domain/hlc';
import { isStarterScenarioId } from '../../shared/domain/exerciseRecords';
import { isStarterPlaybookId } from '../../shared/domain/starterPlaybooks';
import type { SyncedTable } from '../../shared/sync/mutation';
import { canWriteTable, fieldClashId, insertOnlyTables, type FieldClash, type MutationOutcome, type PulledRow, type PushMutation, type PushRequest, type PushResponse } from '../../shared/sync/protocol';
import { applyMutationToRow, isRowDeleted, type ServerRowState } from '../../shared/sync/rowMerge';
import type { AuthenticatedUser } from '../auth/authenticatedUser';
import { HttpError } from '../httpError';
import type { SqlDatabase, SqlExecutor } from '../storage/sqlDatabase';
import { appendChangeLog } from './changeLog';
import { findInvalidField } from './fieldValidation';
import { PokeHub } from './pokeHub';

/** Lock key that serialises pushes, so sequence numbers become visible in order (sync.md's trap). */
const pushLockKey = 4780010;

type StoredRow = {
  team_id: string;
  table_name: SyncedTable;
  row_id: string;
  fields: Record<string, unknown>;
  stamps: Record<string, string>;
  authors: Record<string, string>;
  clashes: FieldClash[];
  seq: number;
  is_deleted: boolean;
};

/** How many clashes a row keeps for clients to see. */
const maxClashesPerRow = 20;

/**
 * Same-field clashes between this mutation and what the server holds: fields someone else changed
 * since the pushing device last saw them (its base stamp differs), to a different value.
 */
function findClashes(current: StoredRow | undefined, mutation: PushMutation, authorName: string, nowMs: number): FieldClash[] {
  if (!current || !mutation.baseStamps) return [];
  const clashes: FieldClash[] = [];
  for (const [field, value] of Object.entries(mutation.fields)) {
    if (field === 'updatedAt' || !(field in mutation.baseStamps)) continue;
    const serverStamp = current.stamps[field];
    if (serverStamp === undefined || serverStamp === mutation.baseStamps[field] || serverStamp === mutation.hlc) continue;
    if (JSON.stringify(current.fields[field]) === JSON.stringify(value)) continue;
    const server = { value: current.fields[field], stamp: serverStamp, author: current.authors?.[field] ?? 'someone' };
    const incoming = { value, stamp: mutation.hlc, author: authorName };
    const incomingWins = mutation.hlc > serverStamp;
    clashes.push({
      id: fieldClashId(mutation.table, mutation.rowId, field, serverStamp, mutation.hlc),
      table: mutation.table,
      rowId: mutation.rowId,
      field,
      winner: incomingWins ? incoming : server,
      loser: incomingWins ? server : incoming,
      detectedAtMs: nowMs,
    });
  }
  return clashes;
}

export function toPulledRow(row: StoredRow): PulledRow {
  return {
    table: row.table_name,
    rowId: row.row_id,
    teamId: row.team_id,
    seq: Number(row.seq),
    fields: row.fields,
    stamps: row.stamps,
    authors: row.authors ?? {},
    isDeleted: row.is_deleted,
    ...(row.clashes?.length ? { clashes: row.clashes } : {}),
  };
}

async function findRow(executor: SqlExecutor, table: SyncedTable, rowId: string, teamId: string): Promise<StoredRow | undefined> {
  const { rows } = await executor.query<StoredRow>(
    'select team_id, table_name, row_id, fields, stamps, authors, clashes, seq, is_deleted from sync_rows where table_name = $1 and row_id = $2 and team_id = $3',
    [table, rowId, teamId],
  );
  return rows[0];
}

async function findRowInOtherTeam(executor: SqlExecutor, table: SyncedTable, rowId: string, teamId: string): Promise<boolean> {
  if (table === 'settings') return false; // settings are keyed per team
  // Every team starts with the same starter playbooks (fixed ids, seeded on each device), so each
  // team space holds its own copy and revises it on its own.
  if (table === 'playbooks' && isStarterPlaybookId(rowId)) return false;
  if (table === 'exerciseScenarios' && isStarterScenarioId(rowId)) return false;
  const { rows } = await executor.query('select 1 from sync_rows where table_name = $1 and row_id = $2 and team_id <> $3 limit 1', [table, rowId, teamId]);
  return rows.length > 0;
}

/** The mode of the incident a row belongs to (for trainers, who may write exercises only). */
async function incidentModeFor(executor: SqlExecutor, mutation: PushMutation, current: StoredRow | undefined): Promise<unknown> {
  if (mutation.table === 'incidents') return mutation.fields['mode'] ?? current?.fields['mode'];
  const incidentId = mutation.fields['incidentId'] ?? current?.fields['incidentId'];
  if (typeof incidentId !== 'string') return undefined;
  const incident = await findRow(executor, 'incidents', incidentId, mutation.teamId);
  return incident?.fields['mode'];
}

/** How a refusal names what could not be changed. */
const tableDescriptions: Record<SyncedTable, string> = {
  incidents: 'incidents',
  timelineEntries: 'timelines',
  tasks: 'tasks',
  settings: 'team policy',
  responderTeams: 'responder teams (team policy, owned by leads)',
  playbooks: 'playbooks',
  exerciseScenarios: 'exercise scenarios',
  exerciseRuns: 'exercise runs',
  exerciseRunEvents: 'exercise runs',
  exerciseRecords: 'exercise records',
};

async function rejectionReason(
  executor: SqlExecutor,
  user: AuthenticatedUser,
  mutation: PushMutation,
  current: StoredRow | undefined,
  nowMs: number,
  maxClockAheadMs: number,
): Promise<string | null> {
  const role = user.memberships.get(mutation.teamId);
  if (!role) return 'You are not a member of this team (any more), so this change was not accepted.';
  const permission = canWriteTable(role, mutation.table);
  if (permission === 'no') {
    return role === 'viewer' ? 'Viewers can read but not change team data.' : `Your role (${role}) cannot change ${tableDescriptions[mutation.table]}.`;
  }
  if (permission === 'exercise-only' && (await incidentModeFor(executor, mutation, current)) !== 'exercise') {
    return 'Trainers can change exercise incidents only.';
  }
  const aheadMs = parseHlcStamp(mutation.hlc).wallMs - nowMs;
  if (aheadMs > maxClockAheadMs) return `The change is stamped ${Math.round(aheadMs / 60000)} minutes in the future; check this device's clock.`;
  if ('teamId' in mutation.fields && mutation.fields['teamId'] !== mutation.teamId) return 'A row cannot move to another team.';
  if (await findRowInOtherTeam(executor, mutation.table, mutation.rowId, mutation.teamId)) return 'This row belongs to another team.';
  return findInvalidField(mutation.table, mutation.rowId, mutation.fields, current?.fields);
}

export type PushContext = { db: SqlDatabase; nowMs: () => number; maxClockAheadMs: number };

/** Rows written since PGlite last refreshed its planner statistics (it has no autovacuum). */
const rowsSinceAnalyze = new WeakMap<SqlDatabase, number>();
const analyzeEveryRows = 20_000;

async function refreshStatisticsIfDue(db: SqlDatabase, changedRows: number): Promise<void> {
  if (db.kind !== 'pglite' || changedRows === 0) return;
  const total = (rowsSinceAnalyze.get(db) ?? 0) + changedRows;
  if (total < analyzeEveryRows) {
    rowsSinceAnalyze.set(db, total);
    return;
  }
  rowsSinceAnalyze.set(db, 0);
  await db.exec('analyze sync_rows');
}

export async function applyPush(context: PushContext, user: AuthenticatedUser, request: PushRequest): Promise<PushResponse> {
  const response = await applyPushInTransaction(context, user, request);
  await refreshStatisticsIfDue(context.db, response.outcomes.filter((outcome) => outcome.status === 'applied').length);
  return response;
}

async function applyPushInTransaction(context: PushContext, user: AuthenticatedUser, request: PushRequest): Promise<PushResponse> {
  const mutations = [...request.mutations].sort((left, right) => left.mutationId - right.mutationId);
  return context.db.transaction(async (executor) => {
    if (context.db.kind === 'postgres') await executor.query('select pg_advisory_xact_lock($1)', [pushLockKey]);
    const nowMs = Math.floor(context.nowMs());
    const client = (
      await executor.query<{ user_id: string; last_mutation_id: number }>('select user_id, last_mutation_id from sync_clients where client_id = $1', [request.clientId])
    ).rows[0];
    if (client && client.user_id !== user.userId) throw new HttpError(403, 'forbidden', 'This client id belongs to another user.');
    if (!client) await executor.query('insert into sync_clients (client_id, user_id, last_mutation_id) values ($1, $2, 0)', [request.clientId, user.userId]);
    const authorName = (await executor.query<{ name: string }>('select name from users where id = $1', [user.userId])).rows[0]?.name ?? user.email;

    let lastApplied = Number(client?.last_mutation_id ?? 0);
    const outcomes: MutationOutcome[] = [];
    const touchedTeams = new Set<string>();
    let latestSeq = 0;

    for (const mutation of mutations) {
      if (mutation.mutationId <= lastApplied) {
        const rejection = (
          await executor.query<{ reason: string; team_id: string; table_name: SyncedTable; row_id: string }>(
            'select reason, team_id, table_name, row_id from sync_rejections where client_id = $1 and mutation_id = $2',
            [request.clientId, mutation.mutationId],
          )
        ).rows[0];
        if (rejection) {
          const current = await findRow(executor, rejection.table_name, rejection.row_id, rejection.team_id);
          outcomes.push({ mutationId: mutation.mutationId, status: 'rejected', reason: rejection.reason, currentRow: current ? toPulledRow(current) : null });
        } else {
          outcomes.push({ mutationId: mutation.mutationId, status: 'duplicate' });
        }
        continue;
      }
      lastApplied = mutation.mutationId;
      const current = await findRow(executor, mutation.table, mutation.rowId, mutation.teamId);
      const reason = await rejectionReason(executor, user, mutation, current, nowMs, context.maxClockAheadMs);
      if (reason) {
        await executor.query(
          'insert into sync_rejections (client_id, mutation_id, team_id, table_name, row_id, reason) values ($1, $2, $3, $4, $5, $6) on conflict do nothing',
          [request.clientId, mutation.mutationId, mutation.teamId, mutation.table, mutation.rowId, reason],
        );
        outcomes.push({ mutationId: mutation.mutationId, status: 'rejected', reason, currentRow: current ? toPulledRow(current) : null });
        continue;
      }
      const state: ServerRowState | undefined = current && { fields: current.fields, stamps: current.stamps };
      const { next, changedFields } = applyMutationToRow(state, mutation, insertOnlyTables.includes(mutation.table));
      const clashes = findClashes(current, mutation, authorName, nowMs);
      // A clash is news for every member even when the incoming value lost: re-sequence the row.
      if (changedFields.length > 0 || clashes.length > 0) {
        const seq = Number((await executor.query<{ seq: number }>("select nextval('sync_seq') as seq")).rows[0]!.seq);
        const authors = { ...(current?.authors ?? {}) };
        for (const field of changedFields) authors[field] = authorName;
        await executor.query(
          `insert into sync_rows (team_id, table_name, row_id, fields, stamps, authors, clashes, seq, is_deleted)
           values ($1, $2, $3, $4, $5, $6, $7, $8, $9)
           on conflict (team_id, table_name, row_id)
           do update set fields = excluded.fields, stamps = excluded.stamps, authors = excluded.authors, clashes = excluded.clashes, seq = excluded.seq, is_deleted = excluded.is_deleted`,
          [
            mutation.teamId,
            mutation.table,
            mutation.rowId,
            JSON.stringify(next.fields),
            JSON.stringify(next.stamps),
            JSON.stringify(authors),
            JSON.stringify([...(current?.clashes ?? []), ...clashes].slice(-maxClashesPerRow)),
            seq,
            isRowDeleted(next.fields),
          ],
        );
        await appendChangeLog(executor, {
          teamId: mutation.teamId,
          tableName: mutation.table,
          rowId: mutation.rowId,
          userId: user.userId,
          deviceId: user.deviceId,
          clientId: request.clientId,
          mutationId: mutation.mutationId,
          fields: changedFields,
          hlc: mutation.hlc,
          seq,
          receivedAtMs: nowMs,
        });
        touchedTeams.add(mutation.teamId);
        latestSeq = seq;
      }
      outcomes.push({ mutationId: mutation.mutationId, status: 'applied' });
    }

    await executor.query('update sync_clients set last_mutation_id = $2 where client_id = $1', [request.clientId, lastApplied]);
    if (latestSeq === 0) latestSeq = await currentSeq(executor);
    if (touchedTeams.size > 0) await PokeHub.notify(executor, { latestSeq, teamIds: [...touchedTeams] });
    return { outcomes, latestSeq, serverTimeMs: nowMs };
  });
}

export async function currentSeq(executor: SqlExecutor): Promise<number> {
  const { rows } = await executor.query<{ seq: number | null }>('select max(seq) as seq from sync_rows');
  return Number(rows[0]?.seq ?? 0);
}
