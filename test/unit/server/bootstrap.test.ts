// @vitest-environment node
/** First start: FIREBREAK_ADMIN_EMAIL / FIREBREAK_ADMIN_PASSWORD create the first admin once. */
import { v7 as uuidV7 } from 'uuid';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { defaultTeamName, ensureFirstAdmin } from '../../../server/accounts/bootstrap';
import { listTeams } from '../../../server/accounts/teams';
import { listUsers } from '../../../server/accounts/users';
import type { SqlDatabase } from '../../../server/storage/sqlDatabase';
import { createTestServer, openTestDatabase } from '../../support/serverHarness';

let db: SqlDatabase;
const newId = () => uuidV7();
const config = { adminEmail: 'Chief@Example.org', adminPassword: 'a long admin password' };

beforeEach(async () => {
  db = await openTestDatabase();
});
afterEach(async () => {
  await db.close();
});

describe('ensureFirstAdmin', () => {
  it('creates the admin and a default team with them as lead, logs it without the password, and signs in', async () => {
    const lines: string[] = [];
    const result = await ensureFirstAdmin(db, config, { newId, log: (line) => lines.push(line) });
    expect(result).toEqual({ created: true, email: 'chief@example.org', teamName: defaultTeamName });
    expect(await listUsers(db)).toEqual([expect.objectContaining({ email: 'chief@example.org', isAdmin: true, isDisabled: false })]);
    const teams = await listTeams(db);
    expect(teams).toEqual([expect.objectContaining({ name: defaultTeamName, members: [expect.objectContaining({ email: 'chief@example.org', role: 'lead' })] })]);
    expect(lines.join('\n')).toMatch(/first admin/);
    expect(lines.join('\n')).not.toContain(config.adminPassword);

    const server = await createTestServer({ db });
    try {
      const session = await server.login('chief@example.org', config.adminPassword);
      expect(session.user.isAdmin).toBe(true);
      expect(session.teams).toEqual([expect.objectContaining({ teamName: defaultTeamName, role: 'lead' })]);
    } finally {
      await server.close();
    }
  });

  it('does nothing once any user exists', async () => {
    await ensureFirstAdmin(db, config, { newId });
    expect(await ensureFirstAdmin(db, { adminEmail: 'other@example.org', adminPassword: 'another long password' }, { newId })).toEqual({ created: false, reason: 'users-exist' });
    expect((await listUsers(db)).map((user) => user.email)).toEqual(['chief@example.org']);
    expect(await listTeams(db)).toHaveLength(1);
  });

  it('leaves an empty database empty without the variables, with a hint', async () => {
    const lines: string[] = [];
    expect(await ensureFirstAdmin(db, { adminEmail: undefined, adminPassword: undefined }, { newId, log: (line) => lines.push(line) })).toEqual({ created: false, reason: 'not-configured' });
    expect(lines.join('\n')).toMatch(/FIREBREAK_ADMIN_EMAIL/);
    expect(await listUsers(db)).toEqual([]);
  });

  it('refuses half a configuration, a bad email or a weak password, and creates nothing', async () => {
    await expect(ensureFirstAdmin(db, { adminEmail: 'chief@example.org', adminPassword: undefined }, { newId })).rejects.toThrow(/both/);
    await expect(ensureFirstAdmin(db, { adminEmail: 'chief@example.org', adminPassword: 'short' }, { newId })).rejects.toThrow(/at least 12/);
    await expect(ensureFirstAdmin(db, { adminEmail: 'not-an-email', adminPassword: 'a long admin password' }, { newId })).rejects.toThrow(/email/);
    expect(await listUsers(db)).toEqual([]);
    expect(await listTeams(db)).toEqual([]);
  });
});
