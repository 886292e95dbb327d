/** SqlDatabase over a real PostgreSQL server (DATABASE_URL). */
import pg from 'pg';
import type { SqlDatabase, SqlExecutor } from './sqlDatabase';

// bigint columns (sequence numbers) come back as JS numbers: they stay far below 2^53.
pg.types.setTypeParser(20, (value: string) => Number(value));

export async function openPostgresDatabase(connectionString: string): Promise<SqlDatabase> {
  const pool = new pg.Pool({ connectionString, max: 10 });
  // Fail fast with a clear message when the server is unreachable.
  const probe = await pool.connect();
  probe.release();
  const listeners = new Set<pg.PoolClient>();

  const asExecutor = (client: pg.Pool | pg.PoolClient): SqlExecutor => ({
    async query(sql, params = []) {
      const result = await client.query(sql, params as unknown[]);
      return { rows: result.rows, rowCount: result.rowCount ?? 0 };
    },
    async exec(sql) {
      await client.query(sql);
    },
  });

  return {
    kind: 'postgres',
    ...asExecutor(pool),
    async transaction(body) {
      const client = await pool.connect();
      try {
        await client.query('begin');
        const result = await body(asExecutor(client));
        await client.query('commit');
        return result;
      } catch (error) {
        await client.query('rollback').catch(() => {});
        throw error;
      } finally {
        client.release();
      }
    },
    async listen(channel, onMessage) {
      const client = await pool.connect();
      listeners.add(client);
      const handler = (message: pg.Notification) => {
        if (message.channel === channel) onMessage(message.payload ?? '');
      };
      client.on('notification', handler);
      await client.query(`listen ${pg.escapeIdentifier(channel)}`);
      return async () => {
        client.off('notification', handler);
        await client.query(`unlisten ${pg.escapeIdentifier(channel)}`).catch(() => {});
        listeners.delete(client);
        client.release();
      };
    },
    async close() {
      for (const client of listeners) client.release();
      listeners.clear();
      await pool.end();
    },
  };
}
