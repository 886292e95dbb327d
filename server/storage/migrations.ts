/**
 * Schema migrations, applied in order on start, the same SQL on PostgreSQL and PGlite. Append
 * only: never edit a migration that has shipped; add a new one.
 */
import type { SqlDatabase } from './sqlDatabase';

export type Migration = { id: number; name: string; sql: string };

export const migrations: readonly Migration[] = [
  {
    id: 1,
    name: 'accounts, teams, sync rows, change log',
    sql: `
      create table users (
        id text primary key,
        email text not null unique,
        name text not null,
        password_hash text not null,
        is_admin boolean not null default false,
        is_disabled boolean not null default false,
        created_at timestamptz not null default now()
      );
      create table teams (
        id text primary key,
        name text not null unique,
        created_at timestamptz not null default now()
      );
      create table memberships (
        user_id text not null references users(id) on delete cascade,
        team_id text not null references teams(id) on delete cascade,
        role text not null check (role in ('lead', 'responder', 'trainer', 'viewer')),
        primary key (user_id, team_id)
      );
      create table devices (
        device_id text primary key,
        device_code text not null unique,
        user_id text not null references users(id) on delete cascade,
        first_seen_at timestamptz not null default now()
      );
      -- Opaque tokens, stored only as SHA-256 hashes. A refresh rotates both tokens of a session.
      create table sessions (
        id text primary key,
        user_id text not null references users(id) on delete cascade,
        device_id text not null,
        access_token_hash text not null unique,
        access_expires_at timestamptz not null,
        refresh_token_hash text not null unique,
        refresh_expires_at timestamptz not null,
        revoked_at timestamptz,
        created_at timestamptz not null default now()
      );
      -- The current state of every synced row: field values and their HLC stamps.
      create table sync_rows (
        team_id text not null references teams(id),
        table_name text not null,
        row_id text not null,
        fields jsonb not null,
        stamps jsonb not null,
        authors jsonb not null default '{}'::jsonb,
        clashes jsonb not null default '[]'::jsonb,
        seq bigint not null,
        is_deleted boolean not null default false,
        primary key (team_id, table_name, row_id)
      );
      create index sync_rows_seq on sync_rows (seq);
      create sequence sync_seq;
      -- Per client, the last mutation applied: replays of older ids are skipped.
      create table sync_clients (
        client_id text primary key,
        user_id text not null references users(id),
        last_mutation_id bigint not null default 0
      );
      -- Mutations refused for good: a re-send (lost acknowledgement) gets the same refusal again,
      -- with the current row, instead of "duplicate", so the client still rolls back.
      create table sync_rejections (
        client_id text not null,
        mutation_id bigint not null,
        team_id text not null,
        table_name text not null,
        row_id text not null,
        reason text not null,
        primary key (client_id, mutation_id)
      );
      -- Append-only: who changed which fields of which row, from which device, when.
      create table change_log (
        id bigserial primary key,
        team_id text not null,
        table_name text not null,
        row_id text not null,
        user_id text not null,
        device_id text not null,
        client_id text not null,
        mutation_id bigint not null,
        fields text[] not null,
        hlc text not null,
        seq bigint not null,
        received_at timestamptz not null default now(),
        previous_hash text not null,
        entry_hash text not null
      );
    `,
  },
  {
    id: 2,
    name: 'retired refresh tokens (reuse detection), session lookups by user',
    sql: `
      -- Refresh tokens a rotation replaced. Presenting one again means the token was copied: the
      -- whole session is revoked. Rows go with their session.
      create table retired_refresh_tokens (
        token_hash text primary key,
        session_id text not null references sessions(id) on delete cascade,
        retired_at timestamptz not null
      );
      create index retired_refresh_tokens_session on retired_refresh_tokens (session_id);
      create index sessions_user on sessions (user_id);
    `,
  },
];

/** Applies pending migrations; several server processes starting at once take turns. */
export async function migrate(db: SqlDatabase): Promise<number[]> {
  const applied = await applyMigrations(db);
  // PGlite has no autovacuum: without statistics its planner can sort a whole large table for
  // each pull page instead of walking the seq index. PostgreSQL analyses on its own.
  if (db.kind === 'pglite') await db.exec('analyze');
  return applied;
}

async function applyMigrations(db: SqlDatabase): Promise<number[]> {
  return db.transaction(async (executor) => {
    if (db.kind === 'postgres') await executor.query('select pg_advisory_xact_lock(4780001)');
    await executor.query('create table if not exists schema_migrations (id integer primary key, name text not null, applied_at timestamptz not null default now())');
    const applied = new Set((await executor.query<{ id: number }>('select id from schema_migrations')).rows.map((row) => Number(row.id)));
    const appliedNow: number[] = [];
    for (const migration of migrations) {
      if (applied.has(migration.id)) continue;
      await executor.exec(migration.sql);
      await executor.query('insert into schema_migrations (id, name) values ($1, $2)', [migration.id, migration.name]);
      appliedNow.push(migration.id);
    }
    return appliedNow;
  });
}
