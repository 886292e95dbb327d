/** Resolves the bearer token of a request to its user, or refuses with 401. */
import type { FastifyRequest } from 'fastify';
import { teamRoleSchema } from '../../shared/sync/protocol';
import { HttpError } from '../httpError';
import type { SqlExecutor } from '../storage/sqlDatabase';
import type { AuthenticatedUser } from './authenticatedUser';
import { hashToken } from './tokens';

type SessionRow = { session_id: string; user_id: string; email: string; is_admin: boolean; device_id: string };

export async function authenticate(request: FastifyRequest, db: SqlExecutor, nowMs: number): Promise<AuthenticatedUser> {
  const header = request.headers.authorization ?? '';
  const match = /^Bearer ([A-Za-z0-9_-]{20,200})$/.exec(header);
  if (!match) throw new HttpError(401, 'unauthenticated', 'Sign in first: this request has no valid access token.');
  const { rows } = await db.query<SessionRow>(
    `select s.id as session_id, u.id as user_id, u.email, u.is_admin, s.device_id
       from sessions s join users u on u.id = s.user_id
      where s.access_token_hash = $1 and s.revoked_at is null and s.access_expires_at > to_timestamp($2 / 1000.0)
        and not u.is_disabled`,
    [hashToken(match[1]!), nowMs],
  );
  const session = rows[0];
  if (!session) throw new HttpError(401, 'unauthenticated', 'Your session has expired or was signed out. Sign in again.');
  const memberships = await db.query<{ team_id: string; role: string }>('select team_id, role from memberships where user_id = $1', [session.user_id]);
  return {
    userId: session.user_id,
    email: session.email,
    isAdmin: session.is_admin,
    sessionId: session.session_id,
    deviceId: session.device_id,
    memberships: new Map(memberships.rows.map((row) => [row.team_id, teamRoleSchema.parse(row.role)])),
  };
}
