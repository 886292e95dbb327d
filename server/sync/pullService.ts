/**
 * Pages of rows changed after a cursor, for the teams the user belongs to, in sequence order.
 * The page's JSON is built by the database itself: the rows are stored as jsonb already, so
 * parsing them into objects only to serialise them again would double the server's work.
 */
import type { AuthenticatedUser } from '../auth/authenticatedUser';
import type { SqlExecutor } from '../storage/sqlDatabase';
import { currentSeq } from './pushService';

export type PullPage = { json: string; rowCount: number; nextCursor: number; hasMore: boolean; latestSeq: number };

/** `wantedTeams` narrows the pull to some of the user's teams (never widens it); null means all. */
export async function pullRows(executor: SqlExecutor, user: AuthenticatedUser, cursor: number, limit: number, wantedTeams: ReadonlySet<string> | null = null): Promise<PullPage> {
  const teamIds = [...user.memberships.keys()].filter((teamId) => wantedTeams === null || wantedTeams.has(teamId));
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
         from (select * from sync_rows where team_id = any($1) and seq > $2 order by seq limit $3) page`,
      [teamIds, cursor, limit],
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
