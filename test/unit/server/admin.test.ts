// @vitest-environment node
/** The admin routes: users, teams and memberships, for admins only. */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Session } from '../../../shared/sync/protocol';
import { createTestServer, testPassword, type TestServer } from '../../support/serverHarness';

let server: TestServer;
let admin: Session;
let lead: Session;

beforeEach(async () => {
  server = await createTestServer();
  admin = (await server.signedInUser('admin@example.org', {}, { isAdmin: true })).session;
  lead = (await server.signedInUser('lead@example.org', { 'Blue team': 'lead' })).session;
});
afterEach(async () => {
  await server.close();
});

const post = (url: string, payload: object, session?: Session) =>
  server.inject({ method: 'POST', url, payload, headers: session ? server.authHeaders(session) : {} });
const get = (url: string, session?: Session) => server.inject({ method: 'GET', url, headers: session ? server.authHeaders(session) : {} });

const adminCalls: [string, string, object?][] = [
  ['GET', '/admin/users'],
  ['GET', '/admin/teams'],
  ['POST', '/admin/users', { email: 'new@example.org', name: 'New', password: 'long enough password' }],
  ['POST', '/admin/users/disable', { email: 'admin@example.org' }],
  ['POST', '/admin/users/enable', { email: 'admin@example.org' }],
  ['POST', '/admin/teams', { name: 'Red team' }],
  ['POST', '/admin/memberships', { email: 'lead@example.org', teamName: 'Blue team', role: 'viewer' }],
  ['POST', '/admin/memberships/remove', { email: 'lead@example.org', teamName: 'Blue team' }],
];

describe('admin routes', () => {
  it.each(adminCalls)('%s %s refuses the unauthenticated (401) and non-admins, even team leads (403)', async (method, url, payload) => {
    const call = (session?: Session) => server.inject({ method: method as 'GET' | 'POST', url, headers: session ? server.authHeaders(session) : {}, ...(payload ? { payload } : {}) });
    expect((await call()).statusCode).toBe(401);
    const refused = await call(lead);
    expect(refused.statusCode).toBe(403);
    expect(refused.json().error).toBe('forbidden');
    // Nothing changed.
    const users = (await get('/admin/users', admin)).json().users;
    expect(users.map((user: { email: string }) => user.email).sort()).toEqual(['admin@example.org', 'lead@example.org']);
    expect(users.every((user: { isDisabled: boolean }) => !user.isDisabled)).toBe(true);
  });

  it('creates a user who can then sign in; refuses duplicates, weak passwords and unknown fields', async () => {
    const created = await post('/admin/users', { email: 'New@Example.org', name: 'New Person', password: 'long enough password' }, admin);
    expect(created.statusCode).toBe(201);
    expect(created.json().user).toMatchObject({ email: 'new@example.org', name: 'New Person', isAdmin: false, isDisabled: false });
    expect(JSON.stringify(created.json())).not.toMatch(/password|scrypt/i);
    expect((await server.login('new@example.org', 'long enough password')).user.email).toBe('new@example.org');

    expect((await post('/admin/users', { email: 'new@example.org', name: 'Again', password: 'long enough password' }, admin)).statusCode).toBe(409);
    const weak = await post('/admin/users', { email: 'weak@example.org', name: 'Weak', password: 'short' }, admin);
    expect(weak.statusCode).toBe(400);
    expect((await post('/admin/users', { email: 'x@example.org', name: 'X', password: 'long enough password', role: 'admin' }, admin)).statusCode).toBe(400);
    expect((await post('/admin/users', { email: 'x@example.org', name: 'x'.repeat(201), password: 'long enough password' }, admin)).statusCode).toBe(400);
  });

  it('manages teams and memberships; /auth/me and the team list reflect them', async () => {
    const team = await post('/admin/teams', { name: 'Red team' }, admin);
    expect(team.statusCode).toBe(201);
    const teamId = team.json().team.id as string;
    expect((await post('/admin/teams', { name: 'red TEAM' }, admin)).statusCode).toBe(409);

    const added = await post('/admin/memberships', { email: 'lead@example.org', teamId, role: 'trainer' }, admin);
    expect(added.statusCode).toBe(200);
    expect(added.json().membership).toMatchObject({ teamId, teamName: 'Red team', role: 'trainer' });
    // Changing the role is the same call.
    expect((await post('/admin/memberships', { email: 'lead@example.org', teamName: 'Red team', role: 'viewer' }, admin)).statusCode).toBe(200);
    const me = (await get('/auth/me', lead)).json();
    expect(me.teams.map((t: { teamName: string; role: string }) => `${t.teamName}:${t.role}`)).toEqual(['Blue team:lead', 'Red team:viewer']);

    const teams = (await get('/admin/teams', admin)).json().teams;
    expect(teams.find((t: { name: string }) => t.name === 'Red team').members).toEqual([expect.objectContaining({ email: 'lead@example.org', role: 'viewer' })]);

    expect((await post('/admin/memberships/remove', { email: 'lead@example.org', teamName: 'Red team' }, admin)).statusCode).toBe(200);
    expect((await get('/auth/me', lead)).json().teams).toHaveLength(1);
    expect((await post('/admin/memberships/remove', { email: 'lead@example.org', teamName: 'Red team' }, admin)).statusCode).toBe(404);
  });

  it('validates membership requests: one user reference, one team reference, a known role', async () => {
    for (const payload of [
      { teamName: 'Blue team', role: 'viewer' },
      { email: 'lead@example.org', userId: 'x', teamName: 'Blue team', role: 'viewer' },
      { email: 'lead@example.org', role: 'viewer' },
      { email: 'lead@example.org', teamName: 'Blue team', role: 'admin' },
      { email: 'lead@example.org', teamName: 'Blue team', role: 'viewer', extra: true },
    ]) {
      expect((await post('/admin/memberships', payload, admin)).statusCode).toBe(400);
    }
    expect((await post('/admin/memberships', { email: 'nobody@example.org', teamName: 'Blue team', role: 'viewer' }, admin)).statusCode).toBe(404);
    expect((await post('/admin/memberships', { email: 'lead@example.org', teamName: 'No team', role: 'viewer' }, admin)).statusCode).toBe(404);
  });

  it('disables a user (their sessions end at once) and enables them again; not yourself', async () => {
    const disabled = await post('/admin/users/disable', { email: 'lead@example.org' }, admin);
    expect(disabled.statusCode).toBe(200);
    expect((await get('/auth/me', lead)).statusCode).toBe(401);
    await expect(server.login('lead@example.org')).rejects.toThrow(/401/);
    expect((await post('/admin/users/enable', { email: 'lead@example.org' }, admin)).statusCode).toBe(200);
    expect((await server.login('lead@example.org', testPassword)).user.email).toBe('lead@example.org');

    const self = await post('/admin/users/disable', { email: 'admin@example.org' }, admin);
    expect(self.statusCode).toBe(409);
    expect((await get('/admin/users', admin)).statusCode).toBe(200);
  });
});
