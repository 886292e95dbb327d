/**
 * The admin command line: `npm run server -- <command>` manages users, teams and memberships in
 * the configured database (DATABASE_URL or the PGlite data directory), without the server running
 * for PGlite. Returns the process exit code: 0 on success, 1 on any error.
 */
import { parseArgs } from 'node:util';
import { v7 as uuidV7 } from 'uuid';
import { teamRoles, teamRoleSchema } from '../../shared/sync/protocol';
import { createTeam, listTeams, removeMembership, setMembership } from '../accounts/teams';
import { changePassword, createUser, disableUser, enableUser, listUsers } from '../accounts/users';
import { loadServerConfig } from '../config';
import { HttpError } from '../httpError';
import { migrate } from '../storage/migrations';
import { openDatabase } from '../storage/openDatabase';
import type { SqlDatabase } from '../storage/sqlDatabase';
import { lockDataDir } from './dataDirLock';

export type CliIo = {
  env: NodeJS.ProcessEnv;
  out: (line: string) => void;
  err: (line: string) => void;
  /** The password when none is given by option or FIREBREAK_PASSWORD (stdin or a hidden prompt). */
  readPassword: () => Promise<string>;
  newId?: () => string;
  nowMs?: () => number;
};

export const cliHelp = `Firebreak team server

Usage:
  npm run server                                   start the server
  npm run server -- <command> [options]            manage accounts (stop the server first when it uses embedded storage)

Commands:
  user add --email <email> --name <name> [--admin] [--password <pw> | --password-stdin]
  user passwd --email <email> [--password <pw> | --password-stdin]   set a new password, sign out everywhere
  user disable --email <email>                     block sign-in and revoke the user's sessions
  user enable --email <email>
  team add --name <name>
  member add --email <email> --team <team name> --role <${teamRoles.join('|')}>
                                                   add to a team, or change the role there
  member remove --email <email> --team <team name>
  list                                             users, teams and memberships
  help                                             this text

The password comes from --password, else the FIREBREAK_PASSWORD variable, else stdin (typed without
echo at a terminal). Passwords need at least 12 characters. Admins manage users and teams; team
roles are ${teamRoles.join(', ')}.

Storage: PostgreSQL when DATABASE_URL is set, otherwise the embedded database in FIREBREAK_DATA_DIR.`;

