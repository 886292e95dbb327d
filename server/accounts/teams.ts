/** Teams (the spaces synced rows belong to) and memberships with their role. */
import type { TeamMembership, TeamRole } from '../../shared/sync/protocol';
import { teamRoleSchema } from '../../shared/sync/protocol';
import { HttpError } from '../httpError';
import type { SqlExecutor } from '../storage/sqlDatabase';
import { resolveUser } from './users';
import { isUniqueViolation, teamNameSchema, type TeamRef, type UserRef } from './validation';

export type TeamRecord = { id: string; name: string };
export type TeamMember = { userId: string; email: string; name: string; role: TeamRole; isDisabled: boolean };
export type TeamWithMembers = TeamRecord & { members: TeamMember[] };

export async function createTeam(db: SqlExecutor, name: string, newId: () => string): Promise<TeamRecord> {
  const parsed = teamNameSchema.safeParse(name);
  if (!parsed.success) throw new HttpError(400, 'invalid-request', 'A team name needs 1 to 100 characters.');
  const existing = await db.query('select 1 from teams where lower(name) = lower($1)', [parsed.data]);
  if (existing.rows.length > 0) throw new HttpError(409, 'invalid-request', `A team named "${parsed.data}" already exists.`);
  try {
    const { rows } = await db.query<TeamRecord>('insert into teams (id, name) values ($1, $2) returning id, name', [newId(), parsed.data]);
    return rows[0]!;
  } catch (error) {
    if (isUniqueViolation(error)) throw new HttpError(409, 'invalid-request', `A team named "${parsed.data}" already exists.`);
    throw error;
  }
}

export async function resolveTeam(db: SqlExecutor, ref: TeamRef): Promise<TeamRecord> {
  const { rows } =
    'teamId' in ref
      ? await db.query<TeamRecord>('select id, name from teams where id = $1', [ref.teamId])
      : await db.query<TeamRecord>('select id, name from teams where lower(name) = lower($1)', [ref.teamName.trim()]);
  const team = rows[0];
  if (!team) throw new HttpError(404, 'invalid-request', 'teamId' in ref ? `There is no team with the id ${ref.teamId}.` : `There is no team named "${ref.teamName}".`);
  return team;
}

/** Adds a user to a team, or changes their role there. */
export async function setMembership(db: SqlExecutor, userRef: UserRef, teamRef: TeamRef, role: TeamRole): Promise<{ userId: string; email: string; team: TeamRecord; role: TeamRole }> {
  const parsedRole = teamRoleSchema.safeParse(role);
  if (!parsedRole.success) throw new HttpError(400, 'invalid-request', `A role is one of ${teamRoleSchema.options.join(', ')}.`);
  const user = await resolveUser(db, userRef);
  const team = await resolveTeam(db, teamRef);
  await db.query(
    `insert into memberships (user_id, team_id, role) values ($1, $2, $3)
     on conflict (user_id, team_id) do update set role = excluded.role`,
    [user.id, team.id, parsedRole.data],
  );
  return { userId: user.id, email: user.email, team, role: parsedRole.data };
}

/** Removes a user from a team; their sync requests for it are refused from the next request on. */
export async function removeMembership(db: SqlExecutor, userRef: UserRef, teamRef: TeamRef): Promise<void> {
  const user = await resolveUser(db, userRef);
  const team = await resolveTeam(db, teamRef);
  const result = await db.query('delete from memberships where user_id = $1 and team_id = $2', [user.id, team.id]);
  if (result.rowCount === 0) throw new HttpError(404, 'invalid-request', `${user.email} is not a member of "${team.name}".`);
}

/** The teams a user belongs to, with their role, in the session's shape. */
export async function teamsOfUser(db: SqlExecutor, userId: string): Promise<TeamMembership[]> {
  const { rows } = await db.query<{ team_id: string; team_name: string; role: string }>(
    'select t.id as team_id, t.name as team_name, m.role from memberships m join teams t on t.id = m.team_id where m.user_id = $1 order by t.name',
    [userId],
  );
  return rows.map((row) => ({ teamId: row.team_id, teamName: row.team_name, role: teamRoleSchema.parse(row.role) }));
}

export async function listTeams(db: SqlExecutor): Promise<TeamWithMembers[]> {
  const teams = await db.query<TeamRecord>('select id, name from teams order by name');
  const members = await db.query<{ team_id: string; user_id: string; email: string; name: string; role: string; is_disabled: boolean }>(
    'select m.team_id, u.id as user_id, u.email, u.name, m.role, u.is_disabled from memberships m join users u on u.id = m.user_id order by u.email',
  );
  return teams.rows.map((team) => ({
    ...team,
    members: members.rows
      .filter((member) => member.team_id === team.id)
      .map((member) => ({ userId: member.user_id, email: member.email, name: member.name, role: teamRoleSchema.parse(member.role), isDisabled: member.is_disabled })),
  }));
}
