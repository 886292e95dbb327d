/**
 * Embedded PGlite is one process's database: two processes writing the same data directory would
 * corrupt it. The server and the admin CLI therefore take a lock file in the directory first and
 * refuse with a clear message when another live process holds it. (With PostgreSQL no lock is
 * needed: it serves many clients.)
 */
import { mkdir, open, readFile, rm } from 'node:fs/promises';
import { hostname } from 'node:os';
import { join } from 'node:path';

export const lockFileName = 'firebreak-server.lock';

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Takes the lock; resolves to a function that releases it. */
export async function lockDataDir(dataDir: string): Promise<() => Promise<void>> {
  await mkdir(dataDir, { recursive: true });
  const path = join(dataDir, lockFileName);
  const content = JSON.stringify({ pid: process.pid, host: hostname() });
  for (let attempt = 0; attempt < 2; attempt += 1) {
    try {
      const handle = await open(path, 'wx', 0o600);
      await handle.writeFile(content);
      await handle.close();
      return async () => {
        await rm(path, { force: true });
      };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      let holder: { pid?: unknown; host?: unknown } = {};
      try {
        holder = JSON.parse(await readFile(path, 'utf8')) as typeof holder;
      } catch {
        // unreadable or half-written: treat as stale
      }
      const pid = typeof holder.pid === 'number' ? holder.pid : undefined;
      if (pid !== undefined && pid !== process.pid && holder.host === hostname() && isAlive(pid)) {
        throw new Error(
          `Another Firebreak server process (pid ${pid}) is using ${dataDir}. Stop it first (the embedded database allows one process), or use the admin API while it runs.`,
          { cause: error },
        );
      }
      if (pid !== undefined && holder.host !== hostname()) {
        throw new Error(`${dataDir} is locked by a process on another machine (${String(holder.host)}). If that is stale, delete ${path}.`, { cause: error });
      }
      await rm(path, { force: true });
    }
  }
  throw new Error(`Could not lock ${dataDir}.`);
}
