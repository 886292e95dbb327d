/**
 * A whole team server for tests, driven through HTTP with Fastify's inject: embedded PGlite in
 * memory by default, the PostgreSQL of DATABASE_URL when it is set (reset to an empty schema, so
 * test files must not run in parallel against it: the vitest 'server' project runs them one at a
 * time then). The clock is the test's; users, teams and memberships go through the same account
 * functions as the admin routes and CLI (with a cheap scrypt cost), and login goes through the
 * real /auth/login route. Not a test file.
 */
import type { FastifyInstance, InjectOptions, LightMyRequestResponse } from 'fastify';
import { v7 as uuidV7 } from 'uuid';
import { createTeam, setMembership, type TeamRecord } from '../../server/accounts/teams';
import { createUser, type UserRecord } from '../../server/accounts/users';
import { buildServer } from '../../server/app';
import { setPasswordHashCost, type ScryptParams } from '../../server/auth/passwords';
import { loadServerConfig, type ServerConfig } from '../../server/config';
import { migrate } from '../../server/storage/migrations';
import { openDatabase } from '../../server/storage/openDatabase';
import type { SqlDatabase } from '../../server/storage/sqlDatabase';
import { minimumClientSchemaVersion, schemaVersionHeader, sessionSchema, type Session, type TeamRole } from '../../shared/sync/protocol';

export const testDatabaseUrl = process.env['DATABASE_URL'] || undefined;
export const testDatabaseKind: 'pglite' | 'postgresql' = testDatabaseUrl ? 'postgresql' : 'pglite';
/** 2026-11-27 09:00 UTC unless a test says otherwise. */
export const defaultTestStartMs = Date.UTC(2026, 10, 27, 9, 0, 0);
/**
 * Cheap scrypt for test servers: users made by tests get it, logins do not upgrade it, and the
 * unknown-email dummy check uses it too. (It is set for the whole test file once a test server
 * starts.)
 */
export const testScryptParams: ScryptParams = { log2N: 10, r: 8, p: 1 };
export const testPassword = 'correct horse battery staple';

/**
 * Opens an empty, migrated database: in-memory PGlite, or the DATABASE_URL PostgreSQL with its
 * public schema dropped and recreated (unless `reset: false`, to join one already in use).
 */
export async function openTestDatabase(options: { reset?: boolean } = {}): Promise<SqlDatabase> {
  const db = await openDatabase({ databaseUrl: testDatabaseUrl });
  if (db.kind === 'postgres' && options.reset !== false) await db.exec('drop schema if exists public cascade; create schema public;');
  await migrate(db);
  return db;
}

export type TestServer = {
  app: FastifyInstance;
  db: SqlDatabase;
  config: ServerConfig;
  now(): number;
  /** Moves the server clock forwards (or backwards with a negative number). */
  advance(ms: number): void;
  setClock(ms: number): void;
  /** app.inject with the schema-version header preset (override or drop it via `headers`). */
  inject(options: InjectOptions): Promise<LightMyRequestResponse>;
  /** Bearer header for a session or raw access token, plus the schema header. */
  authHeaders(session: Pick<Session, 'accessToken'> | string): Record<string, string>;
  createUser(input: { email: string; password?: string; name?: string; isAdmin?: boolean }): Promise<UserRecord>;
  createTeam(name: string): Promise<TeamRecord>;
  /** Adds a user (by email) to a team (by name) with a role, or changes the role. */
  addMember(userEmail: string, teamName: string, role: TeamRole): Promise<void>;
  /** Signs in through POST /auth/login; throws with the answer when it is not 200. */
  login(email: string, password?: string, deviceId?: string): Promise<Session>;
  /** A user with memberships, signed in: the usual start of a sync test. */
  signedInUser(email: string, teams?: Record<string, TeamRole>, options?: { isAdmin?: boolean; deviceId?: string }): Promise<{ user: UserRecord; session: Session }>;
  close(): Promise<void>;
};

export type TestServerOptions = {
  nowMs?: number;
  /** Settings on top of the defaults (the environment of the test process is ignored). */
  config?: Partial<ServerConfig>;
  /** Use this database instead of opening a fresh one (it is not closed by close()). */
  db?: SqlDatabase;
  /** Fastify request logging, for debugging a test. */
  log?: boolean;
};

export async function createTestServer(options: TestServerOptions = {}): Promise<TestServer> {
  // Logins would otherwise upgrade every cheap test hash to the full cost, 0.15 s each.
  setPasswordHashCost(testScryptParams);
  const ownsDb = !options.db;
  const db = options.db ?? (await openTestDatabase());
  let clock = options.nowMs ?? defaultTestStartMs;
  // No web build: API tests see the API's own 404s.
  const config: ServerConfig = { ...loadServerConfig({}), webRoot: '/nonexistent-firebreak-web-root', ...options.config };
  const newId = () => uuidV7();
  const app = await buildServer({ db, config, nowMs: () => clock, newId, log: options.log ?? false });
  await app.ready();

  const schemaHeader = { [schemaVersionHeader]: String(minimumClientSchemaVersion) };
  const inject = (injectOptions: InjectOptions) => app.inject({ ...injectOptions, headers: { ...schemaHeader, ...injectOptions.headers } });

  const server: TestServer = {
    app,
    db,
    config,
    now: () => clock,
    advance: (ms) => {
      clock += ms;
    },
    setClock: (ms) => {
      clock = ms;
    },
    inject,
    authHeaders: (session) => ({ ...schemaHeader, authorization: `Bearer ${typeof session === 'string' ? session : session.accessToken}` }),
    createUser: (input) =>
      createUser(
        db,
        { email: input.email, name: input.name ?? input.email.split('@')[0]!, password: input.password ?? testPassword, isAdmin: input.isAdmin ?? false },
        { newId, scrypt: testScryptParams, enforcePasswordPolicy: false },
      ),
    createTeam: (name) => createTeam(db, name, newId),
    async addMember(userEmail, teamName, role) {
      await setMembership(db, { email: userEmail }, { teamName }, role);
    },
    async login(email, password = testPassword, deviceId = uuidV7()) {
      const response = await inject({ method: 'POST', url: '/auth/login', payload: { email, password, deviceId } });
      if (response.statusCode !== 200) throw new Error(`Login as ${email} failed: ${response.statusCode} ${response.body}`);
      return sessionSchema.parse(response.json());
    },
    async signedInUser(email, teams = {}, userOptions = {}) {
      const user = await server.createUser({ email, isAdmin: userOptions.isAdmin ?? false });
      for (const [teamName, role] of Object.entries(teams)) {
        const existing = await db.query('select 1 from teams where name = $1', [teamName]);
        if (existing.rows.length === 0) await server.createTeam(teamName);
        await server.addMember(email, teamName, role);
      }
      return { user, session: await server.login(email, testPassword, userOptions.deviceId) };
    },
    async close() {
      await app.close();
      if (ownsDb) await db.close();
    },
  };
  return server;
}
