/** Pages of rows changed after a cursor, for the teams the user belongs to, in sequence order. */
import type { PullResponse } from '../../shared/sync/protocol';
import type { AuthenticatedUser } from '../auth/authenticatedUser';
import type { SqlExecutor } from '../storage/sqlDatabase';
import { currentSeq, toPulledRow } from './pushService';

export async function pullRows(executor: SqlExecutor, user: AuthenticatedUser, cursor: number, limit: number): Promise<PullResponse> {
  const teamIds = [...user.memberships.keys()];
  const latestSeq = await currentSeq(executor);
  if (teamIds.length === 0) return { rows: [], nextCursor: cursor, hasMore: false, latestSeq };
  const { rows } = await executor.query<Parameters<typeof toPulledRow>[0]>(
    `select team_id, table_name, row_id, fields, stamps, authors, clashes, seq, is_deleted
       from sync_rows where team_id = any($1) and seq > $2 order by seq limit $3`,
    [teamIds, cursor, limit],
  );
  const pulled = rows.map(toPulledRow);
  return { rows: pulled, nextCursor: pulled.at(-1)?.seq ?? cursor, hasMore: pulled.length === limit, latestSeq };
}
