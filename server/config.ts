/** Server settings from the environment, with the defaults that make `npm run server` just work. */
import { homedir } from 'node:os';
import { join } from 'node:path';

export type ServerConfig = {
  port: number;
  host: string;
  /** PostgreSQL when set; embedded PGlite in `dataDir` otherwise. */
  databaseUrl: string | undefined;
  dataDir: string;
  adminEmail: string | undefined;
  adminPassword: string | undefined;
  /** Browser origins allowed to call the API (the app's own origin needs no entry). */
  corsOrigins: string[];
  /** Honour X-Forwarded-For only behind a proxy you configured; otherwise clients could spoof it. */
  trustProxy: boolean;
  accessTokenTtlSeconds: number;
  refreshTokenTtlSeconds: number;
  /** Mutations stamped further ahead of the server clock are refused. */
  maxClockAheadMs: number;
  /** Folder of the web build to serve at /, when it exists (out/web). */
  webRoot: string | undefined;
};

function defaultDataDir(): string {
  const base = process.env['XDG_DATA_HOME'] ?? join(homedir(), '.local', 'share');
  return join(base, 'firebreak-server');
}

export function loadServerConfig(env: NodeJS.ProcessEnv = process.env): ServerConfig {
  const port = Number(env['PORT'] ?? 4780);
  if (!Number.isInteger(port) || port < 1 || port > 65535) throw new Error(`PORT must be a port number, got "${env['PORT']}"`);
  return {
    port,
    host: env['HOST'] ?? '127.0.0.1',
    databaseUrl: env['DATABASE_URL'] || undefined,
    dataDir: env['FIREBREAK_DATA_DIR'] ?? defaultDataDir(),
    adminEmail: env['FIREBREAK_ADMIN_EMAIL'] || undefined,
    adminPassword: env['FIREBREAK_ADMIN_PASSWORD'] || undefined,
    // The desktop app's own origin is always allowed; browsers cannot claim it.
    corsOrigins: ['app://firebreak', ...(env['FIREBREAK_CORS_ORIGINS'] ?? '').split(',').map((origin) => origin.trim()).filter(Boolean)],
    trustProxy: env['FIREBREAK_TRUST_PROXY'] === 'true',
    accessTokenTtlSeconds: Number(env['FIREBREAK_ACCESS_TOKEN_TTL'] ?? 15 * 60),
    refreshTokenTtlSeconds: Number(env['FIREBREAK_REFRESH_TOKEN_TTL'] ?? 30 * 24 * 60 * 60),
    maxClockAheadMs: 5 * 60 * 1000,
    webRoot: env['FIREBREAK_WEB_ROOT'],
  };
}
