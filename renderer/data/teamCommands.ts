/**
 * Commands that change responder teams: create, rename or describe, add a member, change a
 * member's role, remove a member, delete (a tombstone). Teams are team policy, so each command
 * first checks that the profile is a lead's or an administrator's; the team server checks the
 * same again for the synced copy. Each validates with shared/domain/team.ts and writes through
 * runWriteCommand, so the change is queued for sync in the same transaction.
 *
 * Members are one field (a list) on the team row, so concurrent member edits on two offline
 * devices merge as one value: the later edit's list wins, and the other list goes to the
 * conflict log with a way to re-apply it (see README "Responder teams").
 */
import { appRoleLabels, type PersonRef, type Profile } from '../../shared/domain/people';
import {
  addTeamMemberInputSchema,
  canEditTeams,
  collectKnownPeople,
  findPersonByName,
  responderTeamSchema,
  teamMemberRoleSchema,
  validateTeamDetails,
  withMemberAdded,
  withMemberRemoved,
  withMemberRole,
  type ResponderTeam,
  type TeamMember,
} from '../../shared/domain/team';
import { zodErrorsToFieldErrors, type Validated } from '../../shared/domain/incident';
import type { StoredResponderTeam } from '../db/database';
import { commandFailed, type CommandResult, type DataEnvironment } from './dataEnvironment';
import { readProfile, toPersonRef } from './profile';
import { runWriteCommand, type ChangeRecorder } from './writeTransaction';

const missingTeam = 'That team no longer exists (it may have been deleted on another device).';

function withoutSyncColumns(row: StoredResponderTeam): ResponderTeam {
  const { fieldStamps: _stamps, localSeq: _seq, ...team } = row;
  return team;
}

/** The profile, when it may change teams; otherwise the reason it may not. */
async function requireTeamEditor(environment: DataEnvironment): Promise<CommandResult<Profile>> {
  const profile = await readProfile(environment);
  if (!profile) return commandFailed('Set up your profile first: every change records who made it.');
  if (!canEditTeams(profile.role)) {
    return commandFailed(`Only team leads and administrators can change teams; your profile role is ${appRoleLabels[profile.role]}.`);
  }
  return { ok: true, value: profile };
}

export async function createResponderTeam(environment: DataEnvironment, input: unknown): Promise<CommandResult<ResponderTeam>> {
  const editor = await requireTeamEditor(environment);
  if (!editor.ok) return editor;
  const { db } = environment;
  return runWriteCommand(environment, [db.responderTeams], async (recorder): Promise<CommandResult<ResponderTeam>> => {
    const validated = validateTeamDetails(input, await db.responderTeams.toArray(), null);
    if (!validated.ok) return validated;
    const team: ResponderTeam = {
      id: environment.newId(),
      name: validated.value.name,
      description: validated.value.description,
      members: [],
      createdAt: recorder.nowIso,
      updatedAt: recorder.nowIso,
      deletedAt: null,
    };
    await db.responderTeams.add(recorder.stampNew('responderTeams', team.id, team));
    return { ok: true, value: team };
  });
}

/** Renames a team and/or changes its description. */
export async function updateResponderTeamDetails(environment: DataEnvironment, teamId: string, input: unknown): Promise<CommandResult<ResponderTeam>> {
  const editor = await requireTeamEditor(environment);
  if (!editor.ok) return editor;
  const { db } = environment;
  return runWriteCommand(environment, [db.responderTeams], async (recorder): Promise<CommandResult<ResponderTeam>> => {
    const existing = await db.responderTeams.get(teamId);
    if (!existing || existing.deletedAt !== null) return commandFailed(missingTeam);
    const validated = validateTeamDetails(input, await db.responderTeams.toArray(), teamId);
    if (!validated.ok) return validated;
    if (validated.value.name === existing.name && validated.value.description === existing.description) return { ok: true, value: withoutSyncColumns(existing) };
    const updated = recorder.stampPatch('responderTeams', teamId, existing, { ...validated.value, updatedAt: recorder.nowIso });
    await db.responderTeams.put(updated);
    return { ok: true, value: withoutSyncColumns(updated) };
  });
}

