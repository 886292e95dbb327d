/**
 * Responder teams and their members: the groups incidents are routed, assigned and escalated to
 * (Security Operations, Service Desk, Network). Not to be confused with a sync team space
 * (`Incident.teamId`), which decides who can see an incident; a responder team decides who
 * handles it. Teams are team policy: leads own them, and they sync like settings do.
 */
import { z } from 'zod';
// Types only: incident.ts imports this file, so a value import back would be a cycle.
import type { FieldErrors, Validated } from './incident';
import { personRefSchema, type AppRole, type PersonRef } from './people';
import { isoTimestampSchema } from './time';

/**
 * - member: works the team's queue;
 * - lead: owns the team's queue, receives hierarchical escalations first;
 * - manager: receives hierarchical escalations after the lead (the next level up).
 */
export const teamMemberRoles = ['member', 'lead', 'manager'] as const;
export const teamMemberRoleSchema = z.enum(teamMemberRoles);
export type TeamMemberRole = z.infer<typeof teamMemberRoleSchema>;
export const teamMemberRoleLabels: Record<TeamMemberRole, string> = { member: 'Member', lead: 'Lead', manager: 'Manager' };

export const teamMemberSchema = z.strictObject({
  person: personRefSchema,
  role: teamMemberRoleSchema,
});
export type TeamMember = z.infer<typeof teamMemberSchema>;

export const maxTeamMembers = 500;

export const responderTeamSchema = z.strictObject({
  /** Client-generated, like every id. */
  id: z.string().min(1).max(128),
  name: z.string().trim().min(1, 'Name the team').max(120, 'Keep the team name under 120 characters'),
  description: z.string().max(2000),
  members: z
    .array(teamMemberSchema)
    .max(maxTeamMembers, `Keep to ${maxTeamMembers} members or fewer`)
    .refine((members) => new Set(members.map((member) => member.person.id)).size === members.length, {
      message: 'Each person can be in a team once',
    }),
  createdAt: isoTimestampSchema,
  updatedAt: isoTimestampSchema,
  /** Tombstone: a removed team stays readable on the incidents it was routed to. */
  deletedAt: isoTimestampSchema.nullable(),
});
export type ResponderTeam = z.infer<typeof responderTeamSchema>;

/** The reference copied onto incidents and routing rules, so they read correctly without a lookup. */
export const teamRefSchema = z.strictObject({ id: z.string().min(1).max(128), name: z.string().min(1).max(120) });
export type TeamRef = z.infer<typeof teamRefSchema>;

// ---------------------------------------------------------------------------------------------
// Rules the team commands apply. Pure: the data layer passes in the other teams and the clock.

/** App roles (the local profile) that may change teams: team policy belongs to leads. */
export const teamEditorRoles: readonly AppRole[] = ['lead', 'admin'];

export function canEditTeams(role: AppRole): boolean {
  return teamEditorRoles.includes(role);
}

/** What the "New team" and "Edit team" forms collect. */
export const teamDetailsInputSchema = z.strictObject({
  name: responderTeamSchema.shape.name,
  description: z.string().trim().max(2000, 'Keep the description under 2,000 characters'),
});
export type TeamDetailsInput = z.infer<typeof teamDetailsInputSchema>;

/**
 * A member to add: someone the device already knows (`person`), or a new person typed by name
 * (`newPersonName`; the data layer gives them an id). Exactly one of the two.
 */
export const addTeamMemberInputSchema = z
  .strictObject({
    person: personRefSchema.optional(),
    newPersonName: z.string().trim().min(1, "Enter the new person's name").max(120, 'Keep the name under 120 characters').optional(),
    role: teamMemberRoleSchema,
  })
  .refine((input) => (input.person === undefined) !== (input.newPersonName === undefined), {
    message: 'Choose a person, or enter the name of someone new',
    path: ['person'],
  });
export type AddTeamMemberInput = z.infer<typeof addTeamMemberInputSchema>;

