/**
 * SqlDatabase over embedded PGlite (PostgreSQL compiled to WebAssembly), the default when no
 * DATABASE_URL is set, so the server runs on a fresh machine with nothing installed. PGlite has
 * one connection, so transactions are serialised by PGlite itself.
 */
import { PGlite } from '@electric-sql/pglite';
import type { SqlDatabase, SqlExecutor } from './sqlDatabase';

/** `dataDir` undefined keeps everything in memory (tests). */
export async function openPgliteDatabase(dataDir?: string): Promise<SqlDatabase> {
  // int8 (sequence numbers) as plain numbers, as the PostgreSQL adapter does.
  const parsers = { 20: (value: string) => Number(value) };
  const lite = dataDir ? new PGlite(dataDir, { parsers }) : new PGlite({ parsers });
  await lite.waitReady;

  const asExecutor = (target: Pick<PGlite, 'query' | 'exec'>): SqlExecutor => ({
    async query(sql, params = []) {
      const result = await target.query(sql, params as unknown[]);
      return { rows: result.rows as never[], rowCount: result.affectedRows ?? result.rows.length };
    },
    async exec(sql) {
      await target.exec(sql);
    },
  });

  return {
    kind: 'pglite',
    ...asExecutor(lite),
    transaction: (body) => lite.transaction((transaction) => body(asExecutor(transaction))),
    async listen(channel, onMessage) {
      const unsubscribe = await lite.listen(channel, onMessage);
      return async () => unsubscribe();
    },
    close: () => lite.close(),
  };
}
