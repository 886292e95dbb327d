/**
 * First start: with an empty users table and FIREBREAK_ADMIN_EMAIL / FIREBREAK_ADMIN_PASSWORD
 * set, creates the first admin and a "Default team" with them as lead, so a fresh server can be
 * used at once. Runs after the migrations, on every start; does nothing once any user exists.
 */
import type { ServerConfig } from '../config';
import type { SqlDatabase } from '../storage/sqlDatabase';
import { createTeam, setMembership } from './teams';
import { countUsers, createUser } from './users';

export const defaultTeamName = 'Default team';

export type BootstrapResult = { created: false; reason: 'users-exist' | 'not-configured' } | { created: true; email: string; teamName: string };

export async function ensureFirstAdmin(
  db: SqlDatabase,
  config: Pick<ServerConfig, 'adminEmail' | 'adminPassword'>,
  options: { newId: () => string; log?: (message: string) => void },
): Promise<BootstrapResult> {
  const log = options.log ?? (() => {});
  const result = await db.transaction(async (tx): Promise<BootstrapResult> => {
    // Several processes starting at once over one PostgreSQL: only one creates the admin.
    if (db.kind === 'postgres') await tx.query('select pg_advisory_xact_lock(4780002)');
    if ((await countUsers(tx)) > 0) return { created: false, reason: 'users-exist' };
    if (!config.adminEmail || !config.adminPassword) {
      if (config.adminEmail || config.adminPassword) throw new Error('Set both FIREBREAK_ADMIN_EMAIL and FIREBREAK_ADMIN_PASSWORD to create the first admin.');
      return { created: false, reason: 'not-configured' };
    }
    let admin;
    try {
      admin = await createUser(tx, { email: config.adminEmail, name: 'Administrator', password: config.adminPassword, isAdmin: true }, { newId: options.newId });
    } catch (error) {
      throw new Error(`Cannot create the first admin from FIREBREAK_ADMIN_EMAIL / FIREBREAK_ADMIN_PASSWORD: ${(error as Error).message}`, { cause: error });
    }
    const team = await createTeam(tx, defaultTeamName, options.newId);
    await setMembership(tx, { userId: admin.id }, { teamId: team.id }, 'lead');
    return { created: true, email: admin.email, teamName: team.name };
  });
  if (result.created) {
    log(`Created the first admin account from FIREBREAK_ADMIN_EMAIL and the team "${result.teamName}" with them as lead. You can now unset FIREBREAK_ADMIN_PASSWORD.`);
  } else if (result.reason === 'not-configured') {
    log('No user accounts yet. Set FIREBREAK_ADMIN_EMAIL and FIREBREAK_ADMIN_PASSWORD and restart, or add one with `npm run server -- user add --email ... --name ... --admin`.');
  }
  return result;
}
