/**
 * One small interface over PostgreSQL (node-postgres pool) and embedded PGlite, so the same SQL
 * and migrations run on both. Queries use $1-style parameters.
 */

export type QueryResult<Row> = { rows: Row[]; rowCount: number };

export type SqlExecutor = {
  query<Row = Record<string, unknown>>(sql: string, params?: readonly unknown[]): Promise<QueryResult<Row>>;
  /** Runs a script of several statements without parameters (migrations). */
  exec(sql: string): Promise<void>;
};

export type SqlDatabase = SqlExecutor & {
  kind: 'postgres' | 'pglite';
  /** Runs `body` in one transaction on one connection; throws roll it back. */
  transaction<T>(body: (executor: SqlExecutor) => Promise<T>): Promise<T>;
  /** Subscribes to NOTIFY on a channel; resolves to an unsubscribe function. */
  listen(channel: string, onMessage: (payload: string) => void): Promise<() => Promise<void>>;
  close(): Promise<void>;
};
