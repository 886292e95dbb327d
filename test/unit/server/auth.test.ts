// @vitest-environment node
/**
 * Sign-in on the real server (PGlite, or PostgreSQL when DATABASE_URL is set): login, the rate
 * limits, access token expiry, refresh rotation with reuse detection, logout, disabled accounts
 * and device codes.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { deviceCodeFromId } from '../../../shared/domain/reference';
import { sessionSchema, type Session } from '../../../shared/sync/protocol';
import { disableUser } from '../../../server/accounts/users';
import { hashToken } from '../../../server/auth/tokens';
import { createTestServer, testPassword, type TestServer } from '../../support/serverHarness';

const minute = 60_000;
let server: TestServer;

beforeEach(async () => {
  server = await createTestServer();
  await server.createUser({ email: 'rosa@example.org', name: 'Rosa' });
  await server.createTeam('Blue team');
  await server.addMember('rosa@example.org', 'Blue team', 'responder');
});
afterEach(async () => {
  await server.close();
});

const login = (payload: unknown, remoteAddress = '10.1.1.1', headers: Record<string, string> = {}) =>
  server.inject({ method: 'POST', url: '/auth/login', payload: payload as object, remoteAddress, headers });
const me = (session: Pick<Session, 'accessToken'> | string) => server.inject({ method: 'GET', url: '/auth/me', headers: server.authHeaders(session) });
const refresh = (refreshToken: string) => server.inject({ method: 'POST', url: '/auth/refresh', payload: { refreshToken } });

describe('POST /auth/login', () => {
  it('returns a session with the user, their teams and the device code', async () => {
    const deviceId = '0190f0e0-1234-7abc-8def-0123456789ab';
    const response = await login({ email: '  Rosa@Example.org ', password: testPassword, deviceId });
    expect(response.statusCode).toBe(200);
    const session = sessionSchema.parse(response.json());
    expect(session.user).toMatchObject({ email: 'rosa@example.org', name: 'Rosa', isAdmin: false });
    expect(session.teams).toEqual([expect.objectContaining({ teamName: 'Blue team', role: 'responder' })]);
    expect(session.expiresIn).toBe(15 * 60);
    expect(session.deviceCode).toBe(deviceCodeFromId(deviceId));
    expect(session.accessToken).not.toBe(session.refreshToken);
    // Only hashes are stored.
    const stored = await server.db.query<{ access_token_hash: string; refresh_token_hash: string }>('select access_token_hash, refresh_token_hash from sessions');
    expect(stored.rows).toEqual([{ access_token_hash: hashToken(session.accessToken), refresh_token_hash: hashToken(session.refreshToken) }]);
    expect((await me(session)).json()).toMatchObject({ user: { email: 'rosa@example.org' }, deviceCode: session.deviceCode, teams: session.teams });
  });

  it('answers the same generic message for a wrong password, an unknown email and a disabled account', async () => {
    await server.createUser({ email: 'gone@example.org' });
    await server.createUser({ email: 'admin@example.org', isAdmin: true });
    await disableUser(server.db, { email: 'gone@example.org' }, server.now());
    const attempts = [
      { email: 'rosa@example.org', password: 'wrong password', deviceId: 'device-1' },
      { email: 'nobody@example.org', password: testPassword, deviceId: 'device-1' },
      { email: 'gone@example.org', password: testPassword, deviceId: 'device-1' },
    ];
    for (const attempt of attempts) {
      const response = await login(attempt);
      expect(response.statusCode).toBe(401);
      expect(response.json()).toEqual({ error: 'unauthenticated', message: 'Email or password is wrong.' });
    }
  });

  it('refuses unknown fields, missing fields and oversized values with 400', async () => {
    const valid = { email: 'rosa@example.org', password: testPassword, deviceId: 'device-1' };
    for (const payload of [{ ...valid, isAdmin: true }, { email: valid.email, password: valid.password }, { ...valid, email: 'not an email' }, { ...valid, password: 'x'.repeat(1025) }, { ...valid, deviceId: 'd'.repeat(129) }]) {
      const response = await login(payload);
      expect(response.statusCode).toBe(400);
      expect(response.json().error).toBe('invalid-request');
    }
    expect((await server.inject({ method: 'POST', url: '/auth/login', payload: 'not json', headers: { 'content-type': 'application/json' } })).statusCode).toBe(400);
  });

  it('keeps one device with one user: the same device gets its code back, another account is refused', async () => {
    const deviceId = '0190f0e0-1234-7abc-8def-0000000abcde';
    const first = await server.login('rosa@example.org', testPassword, deviceId);
    const second = await server.login('rosa@example.org', testPassword, deviceId);
    expect(second.deviceCode).toBe(first.deviceCode);
    await server.createUser({ email: 'mallory@example.org' });
    const stolen = await login({ email: 'mallory@example.org', password: testPassword, deviceId });
    expect(stolen.statusCode).toBe(403);
    expect(stolen.json().error).toBe('forbidden');
  });

  it('gives a device whose derived code is taken another free code', async () => {
    const first = await server.login('rosa@example.org', testPassword, '0190f0e0-1234-7abc-8def-000000012345');
    const second = await server.login('rosa@example.org', testPassword, '0190f0e0-9999-7abc-8def-100000012345');
    const odd = await server.login('rosa@example.org', testPassword, 'no-hex-here');
    expect(first.deviceCode).toBe(deviceCodeFromId('0190f0e0-1234-7abc-8def-000000012345'));
    expect(second.deviceCode).not.toBe(first.deviceCode);
    expect(new Set([first.deviceCode, second.deviceCode, odd.deviceCode]).size).toBe(3);
    for (const code of [second.deviceCode, odd.deviceCode]) expect(code).toMatch(/^[0-9A-HJKMNP-TV-Z]{4}$/);
  });
});

describe('login rate limits', () => {
  it('locks an account after 5 failures in 15 minutes, from any address, with Retry-After', async () => {
    for (let attempt = 0; attempt < 5; attempt += 1) {
      expect((await login({ email: 'rosa@example.org', password: 'guess', deviceId: 'd1' }, `10.0.0.${attempt}`)).statusCode).toBe(401);
    }
    const locked = await login({ email: 'rosa@example.org', password: testPassword, deviceId: 'd1' }, '10.9.9.9');
    expect(locked.statusCode).toBe(429);
    expect(locked.json().error).toBe('rate-limited');
    expect(Number(locked.headers['retry-after'])).toBeGreaterThan(14 * 60);
    expect(Number(locked.headers['retry-after'])).toBeLessThanOrEqual(15 * 60);
    // Other accounts are not affected.
    await server.createUser({ email: 'sam@example.org' });
    expect((await login({ email: 'sam@example.org', password: testPassword, deviceId: 'd2' }, '10.0.0.1')).statusCode).toBe(200);
    server.advance(15 * minute + 1000);
    expect((await login({ email: 'rosa@example.org', password: testPassword, deviceId: 'd1' })).statusCode).toBe(200);
  });

  it('counts failures for unknown emails too, so the limit does not reveal which exist', async () => {
    for (let attempt = 0; attempt < 5; attempt += 1) await login({ email: 'ghost@example.org', password: 'guess', deviceId: 'd1' });
    expect((await login({ email: 'ghost@example.org', password: 'guess', deviceId: 'd1' })).statusCode).toBe(429);
  });

  it('resets the account counter on success', async () => {
    for (let round = 0; round < 2; round += 1) {
      for (let attempt = 0; attempt < 4; attempt += 1) await login({ email: 'rosa@example.org', password: 'guess', deviceId: 'd1' });
      expect((await login({ email: 'rosa@example.org', password: testPassword, deviceId: 'd1' })).statusCode).toBe(200);
    }
  });

  it('limits one address to 30 attempts in 15 minutes across accounts, and ignores X-Forwarded-For', async () => {
    await server.createUser({ email: 'sam@example.org' });
    for (let attempt = 0; attempt < 30; attempt += 1) {
      const email = attempt % 2 ? 'rosa@example.org' : 'sam@example.org';
      expect((await login({ email, password: testPassword, deviceId: `d-${email}` }, '10.2.2.2')).statusCode).toBe(200);
    }
    const limited = await login({ email: 'rosa@example.org', password: testPassword, deviceId: 'd-rosa@example.org' }, '10.2.2.2', { 'x-forwarded-for': '203.0.113.7' });
    expect(limited.statusCode).toBe(429);
    expect(Number(limited.headers['retry-after'])).toBeGreaterThan(0);
    expect((await login({ email: 'rosa@example.org', password: testPassword, deviceId: 'd-rosa@example.org' }, '10.3.3.3')).statusCode).toBe(200);
  });

  it('uses X-Forwarded-For only when trustProxy is configured', async () => {
    const proxied = await createTestServer({ db: server.db, config: { trustProxy: true } });
    try {
      for (let attempt = 0; attempt < 30; attempt += 1) {
        await proxied.inject({ method: 'POST', url: '/auth/login', payload: { email: 'x@example.org', password: 'p', deviceId: 'd' }, remoteAddress: '127.0.0.1', headers: { 'x-forwarded-for': `203.0.113.${attempt}` } });
      }
      const response = await proxied.inject({ method: 'POST', url: '/auth/login', payload: { email: 'rosa@example.org', password: testPassword, deviceId: 'd' }, remoteAddress: '127.0.0.1', headers: { 'x-forwarded-for': '203.0.113.200' } });
      expect(response.statusCode).toBe(200);
    } finally {
      await proxied.close();
    }
  });
});

describe('tokens', () => {
  it('expires the access token after 15 minutes', async () => {
    const session = await server.login('rosa@example.org');
    server.advance(15 * minute - 1000);
    expect((await me(session)).statusCode).toBe(200);
    server.advance(2000);
    const expired = await me(session);
    expect(expired.statusCode).toBe(401);
    expect(expired.json().error).toBe('unauthenticated');
  });

  it('refuses requests without a bearer token or with a made-up one', async () => {
    expect((await server.inject({ method: 'GET', url: '/auth/me' })).statusCode).toBe(401);
    expect((await me('A'.repeat(43))).statusCode).toBe(401);
    expect((await server.inject({ method: 'GET', url: '/auth/me', headers: { authorization: 'Basic cm9zYTpwdw==' } })).statusCode).toBe(401);
  });

  it('rotates both tokens on refresh; the old ones stop working', async () => {
    const session = await server.login('rosa@example.org');
    server.advance(20 * minute);
    const response = await refresh(session.refreshToken);
    expect(response.statusCode).toBe(200);
    const next = sessionSchema.parse(response.json());
    expect(next.refreshToken).not.toBe(session.refreshToken);
    expect(next.accessToken).not.toBe(session.accessToken);
    expect(next.deviceCode).toBe(session.deviceCode);
    expect(next.teams).toEqual(session.teams);
    expect((await me(next)).statusCode).toBe(200);
    expect((await me(session)).statusCode).toBe(401);
  });

  it('revokes the whole session when a replaced refresh token is used again', async () => {
    const session = await server.login('rosa@example.org');
    const next = sessionSchema.parse((await refresh(session.refreshToken)).json());
    const third = sessionSchema.parse((await refresh(next.refreshToken)).json());
    // Someone replays the first refresh token (a stolen copy): refused, and the session is dead.
    const replay = await refresh(session.refreshToken);
    expect(replay.statusCode).toBe(401);
    expect((await me(third)).statusCode).toBe(401);
    expect((await refresh(third.refreshToken)).statusCode).toBe(401);
    // Other sessions of the same user are untouched.
    const other = await server.login('rosa@example.org');
    expect((await me(other)).statusCode).toBe(200);
  });

  it('refuses a refresh token after its lifetime', async () => {
    const session = await server.login('rosa@example.org');
    server.advance(server.config.refreshTokenTtlSeconds * 1000 + 1000);
    expect((await refresh(session.refreshToken)).statusCode).toBe(401);
  });

  it('refuses malformed refresh requests with 400 and unknown tokens with 401', async () => {
    expect((await server.inject({ method: 'POST', url: '/auth/refresh', payload: { refreshToken: 'short' } })).statusCode).toBe(400);
    expect((await server.inject({ method: 'POST', url: '/auth/refresh', payload: { refreshToken: 'x'.repeat(43), extra: 1 } })).statusCode).toBe(400);
    expect((await refresh('x'.repeat(43))).statusCode).toBe(401);
  });

  it('revokes the session on logout: access and refresh tokens both stop working', async () => {
    const session = await server.login('rosa@example.org');
    const out = await server.inject({ method: 'POST', url: '/auth/logout', headers: server.authHeaders(session) });
    expect(out.statusCode).toBe(204);
    expect((await me(session)).statusCode).toBe(401);
    expect((await refresh(session.refreshToken)).statusCode).toBe(401);
    expect((await server.inject({ method: 'POST', url: '/auth/logout', headers: server.authHeaders(session) })).statusCode).toBe(401);
  });

  it('cuts off a disabled user at once: their access and refresh tokens are refused', async () => {
    const session = await server.login('rosa@example.org');
    await disableUser(server.db, { email: 'rosa@example.org' }, server.now());
    expect((await me(session)).statusCode).toBe(401);
    expect((await refresh(session.refreshToken)).statusCode).toBe(401);
    expect((await login({ email: 'rosa@example.org', password: testPassword, deviceId: 'd1' })).statusCode).toBe(401);
  });
});
