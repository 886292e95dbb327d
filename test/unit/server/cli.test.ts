// @vitest-environment node
/**
 * The admin CLI against an embedded PGlite data directory in a temp folder (called as a function),
 * plus one smoke test of `tsx server/main.ts list` as a real process.
 */
import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyPassword } from '../../../server/auth/passwords';
import { lockFileName } from '../../../server/cli/dataDirLock';
import { runCli } from '../../../server/cli/runCli';
import { openDatabase } from '../../../server/storage/openDatabase';

let dataDir: string;

beforeAll(async () => {
  dataDir = await mkdtemp(join(tmpdir(), 'firebreak-cli-'));
});
afterAll(async () => {
  await rm(dataDir, { recursive: true, force: true });
});

async function cli(args: string[], options: { env?: Record<string, string>; stdinPassword?: string } = {}) {
  const out: string[] = [];
  const err: string[] = [];
  let stdinReads = 0;
  const code = await runCli(args, {
    // Never DATABASE_URL: these tests are about the embedded store.
    env: { FIREBREAK_DATA_DIR: dataDir, ...options.env },
    out: (line) => out.push(line),
    err: (line) => err.push(line),
    readPassword: async () => {
      stdinReads += 1;
      return options.stdinPassword ?? '';
    },
  });
  return { code, out: out.join('\n'), err: err.join('\n'), stdinReads };
}

async function storedHash(email: string): Promise<string> {
  const db = await openDatabase({ dataDir });
  try {
    const { rows } = await db.query<{ password_hash: string }>('select password_hash from users where email = $1', [email]);
    return rows[0]!.password_hash;
  } finally {
    await db.close();
  }
}

