/**
 * The append-only change log: who changed which fields of which row, from which device, when.
 * Entries are hash-chained (each hash covers the previous one and a canonical UTC form of the
 * entry), so a silent edit or deletion of history is detectable with verifyChangeLog.
 */
import { createHash } from 'node:crypto';
import type { SqlExecutor } from '../storage/sqlDatabase';

export type ChangeLogEntry = {
  teamId: string;
  tableName: string;
  rowId: string;
  userId: string;
  deviceId: string;
  clientId: string;
  mutationId: number;
  fields: string[];
  hlc: string;
  seq: number;
  receivedAtMs: number;
};

const genesisHash = '0'.repeat(64);

function canonical(entry: ChangeLogEntry): string {
  return JSON.stringify([
    entry.teamId,
    entry.tableName,
    entry.rowId,
    entry.userId,
    entry.deviceId,
    entry.clientId,
    entry.mutationId,
    [...entry.fields].sort(),
    entry.hlc,
    entry.seq,
    new Date(entry.receivedAtMs).toISOString(),
  ]);
}

export function entryHash(previousHash: string, entry: ChangeLogEntry): string {
  return createHash('sha256').update(previousHash).update('\n').update(canonical(entry)).digest('hex');
}

/** Appends inside the push transaction (pushes are serialised, so the chain has one tail). */
export async function appendChangeLog(executor: SqlExecutor, entry: ChangeLogEntry): Promise<void> {
  const tail = await executor.query<{ entry_hash: string }>('select entry_hash from change_log order by id desc limit 1');
  const previousHash = tail.rows[0]?.entry_hash ?? genesisHash;
  await executor.query(
    `insert into change_log (team_id, table_name, row_id, user_id, device_id, client_id, mutation_id, fields, hlc, seq, received_at, previous_hash, entry_hash)
     values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, to_timestamp($11 / 1000.0), $12, $13)`,
    [entry.teamId, entry.tableName, entry.rowId, entry.userId, entry.deviceId, entry.clientId, entry.mutationId, entry.fields, entry.hlc, entry.seq, entry.receivedAtMs, previousHash, entryHash(previousHash, entry)],
  );
}

type ChangeLogRow = {
  id: number;
  team_id: string;
  table_name: string;
  row_id: string;
  user_id: string;
  device_id: string;
  client_id: string;
  mutation_id: number;
  fields: string[];
  hlc: string;
  seq: number;
  received_at_ms: number;
  previous_hash: string;
  entry_hash: string;
};

/** Recomputes the chain; returns the id of the first entry that does not verify, or null. */
export async function verifyChangeLog(executor: SqlExecutor): Promise<{ checked: number; firstBadId: number | null }> {
  const { rows } = await executor.query<ChangeLogRow>(
    `select id, team_id, table_name, row_id, user_id, device_id, client_id, mutation_id, fields, hlc, seq,
            (extract(epoch from received_at) * 1000)::float8 as received_at_ms, previous_hash, entry_hash
       from change_log order by id`,
  );
  let previousHash = genesisHash;
  for (const row of rows) {
    const expected = entryHash(previousHash, {
      teamId: row.team_id,
      tableName: row.table_name,
      rowId: row.row_id,
      userId: row.user_id,
      deviceId: row.device_id,
      clientId: row.client_id,
      mutationId: Number(row.mutation_id),
      fields: row.fields,
      hlc: row.hlc,
      seq: Number(row.seq),
      receivedAtMs: Math.round(Number(row.received_at_ms)),
    });
    if (row.previous_hash !== previousHash || row.entry_hash !== expected) return { checked: rows.length, firstBadId: Number(row.id) };
    previousHash = row.entry_hash;
  }
  return { checked: rows.length, firstBadId: null };
}
