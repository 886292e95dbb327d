/**
 * Pages of rows changed after a cursor, for the teams the user belongs to, in sequence order.
 * The page's JSON is built by the database itself: the rows are stored as jsonb already, so
 * parsing them into objects only to serialise them again would double the server's work.
 */
import { syncedTables, syncSchemaVersion } from '../../shared/sync/mutation';
import { tablesKnownToSchema } from '../../shared/sync/protocol';
import type { AuthenticatedUser } from '../auth/authenticatedUser';
import type { SqlExecutor } from '../storage/sqlDatabase';
import { currentSeq } from './pushService';

export type PullPage = { json: string; rowCount: number; nextCursor: number; hasMore: boolean; latestSeq: number };

/**
 * `wantedTeams` narrows the pull to some of the user's teams (never widens it); null means all.
 * `clientSchemaVersion` leaves out tables that client's version does not know (it could not parse
 * them), so an older app keeps syncing incidents while newer ones share responder teams.
 */
export async function pullRows(
  executor: SqlExecutor,
  user: AuthenticatedUser,
  cursor: number,
  limit: number,
  wantedTeams: ReadonlySet<string> | null = null,
  clientSchemaVersion: number = syncSchemaVersion,
): Promise<PullPage> {
  const teamIds = [...user.memberships.keys()].filter((teamId) => wantedTeams === null || wantedTeams.has(teamId));
  const knownTables = tablesKnownToSchema(clientSchemaVersion);
  // Current clients know every table: their pulls keep the plain query.
  const tableFilter = knownTables.length < syncedTables.length ? knownTables : null;
  const latestSeq = await currentSeq(executor);
  let rowsJson = '[]';
  let rowCount = 0;
  let nextCursor = cursor;
  if (teamIds.length > 0) {
    const { rows } = await executor.query<{ rows: string | null; row_count: number; last_seq: number | null }>(
      `select json_agg(
                jsonb_build_object('table', table_name, 'rowId', row_id, 'teamId', team_id, 'seq', seq,
                                   'fields', fields, 'stamps', stamps, 'authors', authors, 'isDeleted', is_deleted)
                || case when jsonb_array_length(clashes) > 0 then jsonb_build_object('clashes', clashes) else '{}'::jsonb end
                order by seq)::text as rows,
              count(*)::int as row_count,
              max(seq) as last_seq
         from (select * from sync_rows where team_id = any($1) and seq > $2 ${tableFilter ? 'and table_name = any($4)' : ''} order by seq limit $3) page`,
      tableFilter ? [teamIds, cursor, limit, tableFilter] : [teamIds, cursor, limit],
    );
    const page = rows[0];
    rowsJson = page?.rows ?? '[]';
    rowCount = Number(page?.row_count ?? 0);
    nextCursor = page?.last_seq == null ? cursor : Number(page.last_seq);
  }
  const hasMore = rowCount === limit;
  return {
    json: `{"rows":${rowsJson},"nextCursor":${nextCursor},"hasMore":${hasMore},"latestSeq":${latestSeq}}`,
    rowCount,
    nextCursor,
    hasMore,
    latestSeq,
  };
}
