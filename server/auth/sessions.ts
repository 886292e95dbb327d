/**
 * Sessions: a short-lived access token and a longer-lived refresh token, both opaque and stored
 * only as SHA-256 hashes. A refresh rotates both; the replaced refresh token is remembered, and
 * presenting it again (a copy was stolen, or an attacker raced the owner) revokes the whole
 * session, so both the thief and the owner must sign in again. Logout revokes the session.
 *
 * The refresh expiry slides: each rotation grants another `refreshTokenTtlSeconds`, so a device
 * that syncs now and then stays signed in, and one unused for that long must sign in again.
 */
import { randomUUID } from 'node:crypto';
import type { ServerConfig } from '../config';
import type { SqlDatabase, SqlExecutor } from '../storage/sqlDatabase';
import { hashToken, newToken } from './tokens';

export type SessionTokens = {
  sessionId: string;
  userId: string;
  deviceId: string;
  accessToken: string;
  refreshToken: string;
  /** Seconds until the access token expires. */
  expiresIn: number;
};

export type SessionTtls = Pick<ServerConfig, 'accessTokenTtlSeconds' | 'refreshTokenTtlSeconds'>;

/** Why a refresh was refused (for the log; the client always gets the same answer). */
export type RotateFailure = 'unknown' | 'expired' | 'revoked' | 'reused' | 'disabled';

const toTimestamp = (position: number) => `to_timestamp($${position} / 1000.0)`;

export async function createSession(
  db: SqlExecutor,
  userId: string,
  deviceId: string,
  nowMs: number,
  config: SessionTtls,
  newId: () => string = randomUUID,
): Promise<SessionTokens> {
  const sessionId = newId();
  const accessToken = newToken();
  const refreshToken = newToken();
  await db.query(
    `insert into sessions (id, user_id, device_id, access_token_hash, access_expires_at, refresh_token_hash, refresh_expires_at, created_at)
     values ($1, $2, $3, $4, ${toTimestamp(5)}, $6, ${toTimestamp(7)}, ${toTimestamp(8)})`,
    [sessionId, userId, deviceId, hashToken(accessToken), nowMs + config.accessTokenTtlSeconds * 1000, hashToken(refreshToken), nowMs + config.refreshTokenTtlSeconds * 1000, nowMs],
  );
  return { sessionId, userId, deviceId, accessToken, refreshToken, expiresIn: config.accessTokenTtlSeconds };
}

type SessionRow = { id: string; user_id: string; device_id: string; revoked: boolean; expired: boolean; is_disabled: boolean };

/**
 * Trades a refresh token for a new pair. Returns the failure reason instead when the token is
 * unknown, expired, revoked, already used (which revokes the session) or its user is disabled.
 */
export async function rotateSession(db: SqlDatabase, refreshToken: string, nowMs: number, config: SessionTtls): Promise<SessionTokens | { failure: RotateFailure }> {
  const presentedHash = hashToken(refreshToken);
  return db.transaction(async (tx) => {
    // `for update` makes two concurrent refreshes with the same token take turns: the second
    // then finds the token retired and treats it as reuse.
    const current = await tx.query<SessionRow>(
      `select s.id, s.user_id, s.device_id, s.revoked_at is not null as revoked, s.refresh_expires_at <= ${toTimestamp(2)} as expired, u.is_disabled
         from sessions s join users u on u.id = s.user_id
        where s.refresh_token_hash = $1
        for update of s`,
      [presentedHash, nowMs],
    );
    const session = current.rows[0];
    if (!session) {
      const retired = await tx.query<{ session_id: string }>('select session_id from retired_refresh_tokens where token_hash = $1', [presentedHash]);
      const reusedSession = retired.rows[0]?.session_id;
      if (!reusedSession) return { failure: 'unknown' as const };
      await revokeSession(tx, reusedSession, nowMs);
      return { failure: 'reused' as const };
    }
    if (session.revoked) return { failure: 'revoked' as const };
    if (session.expired) return { failure: 'expired' as const };
    if (session.is_disabled) {
      await revokeSession(tx, session.id, nowMs);
      return { failure: 'disabled' as const };
    }
    const accessToken = newToken();
    const nextRefreshToken = newToken();
    await tx.query(`insert into retired_refresh_tokens (token_hash, session_id, retired_at) values ($1, $2, ${toTimestamp(3)})`, [presentedHash, session.id, nowMs]);
    await tx.query(
      `update sessions set access_token_hash = $2, access_expires_at = ${toTimestamp(3)}, refresh_token_hash = $4, refresh_expires_at = ${toTimestamp(5)}
        where id = $1`,
      [session.id, hashToken(accessToken), nowMs + config.accessTokenTtlSeconds * 1000, hashToken(nextRefreshToken), nowMs + config.refreshTokenTtlSeconds * 1000],
    );
    return {
      sessionId: session.id,
      userId: session.user_id,
      deviceId: session.device_id,
      accessToken,
      refreshToken: nextRefreshToken,
      expiresIn: config.accessTokenTtlSeconds,
    };
  });
}

export async function revokeSession(db: SqlExecutor, sessionId: string, nowMs: number): Promise<void> {
  await db.query(`update sessions set revoked_at = ${toTimestamp(2)} where id = $1 and revoked_at is null`, [sessionId, nowMs]);
}

/** Signs a user out everywhere (disabling an account, changing its password). */
export async function revokeUserSessions(db: SqlExecutor, userId: string, nowMs: number): Promise<number> {
  const result = await db.query(`update sessions set revoked_at = ${toTimestamp(2)} where user_id = $1 and revoked_at is null`, [userId, nowMs]);
  return result.rowCount;
}

/** Drops a user's sessions that can no longer be used: refresh expired, or revoked a week ago. */
export async function pruneUserSessions(db: SqlExecutor, userId: string, nowMs: number): Promise<void> {
  await db.query(
    `delete from sessions where user_id = $1 and (refresh_expires_at <= ${toTimestamp(2)} or revoked_at <= ${toTimestamp(2)} - interval '7 days')`,
    [userId, nowMs],
  );
}
