/**
 * A real sync server for tests: PGlite in memory by default, the PostgreSQL of DATABASE_URL when
 * set (reset to an empty schema first). Users, teams and sessions are created straight in SQL, so
 * sync tests do not depend on the login route.
 */
import type { FastifyInstance } from 'fastify';
import { v7 as uuidV7 } from 'uuid';
import { buildServer } from '../../server/app';
import { hashToken, newToken } from '../../server/auth/tokens';
import { loadServerConfig, type ServerConfig } from '../../server/config';
import type { SqlDatabase } from '../../server/storage/sqlDatabase';
import { openTestDatabase, testDatabaseUrl } from './serverHarness';
import type { TeamRole } from '../../shared/sync/protocol';
import { syncSchemaVersion } from '../../shared/sync/mutation';

export { openTestDatabase };
export const databaseUrl = testDatabaseUrl;

/**
 * Response bodies are checked field by field with expect(), so tests read them untyped.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type JsonBody = any;

export type SyncTestServer = {
  db: SqlDatabase;
  app: FastifyInstance;
  config: ServerConfig;
  clock: { nowMs: number };
  /** Creates a user with memberships and a signed-in session; returns its access token. */
  addUser(name: string, teams: Record<string, TeamRole>, options?: { deviceId?: string }): Promise<{ userId: string; token: string; deviceId: string }>;
  addTeam(name: string): Promise<string>;
  push(token: string, body: unknown): Promise<{ status: number; body: JsonBody }>;
  pull(token: string, cursor?: number, limit?: number): Promise<{ status: number; body: JsonBody }>;
  close(): Promise<void>;
};

export async function startSyncTestServer(options: { db?: SqlDatabase; startMs?: number } = {}): Promise<SyncTestServer> {
  const db = options.db ?? (await openTestDatabase());
  const clock = { nowMs: options.startMs ?? Date.UTC(2026, 10, 27, 9, 0, 0) };
  const config: ServerConfig = { ...loadServerConfig({}), webRoot: '/nonexistent' };
  const app = await buildServer({ db, config, nowMs: () => clock.nowMs, newId: () => uuidV7() });
  const teams = new Map<string, string>();

  const addTeam = async (name: string): Promise<string> => {
    const existing = teams.get(name);
    if (existing) return existing;
    const id = `team-${name.toLowerCase().replace(/\W+/g, '-')}`;
    await db.query('insert into teams (id, name) values ($1, $2) on conflict do nothing', [id, name]);
    teams.set(name, id);
    return id;
  };

  const inject = async (method: 'GET' | 'POST', url: string, token: string, payload?: unknown) => {
    const response = await app.inject({
      method,
      url,
      headers: { authorization: `Bearer ${token}`, 'x-firebreak-schema': String(syncSchemaVersion) },
      ...(payload === undefined ? {} : { payload: payload as object }),
    });
    return { status: response.statusCode, body: response.body ? JSON.parse(response.body) : undefined };
  };

  return {
    db,
    app,
    config,
    clock,
    addTeam,
    async addUser(name, memberships, userOptions = {}) {
      const userId = `user-${name.toLowerCase().replace(/\W+/g, '-')}-${uuidV7().slice(-6)}`;
      await db.query('insert into users (id, email, name, password_hash) values ($1, $2, $3, $4)', [userId, `${userId}@example.test`, name, 'not-used']);
      for (const [teamName, role] of Object.entries(memberships)) {
        await db.query('insert into memberships (user_id, team_id, role) values ($1, $2, $3)', [userId, await addTeam(teamName), role]);
      }
      const token = newToken();
      const deviceId = userOptions.deviceId ?? uuidV7();
      await db.query(
        `insert into sessions (id, user_id, device_id, access_token_hash, access_expires_at, refresh_token_hash, refresh_expires_at)
         values ($1, $2, $3, $4, to_timestamp($5 / 1000.0), $6, to_timestamp($5 / 1000.0))`,
        [uuidV7(), userId, deviceId, hashToken(token), clock.nowMs + 3600_000, hashToken(newToken())],
      );
      return { userId, token, deviceId };
    },
    push: (token, body) => inject('POST', '/sync/push', token, body),
    pull: (token, cursor = 0, limit = 1000) => inject('GET', `/sync/pull?cursor=${cursor}&limit=${limit}`, token),
    async close() {
      await app.close();
      await db.close();
    },
  };
}
