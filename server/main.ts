/**
 * `npm run server`: the team sync server. With arguments (`npm run server -- user add ...`) it runs
 * the admin CLI instead. Storage is PostgreSQL when DATABASE_URL is set, embedded PGlite in
 * FIREBREAK_DATA_DIR otherwise; migrations and the first-admin bootstrap run on every start.
 */
import { v7 as uuidV7 } from 'uuid';
import { ensureFirstAdmin } from './accounts/bootstrap';
import { buildServer } from './app';
import { lockDataDir } from './cli/dataDirLock';
import { promptHidden, readPipedLine } from './cli/readPassword';
import { runCli } from './cli/runCli';
import { loadServerConfig } from './config';
import { migrate } from './storage/migrations';
import { openDatabase } from './storage/openDatabase';

async function startServer(): Promise<void> {
  const config = loadServerConfig();
  const unlock = config.databaseUrl ? undefined : await lockDataDir(config.dataDir);
  const db = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });
  const applied = await migrate(db);
  console.log(`Storage: ${config.databaseUrl ? 'PostgreSQL (DATABASE_URL)' : `embedded PGlite in ${config.dataDir}`}${applied.length ? `; applied migrations ${applied.join(', ')}` : ''}.`);
  await ensureFirstAdmin(db, config, { newId: () => uuidV7(), log: (message) => console.log(message) });
  const app = await buildServer({ db, config, nowMs: Date.now, newId: () => uuidV7(), log: true });

  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    app.log.info(`${signal}: shutting down`);
    try {
      await app.close();
      await db.close();
    } finally {
      await unlock?.();
    }
    process.exit(0);
  };
  process.once('SIGINT', () => void stop('SIGINT'));
  process.once('SIGTERM', () => void stop('SIGTERM'));

  await app.listen({ host: config.host, port: config.port });
}

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  if (args.length === 0) {
    await startServer();
    return;
  }
  process.exitCode = await runCli(args, {
    env: process.env,
    out: (line) => console.log(line),
    err: (line) => console.error(line),
    readPassword: () => (process.stdin.isTTY ? promptHidden('Password: ', process.stdin, process.stderr) : readPipedLine(process.stdin)),
  });
}

main().catch((error: unknown) => {
  console.error(`Firebreak server failed to start: ${(error as Error).message}`);
  process.exit(1);
});