describe('admin CLI', () => {
  it('prints help for help, and help with exit 1 for unknown commands and options', async () => {
    const help = await cli(['help']);
    expect(help.code).toBe(0);
    expect(help.out).toMatch(/user add --email/);
    const unknown = await cli(['frobnicate']);
    expect(unknown.code).toBe(1);
    expect(unknown.err).toMatch(/Unknown command "frobnicate"[\s\S]*Commands:/);
    expect((await cli(['list', '--bogus'])).code).toBe(1);
    const wrongOption = await cli(['team', 'add', '--name', 'X', '--email', 'a@b.org']);
    expect(wrongOption.code).toBe(1);
    expect(wrongOption.err).toMatch(/no --email option/);
  });

  it('adds users with the password from stdin, FIREBREAK_PASSWORD or --password', async () => {
    const fromStdin = await cli(['user', 'add', '--email', 'Ada@Example.org', '--name', 'Ada Admin', '--admin', '--password-stdin'], { stdinPassword: 'stdin password 123', env: { FIREBREAK_PASSWORD: 'ignored env password' } });
    expect(fromStdin).toMatchObject({ code: 0, stdinReads: 1 });
    expect(fromStdin.out).toMatch(/Added admin ada@example.org \(Ada Admin\)/);
    expect(await verifyPassword('stdin password 123', await storedHash('ada@example.org'))).toBe(true);

    const fromEnv = await cli(['user', 'add', '--email', 'ben@example.org', '--name', 'Ben'], { env: { FIREBREAK_PASSWORD: 'env password 1234' } });
    expect(fromEnv).toMatchObject({ code: 0, stdinReads: 0 });
    expect(await verifyPassword('env password 1234', await storedHash('ben@example.org'))).toBe(true);

    const fromOption = await cli(['user', 'add', '--email', 'cy@example.org', '--name', 'Cy', '--password', 'option password 1']);
    expect(fromOption.code).toBe(0);
    expect(fromOption.out).not.toContain('option password 1');
  });

  it('refuses duplicates, weak or missing passwords and missing options with exit 1', async () => {
    const duplicate = await cli(['user', 'add', '--email', 'ada@example.org', '--name', 'Ada', '--password', 'long enough pass']);
    expect(duplicate.code).toBe(1);
    expect(duplicate.err).toMatch(/already exists/);
    const weak = await cli(['user', 'add', '--email', 'dee@example.org', '--name', 'Dee', '--password', 'short']);
    expect(weak.code).toBe(1);
    expect(weak.err).toMatch(/at least 12/);
    expect((await cli(['user', 'add', '--email', 'dee@example.org', '--name', 'Dee'])).err).toMatch(/No password/);
    expect((await cli(['user', 'add', '--name', 'Dee', '--password', 'long enough pass'])).err).toMatch(/Missing --email/);
    expect((await cli(['user', 'add', '--email', 'not-an-email', '--name', 'Dee', '--password', 'long enough pass'])).err).toMatch(/not an email/);
  });

  it('manages teams and memberships, and lists them', async () => {
    expect((await cli(['team', 'add', '--name', 'Blue team'])).code).toBe(0);
    expect((await cli(['team', 'add', '--name', 'blue team'])).err).toMatch(/already exists/);
    expect((await cli(['member', 'add', '--email', 'ben@example.org', '--team', 'Blue team', '--role', 'responder'])).out).toMatch(/ben@example.org is responder in "Blue team"/);
    expect((await cli(['member', 'add', '--email', 'cy@example.org', '--team', 'Blue team', '--role', 'viewer'])).code).toBe(0);
    expect((await cli(['member', 'add', '--email', 'ben@example.org', '--team', 'Blue team', '--role', 'admin'])).err).toMatch(/--role is one of lead, responder, trainer, viewer/);
    expect((await cli(['member', 'add', '--email', 'ben@example.org', '--team', 'Red team', '--role', 'lead'])).err).toMatch(/no team named "Red team"/);
    expect((await cli(['member', 'remove', '--email', 'cy@example.org', '--team', 'Blue team'])).code).toBe(0);
    expect((await cli(['member', 'remove', '--email', 'cy@example.org', '--team', 'Blue team'])).code).toBe(1);

    const list = await cli(['list']);
    expect(list.code).toBe(0);
    expect(list.out).toMatch(/Users \(3\):[\s\S]*ada@example.org\s+Ada Admin\s+\[admin\]/);
    expect(list.out).toMatch(/Teams \(1\):\n {2}Blue team\n {4}responder\s+ben@example.org$/);
  });

  it('disables and enables users, and sets passwords', async () => {
    expect((await cli(['user', 'disable', '--email', 'ben@example.org'])).code).toBe(0);
    expect((await cli(['list'])).out).toMatch(/ben@example.org\s+Ben\s+\[disabled\]/);
    expect((await cli(['user', 'enable', '--email', 'ben@example.org'])).code).toBe(0);
    expect((await cli(['user', 'disable', '--email', 'nobody@example.org'])).err).toMatch(/no user with the email/);
    // The only admin cannot be disabled.
    expect((await cli(['user', 'disable', '--email', 'ada@example.org'])).err).toMatch(/last active admin/);
    expect((await cli(['user', 'passwd', '--email', 'ben@example.org'], { stdinPassword: 'a brand new password' })).code).toBe(0);
    expect(await verifyPassword('a brand new password', await storedHash('ben@example.org'))).toBe(true);
  });

  it('refuses to open the data directory while a live server process holds it', async () => {
    await writeFile(join(dataDir, lockFileName), JSON.stringify({ pid: process.ppid, host: hostname() }));
    try {
      const locked = await cli(['list']);
      expect(locked.code).toBe(1);
      expect(locked.err).toMatch(/Another Firebreak server process/);
    } finally {
      await rm(join(dataDir, lockFileName));
    }
    // A stale lock (no such process) is taken over.
    await writeFile(join(dataDir, lockFileName), JSON.stringify({ pid: 2 ** 22 + 12345, host: hostname() }));
    expect((await cli(['list'])).code).toBe(0);
  });

  it('runs as `tsx server/main.ts list` in a real process', async () => {
    const env: NodeJS.ProcessEnv = { ...process.env, FIREBREAK_DATA_DIR: dataDir };
    delete env['DATABASE_URL'];
    const { stdout } = await promisify(execFile)('npx', ['tsx', 'server/main.ts', 'list'], { env, cwd: process.cwd(), timeout: 60_000 });
    expect(stdout).toMatch(/Users \(3\):/);
    expect(stdout).toMatch(/Blue team/);
  }, 60_000);
});
