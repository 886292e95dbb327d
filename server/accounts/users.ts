/** Users: create, find, disable and enable, change password, list. */
import { hashPassword, passwordProblem, type ScryptParams } from '../auth/passwords';
import { revokeUserSessions } from '../auth/sessions';
import { HttpError } from '../httpError';
import type { SqlExecutor } from '../storage/sqlDatabase';
import { emailSchema, isUniqueViolation, personNameSchema, type UserRef } from './validation';

export type UserRecord = { id: string; email: string; name: string; isAdmin: boolean; isDisabled: boolean };

type UserRow = { id: string; email: string; name: string; is_admin: boolean; is_disabled: boolean };

const userColumns = 'id, email, name, is_admin, is_disabled';

function toUser(row: UserRow): UserRecord {
  return { id: row.id, email: row.email, name: row.name, isAdmin: row.is_admin, isDisabled: row.is_disabled };
}

export type NewUser = { email: string; name: string; password: string; isAdmin?: boolean | undefined };

export type CreateUserOptions = {
  newId: () => string;
  /** Lower cost for tests only; production uses the defaults. */
  scrypt?: ScryptParams;
  /** Tests may create users with short passwords; every real entry point enforces the rule. */
  enforcePasswordPolicy?: boolean;
};

export function normaliseEmail(email: string): string {
  const parsed = emailSchema.safeParse(email);
  if (!parsed.success) throw new HttpError(400, 'invalid-request', `"${email.slice(0, 80)}" is not an email address.`);
  return parsed.data;
}

function checkPassword(password: string): void {
  const problem = passwordProblem(password);
  if (problem) throw new HttpError(400, 'invalid-request', problem);
}

export async function createUser(db: SqlExecutor, input: NewUser, options: CreateUserOptions): Promise<UserRecord> {
  const email = normaliseEmail(input.email);
  const name = personNameSchema.safeParse(input.name);
  if (!name.success) throw new HttpError(400, 'invalid-request', 'A name needs 1 to 200 characters.');
  if (options.enforcePasswordPolicy !== false) checkPassword(input.password);
  if (await findUserByEmail(db, email)) throw new HttpError(409, 'invalid-request', `A user with the email ${email} already exists.`);
  const passwordHash = await hashPassword(input.password, options.scrypt);
  try {
    const { rows } = await db.query<UserRow>(
      `insert into users (id, email, name, password_hash, is_admin) values ($1, $2, $3, $4, $5) returning ${userColumns}`,
      [options.newId(), email, name.data, passwordHash, input.isAdmin ?? false],
    );
    return toUser(rows[0]!);
  } catch (error) {
    if (isUniqueViolation(error)) throw new HttpError(409, 'invalid-request', `A user with the email ${email} already exists.`);
    throw error;
  }
}

export async function findUserByEmail(db: SqlExecutor, email: string): Promise<UserRecord | undefined> {
  const { rows } = await db.query<UserRow>(`select ${userColumns} from users where email = $1`, [email.trim().toLowerCase()]);
  return rows[0] ? toUser(rows[0]) : undefined;
}

export async function findUserById(db: SqlExecutor, userId: string): Promise<UserRecord | undefined> {
  const { rows } = await db.query<UserRow>(`select ${userColumns} from users where id = $1`, [userId]);
  return rows[0] ? toUser(rows[0]) : undefined;
}

/** The user a reference names, or a 404 that says which one is missing. */
export async function resolveUser(db: SqlExecutor, ref: UserRef): Promise<UserRecord> {
  const user = 'userId' in ref ? await findUserById(db, ref.userId) : await findUserByEmail(db, ref.email);
  if (!user) throw new HttpError(404, 'invalid-request', 'userId' in ref ? `There is no user with the id ${ref.userId}.` : `There is no user with the email ${ref.email}.`);
  return user;
}

/** For login: the user with their password hash. */
export async function findLoginUser(db: SqlExecutor, email: string): Promise<(UserRecord & { passwordHash: string }) | undefined> {
  const { rows } = await db.query<UserRow & { password_hash: string }>(`select ${userColumns}, password_hash from users where email = $1`, [email]);
  return rows[0] ? { ...toUser(rows[0]), passwordHash: rows[0].password_hash } : undefined;
}

export async function setPasswordHash(db: SqlExecutor, userId: string, passwordHash: string): Promise<void> {
  await db.query('update users set password_hash = $2 where id = $1', [userId, passwordHash]);
}

/** Sets a new password and signs the user out everywhere. */
export async function changePassword(db: SqlExecutor, ref: UserRef, password: string, nowMs: number): Promise<UserRecord> {
  checkPassword(password);
  const user = await resolveUser(db, ref);
  await setPasswordHash(db, user.id, await hashPassword(password));
  await revokeUserSessions(db, user.id, nowMs);
  return user;
}

/** Disables an account and revokes its sessions at once; its data and memberships stay. */
export async function disableUser(db: SqlExecutor, ref: UserRef, nowMs: number): Promise<UserRecord> {
  const user = await resolveUser(db, ref);
  if (user.isAdmin && !user.isDisabled) {
    const { rows } = await db.query<{ count: number }>('select count(*)::int as count from users where is_admin and not is_disabled');
    if ((rows[0]?.count ?? 0) <= 1) throw new HttpError(409, 'invalid-request', `${user.email} is the last active admin; make someone else an admin first.`);
  }
  await db.query('update users set is_disabled = true where id = $1', [user.id]);
  await revokeUserSessions(db, user.id, nowMs);
  return { ...user, isDisabled: true };
}

export async function enableUser(db: SqlExecutor, ref: UserRef): Promise<UserRecord> {
  const user = await resolveUser(db, ref);
  await db.query('update users set is_disabled = false where id = $1', [user.id]);
  return { ...user, isDisabled: false };
}

export async function listUsers(db: SqlExecutor): Promise<UserRecord[]> {
  const { rows } = await db.query<UserRow>(`select ${userColumns} from users order by email`);
  return rows.map(toUser);
}

export async function countUsers(db: SqlExecutor): Promise<number> {
  const { rows } = await db.query<{ count: number }>('select count(*)::int as count from users');
  return rows[0]?.count ?? 0;
}
