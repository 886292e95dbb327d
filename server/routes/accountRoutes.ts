/**
 * Sign-in and account administration.
 *
 * /auth/login, /auth/refresh, /auth/logout, /auth/me: sessions for the app (the schema-version
 * header is required on these, as on /sync/). /admin/*: user, team and membership management,
 * for admins only. Every body is a strict schema with length caps: unknown fields are refused.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { loginRequestSchema, refreshRequestSchema, teamRoleSchema, type ErrorResponse, type Session } from '../../shared/sync/protocol';
import { deviceCodeOf, registerDevice } from '../accounts/devices';
import { listTeams, createTeam, removeMembership, setMembership, teamsOfUser } from '../accounts/teams';
import { createUser, disableUser, enableUser, findLoginUser, findUserById, listUsers, setPasswordHash, type UserRecord } from '../accounts/users';
import { emailSchema, idSchema, newPasswordSchema, personNameSchema, teamNameSchema, type TeamRef, type UserRef } from '../accounts/validation';
import type { ServerContext } from '../app';
import { authenticate } from '../auth/authenticate';
import type { AuthenticatedUser } from '../auth/authenticatedUser';
import { LoginRateLimiter } from '../auth/loginRateLimiter';
import { dummyVerifyPassword, hashPassword, needsRehash, prepareDummyHash, verifyPassword } from '../auth/passwords';
import { createSession, pruneUserSessions, revokeSession, rotateSession, type SessionTokens } from '../auth/sessions';
import { HttpError } from '../httpError';

export const wrongCredentialsMessage = 'Email or password is wrong.';

const userRefFields = { userId: idSchema.optional(), email: emailSchema.optional() };
const teamRefFields = { teamId: idSchema.optional(), teamName: teamNameSchema.optional() };
const exactlyOne = (a: unknown, b: unknown) => (a === undefined) !== (b === undefined);

const createUserSchema = z.strictObject({ email: emailSchema, name: personNameSchema, password: newPasswordSchema, isAdmin: z.boolean().optional() });
const createTeamSchema = z.strictObject({ name: teamNameSchema });
const userRefSchema = z.strictObject(userRefFields).refine((body) => exactlyOne(body.userId, body.email), 'Give either userId or email');
const membershipSchema = z
  .strictObject({ ...userRefFields, ...teamRefFields, role: teamRoleSchema })
  .refine((body) => exactlyOne(body.userId, body.email), 'Give either userId or email')
  .refine((body) => exactlyOne(body.teamId, body.teamName), 'Give either teamId or teamName');
const membershipRemovalSchema = z
  .strictObject({ ...userRefFields, ...teamRefFields })
  .refine((body) => exactlyOne(body.userId, body.email), 'Give either userId or email')
  .refine((body) => exactlyOne(body.teamId, body.teamName), 'Give either teamId or teamName');

const toUserRef = (body: { userId?: string | undefined; email?: string | undefined }): UserRef => (body.userId !== undefined ? { userId: body.userId } : { email: body.email! });
const toTeamRef = (body: { teamId?: string | undefined; teamName?: string | undefined }): TeamRef => (body.teamId !== undefined ? { teamId: body.teamId } : { teamName: body.teamName! });

const publicUser = (user: UserRecord) => ({ id: user.id, email: user.email, name: user.name, isAdmin: user.isAdmin });

export function registerAccountRoutes(app: FastifyInstance, context: ServerContext): void {
  const { db, config } = context;
  const limiter = new LoginRateLimiter();
  // The dummy hash for unknown emails is ready before the first login, so that one is not slower.
  void prepareDummyHash();

  const wrongCredentials = () => new HttpError(401, 'unauthenticated', wrongCredentialsMessage);

  async function sessionAnswer(tokens: SessionTokens, user: UserRecord, deviceCode: string): Promise<Session> {
    return {
      accessToken: tokens.accessToken,
      refreshToken: tokens.refreshToken,
      expiresIn: tokens.expiresIn,
      user: publicUser(user),
      teams: await teamsOfUser(db, user.id),
      deviceCode,
    };
  }

  async function requireAdmin(request: FastifyRequest): Promise<AuthenticatedUser> {
    const auth = await authenticate(request, db, context.nowMs());
    if (!auth.isAdmin) throw new HttpError(403, 'forbidden', 'Only an admin can manage users and teams.');
    return auth;
  }

  app.post('/auth/login', async (request, reply) => {
    const body = loginRequestSchema.parse(request.body);
    const nowMs = context.nowMs();
    const verdict = limiter.check(body.email, request.ip, nowMs);
    if (!verdict.allowed) {
      request.log.warn({ scope: verdict.scope }, 'login rate-limited');
      const answer: ErrorResponse = { error: 'rate-limited', message: `Too many sign-in attempts. Try again in ${Math.ceil(verdict.retryAfterSeconds / 60)} minute(s).` };
      return reply.code(429).header('retry-after', String(verdict.retryAfterSeconds)).send(answer);
    }
    limiter.recordAttempt(request.ip, nowMs);

    const user = await findLoginUser(db, body.email);
    const passwordOk = user ? await verifyPassword(body.password, user.passwordHash) : await dummyVerifyPassword(body.password);
    if (!user || !passwordOk || user.isDisabled) {
      limiter.recordFailure(body.email, nowMs);
      request.log.warn({ reason: !user ? 'unknown-account' : !passwordOk ? 'wrong-password' : 'account-disabled' }, 'login failed');
      throw wrongCredentials();
    }
    limiter.recordSuccess(body.email);
    if (needsRehash(user.passwordHash)) await setPasswordHash(db, user.id, await hashPassword(body.password));

    const deviceCode = await registerDevice(db, user.id, body.deviceId, nowMs);
    await pruneUserSessions(db, user.id, nowMs);
    const tokens = await createSession(db, user.id, body.deviceId, nowMs, config, context.newId);
    request.log.info({ userId: user.id }, 'signed in');
    return sessionAnswer(tokens, user, deviceCode);
  });

  app.post('/auth/refresh', async (request) => {
    const body = refreshRequestSchema.parse(request.body);
    const rotated = await rotateSession(db, body.refreshToken, context.nowMs(), config);
    if ('failure' in rotated) {
      request.log.warn({ reason: rotated.failure }, rotated.failure === 'reused' ? 'refresh token reused: session revoked' : 'refresh refused');
      throw new HttpError(401, 'unauthenticated', 'Your session has expired or was signed out. Sign in again.');
    }
    const user = await findUserById(db, rotated.userId);
    const deviceCode = await deviceCodeOf(db, rotated.deviceId);
    if (!user || !deviceCode) throw new HttpError(401, 'unauthenticated', 'Your session has expired or was signed out. Sign in again.');
    return sessionAnswer(rotated, user, deviceCode);
  });

  app.post('/auth/logout', async (request, reply) => {
    const auth = await authenticate(request, db, context.nowMs());
    await revokeSession(db, auth.sessionId, context.nowMs());
    return reply.code(204).send();
  });

  app.get('/auth/me', async (request) => {
    const auth = await authenticate(request, db, context.nowMs());
    const user = await findUserById(db, auth.userId);
    if (!user) throw new HttpError(401, 'unauthenticated', 'Sign in again.');
    return { user: publicUser(user), teams: await teamsOfUser(db, auth.userId), deviceCode: (await deviceCodeOf(db, auth.deviceId)) ?? null };
  });

  // ------------------------------------------------------------------ admin

  app.get('/admin/users', async (request) => {
    await requireAdmin(request);
    const users = await listUsers(db);
    return { users: users.map((user) => ({ ...publicUser(user), isDisabled: user.isDisabled })) };
  });

  app.post('/admin/users', async (request, reply: FastifyReply) => {
    await requireAdmin(request);
    const body = createUserSchema.parse(request.body);
    const user = await createUser(db, body, { newId: context.newId });
    request.log.info({ userId: user.id }, 'user created');
    return reply.code(201).send({ user: { ...publicUser(user), isDisabled: user.isDisabled } });
  });

  app.post('/admin/users/disable', async (request) => {
    const auth = await requireAdmin(request);
    const ref = toUserRef(userRefSchema.parse(request.body));
    if (('userId' in ref && ref.userId === auth.userId) || ('email' in ref && ref.email === auth.email)) {
      throw new HttpError(409, 'invalid-request', 'You cannot disable your own account.');
    }
    const user = await disableUser(db, ref, context.nowMs());
    request.log.info({ userId: user.id }, 'user disabled');
    return { user: { ...publicUser(user), isDisabled: true } };
  });

  app.post('/admin/users/enable', async (request) => {
    await requireAdmin(request);
    const user = await enableUser(db, toUserRef(userRefSchema.parse(request.body)));
    request.log.info({ userId: user.id }, 'user enabled');
    return { user: { ...publicUser(user), isDisabled: false } };
  });

  app.get('/admin/teams', async (request) => {
    await requireAdmin(request);
    return { teams: await listTeams(db) };
  });

  app.post('/admin/teams', async (request, reply: FastifyReply) => {
    await requireAdmin(request);
    const body = createTeamSchema.parse(request.body);
    const team = await createTeam(db, body.name, context.newId);
    request.log.info({ teamId: team.id }, 'team created');
    return reply.code(201).send({ team });
  });

  app.post('/admin/memberships', async (request) => {
    await requireAdmin(request);
    const body = membershipSchema.parse(request.body);
    const membership = await setMembership(db, toUserRef(body), toTeamRef(body), body.role);
    request.log.info({ userId: membership.userId, teamId: membership.team.id, role: membership.role }, 'membership set');
    return { membership: { userId: membership.userId, teamId: membership.team.id, teamName: membership.team.name, role: membership.role } };
  });

  app.post('/admin/memberships/remove', async (request) => {
    await requireAdmin(request);
    const body = membershipRemovalSchema.parse(request.body);
    await removeMembership(db, toUserRef(body), toTeamRef(body));
    return { removed: true };
  });
}