const optionSpec = {
  email: { type: 'string' },
  name: { type: 'string' },
  team: { type: 'string' },
  role: { type: 'string' },
  password: { type: 'string' },
  'password-stdin': { type: 'boolean' },
  admin: { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
} as const;

type Options = { email?: string; name?: string; team?: string; role?: string; password?: string; 'password-stdin'?: boolean; admin?: boolean; help?: boolean };

class UsageError extends Error {}

function required(options: Options, name: 'email' | 'name' | 'team' | 'role'): string {
  const value = options[name];
  if (value === undefined || value.trim() === '') throw new UsageError(`Missing --${name}.`);
  return value;
}

function allowOnly(options: Options, allowed: readonly (keyof Options)[]): void {
  for (const key of Object.keys(options) as (keyof Options)[]) {
    if (!allowed.includes(key)) throw new UsageError(`This command has no --${key} option.`);
  }
}

async function passwordFrom(options: Options, io: CliIo): Promise<string> {
  if (options.password !== undefined) return options.password;
  if (!options['password-stdin'] && io.env['FIREBREAK_PASSWORD']) return io.env['FIREBREAK_PASSWORD'];
  const password = await io.readPassword();
  if (!password) throw new UsageError('No password given (use --password-stdin, FIREBREAK_PASSWORD or --password).');
  return password;
}

type Command = { words: string; allowed: readonly (keyof Options)[]; run: (db: SqlDatabase, options: Options, io: CliIo, newId: () => string, nowMs: number) => Promise<void> };

const commands: Command[] = [
  {
    words: 'user add',
    allowed: ['email', 'name', 'admin', 'password', 'password-stdin'],
    async run(db, options, io, newId) {
      const email = required(options, 'email');
      const name = required(options, 'name');
      const password = await passwordFrom(options, io);
      const user = await createUser(db, { email, name, password, isAdmin: options.admin ?? false }, { newId });
      io.out(`Added ${user.isAdmin ? 'admin ' : ''}${user.email} (${user.name}), id ${user.id}.`);
    },
  },
  {
    words: 'user passwd',
    allowed: ['email', 'password', 'password-stdin'],
    async run(db, options, io, _newId, nowMs) {
      const email = required(options, 'email');
      const user = await changePassword(db, { email }, await passwordFrom(options, io), nowMs);
      io.out(`Set a new password for ${user.email} and signed them out on every device.`);
    },
  },
  {
    words: 'user disable',
    allowed: ['email'],
    async run(db, options, io, _newId, nowMs) {
      const user = await disableUser(db, { email: required(options, 'email') }, nowMs);
      io.out(`Disabled ${user.email}; their sessions are revoked.`);
    },
  },
  {
    words: 'user enable',
    allowed: ['email'],
    async run(db, options, io) {
      const user = await enableUser(db, { email: required(options, 'email') });
      io.out(`Enabled ${user.email}.`);
    },
  },
  {
    words: 'team add',
    allowed: ['name'],
    async run(db, options, io, newId) {
      const team = await createTeam(db, required(options, 'name'), newId);
      io.out(`Added team "${team.name}", id ${team.id}.`);
    },
  },
  {
    words: 'member add',
    allowed: ['email', 'team', 'role'],
    async run(db, options, io) {
      const role = teamRoleSchema.safeParse(required(options, 'role'));
      if (!role.success) throw new UsageError(`--role is one of ${teamRoles.join(', ')}.`);
      const membership = await setMembership(db, { email: required(options, 'email') }, { teamName: required(options, 'team') }, role.data);
      io.out(`${membership.email} is ${membership.role} in "${membership.team.name}".`);
    },
  },
  {
    words: 'member remove',
    allowed: ['email', 'team'],
    async run(db, options, io) {
      const email = required(options, 'email');
      const team = required(options, 'team');
      await removeMembership(db, { email }, { teamName: team });
      io.out(`Removed ${email.trim().toLowerCase()} from "${team.trim()}".`);
    },
  },
  {
    words: 'list',
    allowed: [],
    async run(db, _options, io) {
      const users = await listUsers(db);
      io.out(`Users (${users.length}):`);
      for (const user of users) io.out(`  ${user.email}  ${user.name}${user.isAdmin ? '  [admin]' : ''}${user.isDisabled ? '  [disabled]' : ''}`);
      const teams = await listTeams(db);
      io.out(`Teams (${teams.length}):`);
      for (const team of teams) {
        io.out(`  ${team.name}`);
        for (const member of team.members) io.out(`    ${member.role.padEnd(9)} ${member.email}${member.isDisabled ? '  [disabled]' : ''}`);
      }
    },
  },
];

export async function runCli(argv: readonly string[], io: CliIo): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({ args: [...argv], options: optionSpec, allowPositionals: true, strict: true });
  } catch (error) {
    io.err(`${(error as Error).message}\n\n${cliHelp}`);
    return 1;
  }
  const words = parsed.positionals.join(' ');
  const options = parsed.values as Options;
  if (words === 'help' || words === '' || options.help) {
    io.out(cliHelp);
    return words === 'help' || options.help ? 0 : 1;
  }
  const command = commands.find((candidate) => candidate.words === words);
  if (!command) {
    io.err(`Unknown command "${words}".\n\n${cliHelp}`);
    return 1;
  }

  let db: SqlDatabase | undefined;
  let unlock: (() => Promise<void>) | undefined;
  try {
    allowOnly(options, command.allowed);
    const config = loadServerConfig(io.env);
    if (!config.databaseUrl) unlock = await lockDataDir(config.dataDir);
    db = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });
    await migrate(db);
    await command.run(db, options, io, io.newId ?? (() => uuidV7()), (io.nowMs ?? Date.now)());
    return 0;
  } catch (error) {
    const message = error instanceof HttpError || error instanceof UsageError ? error.message : `Failed: ${(error as Error).message}`;
    io.err(error instanceof UsageError ? `${message} Run "npm run server -- help" for usage.` : message);
    return 1;
  } finally {
    await db?.close().catch(() => {});
    await unlock?.();
  }
}