/** Field -> first message, like incident.ts's zodErrorsToFieldErrors (not imported: see above). */
function fieldErrorsOf(error: z.ZodError): FieldErrors {
  const errors: FieldErrors = {};
  for (const issue of error.issues) {
    const field = issue.path.length > 0 ? issue.path.map(String).join('.') : 'form';
    if (!(field in errors)) errors[field] = issue.message;
  }
  return errors;
}

function nameKey(name: string): string {
  return name.trim().replace(/\s+/g, ' ').toLowerCase();
}

/**
 * Validates a team's name and description against the other live teams: names are unique
 * ignoring case and spacing, because people (and routing rules) pick teams by name.
 */
export function validateTeamDetails(input: unknown, otherTeams: readonly Pick<ResponderTeam, 'id' | 'name' | 'deletedAt'>[], teamId: string | null): Validated<TeamDetailsInput> {
  const parsed = teamDetailsInputSchema.safeParse(input);
  if (!parsed.success) return { ok: false, errors: fieldErrorsOf(parsed.error) };
  const clash = otherTeams.find((team) => team.id !== teamId && team.deletedAt === null && nameKey(team.name) === nameKey(parsed.data.name));
  if (clash) return { ok: false, errors: { name: `There is already a team called "${clash.name}"; give each team its own name` } };
  return { ok: true, value: parsed.data };
}

/** The members after adding one; refuses a person already in the team (by id, or by the same name). */
export function withMemberAdded(team: ResponderTeam, member: TeamMember): Validated<TeamMember[]> {
  const existing = team.members.find((candidate) => candidate.person.id === member.person.id || nameKey(candidate.person.name) === nameKey(member.person.name));
  if (existing) return { ok: false, errors: { person: `${existing.person.name} is already in ${team.name} (as ${teamMemberRoleLabels[existing.role].toLowerCase()})` } };
  if (team.members.length >= maxTeamMembers) return { ok: false, errors: { form: `${team.name} already has ${maxTeamMembers} members, the most a team can have` } };
  return { ok: true, value: [...team.members, member] };
}

export function withMemberRole(team: ResponderTeam, personId: string, role: TeamMemberRole): Validated<TeamMember[]> {
  if (!team.members.some((member) => member.person.id === personId)) return { ok: false, errors: { form: `That person is no longer in ${team.name}` } };
  return { ok: true, value: team.members.map((member) => (member.person.id === personId ? { ...member, role } : member)) };
}

export function withMemberRemoved(team: ResponderTeam, personId: string): Validated<TeamMember[]> {
  if (!team.members.some((member) => member.person.id === personId)) return { ok: false, errors: { form: `That person is no longer in ${team.name}` } };
  return { ok: true, value: team.members.filter((member) => member.person.id !== personId) };
}

/** Live teams by name, the order every list of teams uses. */
export function sortTeamsByName<T extends Pick<ResponderTeam, 'name' | 'id'>>(teams: readonly T[]): T[] {
  return [...teams].sort((left, right) => left.name.localeCompare(right.name) || (left.id < right.id ? -1 : left.id > right.id ? 1 : 0));
}

/**
 * Everyone the device knows, once each (the first name seen for an id wins), sorted by name:
 * the people offered when adding a member or assigning an incident.
 */
export function collectKnownPeople(...sources: readonly (readonly PersonRef[])[]): PersonRef[] {
  const people = new Map<string, PersonRef>();
  for (const source of sources) for (const person of source) if (!people.has(person.id)) people.set(person.id, person);
  return [...people.values()].sort((left, right) => left.name.localeCompare(right.name) || (left.id < right.id ? -1 : 1));
}

/** The person of this name among `people` (ignoring case and spacing), so a name typed again is not a second person. */
export function findPersonByName(people: readonly PersonRef[], name: string): PersonRef | undefined {
  return people.find((person) => nameKey(person.name) === nameKey(name));
}