/** Runs a change of the member list inside a command, validating the whole team before it is written. */
async function changeMembers(
  environment: DataEnvironment,
  teamId: string,
  change: (team: ResponderTeam, recorder: ChangeRecorder) => Promise<Validated<TeamMember[]>> | Validated<TeamMember[]>,
): Promise<CommandResult<ResponderTeam>> {
  const editor = await requireTeamEditor(environment);
  if (!editor.ok) return editor;
  const { db } = environment;
  return runWriteCommand(environment, [db.responderTeams], async (recorder): Promise<CommandResult<ResponderTeam>> => {
    const existing = await db.responderTeams.get(teamId);
    if (!existing || existing.deletedAt !== null) return commandFailed(missingTeam);
    const members = await change(withoutSyncColumns(existing), recorder);
    if (!members.ok) return members;
    const checked = responderTeamSchema.safeParse({ ...withoutSyncColumns(existing), members: members.value, updatedAt: recorder.nowIso });
    if (!checked.success) return { ok: false, errors: zodErrorsToFieldErrors(checked.error) };
    const updated = recorder.stampPatch('responderTeams', teamId, existing, { members: checked.data.members, updatedAt: recorder.nowIso });
    await db.responderTeams.put(updated);
    return { ok: true, value: withoutSyncColumns(updated) };
  });
}

/**
 * Adds someone the device knows (`person`) or a new person by name (`newPersonName`). A new name
 * that matches this device's profile or a member of any team is that person, not a second one
 * with the same name; anyone else gets a fresh id.
 */
export async function addTeamMember(environment: DataEnvironment, teamId: string, input: unknown): Promise<CommandResult<ResponderTeam>> {
  const parsed = addTeamMemberInputSchema.safeParse(input);
  if (!parsed.success) return { ok: false, errors: zodErrorsToFieldErrors(parsed.error) };
  const { person, newPersonName, role } = parsed.data;
  const profile = await readProfile(environment);
  return changeMembers(environment, teamId, async (team) => {
    let member: PersonRef;
    if (person) {
      member = person;
    } else {
      const teams = await environment.db.responderTeams.toArray();
      const known = collectKnownPeople(profile ? [toPersonRef(profile)] : [], ...teams.filter((other) => other.deletedAt === null).map((other) => other.members.map((existing) => existing.person)));
      member = findPersonByName(known, newPersonName!) ?? { id: environment.newId(), name: newPersonName! };
    }
    return withMemberAdded(team, { person: member, role });
  });
}

export async function changeTeamMemberRole(environment: DataEnvironment, teamId: string, personId: string, role: unknown): Promise<CommandResult<ResponderTeam>> {
  const parsedRole = teamMemberRoleSchema.safeParse(role);
  if (!parsedRole.success) return commandFailed('Choose member, lead or manager', 'role');
  return changeMembers(environment, teamId, (team) => withMemberRole(team, personId, parsedRole.data));
}

export async function removeTeamMember(environment: DataEnvironment, teamId: string, personId: string): Promise<CommandResult<ResponderTeam>> {
  return changeMembers(environment, teamId, (team) => withMemberRemoved(team, personId));
}

/**
 * Deleting is a tombstone: incidents and routing rules that name the team keep reading correctly,
 * and sync spreads the delete. A concurrent edit on another device does not bring it back; only
 * an explicit restore (deletedAt set to null by a newer change) would.
 */
export async function deleteResponderTeam(environment: DataEnvironment, teamId: string): Promise<CommandResult<ResponderTeam>> {
  const editor = await requireTeamEditor(environment);
  if (!editor.ok) return editor;
  const { db } = environment;
  return runWriteCommand(environment, [db.responderTeams], async (recorder): Promise<CommandResult<ResponderTeam>> => {
    const existing = await db.responderTeams.get(teamId);
    if (!existing || existing.deletedAt !== null) return commandFailed(missingTeam);
    const deleted = recorder.stampPatch('responderTeams', teamId, existing, { deletedAt: recorder.nowIso, updatedAt: recorder.nowIso }, 'delete');
    await db.responderTeams.put(deleted);
    return { ok: true, value: withoutSyncColumns(deleted) };
  });
}
