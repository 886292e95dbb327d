/** Picks the storage: PostgreSQL when DATABASE_URL is set, embedded PGlite otherwise. */
import { mkdir } from 'node:fs/promises';
import { openPgliteDatabase } from './pgliteDatabase';
import { openPostgresDatabase } from './postgresDatabase';
import type { SqlDatabase } from './sqlDatabase';

export async function openDatabase(options: { databaseUrl?: string | undefined; dataDir?: string | undefined }): Promise<SqlDatabase> {
  if (options.databaseUrl) return openPostgresDatabase(options.databaseUrl);
  if (options.dataDir) await mkdir(options.dataDir, { recursive: true });
  return openPgliteDatabase(options.dataDir);
}
