/**
 * Responder teams: the schema's own rules (a name, each person once, a bounded list) and the rules
 * the team commands apply (unique names, member changes, who may edit, the people on offer).
 */
import { describe, expect, it } from 'vitest';
import {
  addTeamMemberInputSchema,
  canEditTeams,
  collectKnownPeople,
  findPersonByName,
  maxTeamMembers,
  responderTeamSchema,
  sortTeamsByName,
  teamRefSchema,
  validateTeamDetails,
  withMemberAdded,
  withMemberRemoved,
  withMemberRole,
  type ResponderTeam,
} from '../../../../shared/domain/team';
import { appRoles } from '../../../../shared/domain/people';
import { fixedNowIso } from '../fixtures';

const kim = { id: 'p-kim', name: 'Kim Keyboard' };
const sam = { id: 'p-sam', name: 'Sam Analyst' };

function team(overrides: Partial<ResponderTeam> = {}): ResponderTeam {
  return {
    id: 'team-soc',
    name: 'Security Operations',
    description: '',
    members: [{ person: kim, role: 'lead' }],
    createdAt: fixedNowIso,
    updatedAt: fixedNowIso,
    deletedAt: null,
    ...overrides,
  };
}

function messages(result: { success: boolean; error?: { issues: { message: string }[] } }): string[] {
  return result.success ? [] : result.error!.issues.map((issue) => issue.message);
}

describe('responderTeamSchema', () => {
  it('accepts a team with members, and a tombstoned one', () => {
    expect(responderTeamSchema.safeParse(team()).success).toBe(true);
    expect(responderTeamSchema.safeParse(team({ deletedAt: fixedNowIso, members: [] })).success).toBe(true);
  });

  it('refuses a blank or over-long name with a message that says what to do', () => {
    expect(messages(responderTeamSchema.safeParse(team({ name: '   ' })))).toEqual(['Name the team']);
    expect(messages(responderTeamSchema.safeParse(team({ name: 'x'.repeat(121) })))).toEqual(['Keep the team name under 120 characters']);
  });

  it('refuses a person twice, an unknown role, and more members than allowed', () => {
    expect(messages(responderTeamSchema.safeParse(team({ members: [{ person: kim, role: 'lead' }, { person: kim, role: 'member' }] })))).toEqual([
      'Each person can be in a team once',
    ]);
    expect(responderTeamSchema.safeParse(team({ members: [{ person: kim, role: 'boss' as never }] })).success).toBe(false);
    const many = Array.from({ length: maxTeamMembers + 1 }, (_, index) => ({ person: { id: `p-${index}`, name: `Person ${index}` }, role: 'member' as const }));
    expect(messages(responderTeamSchema.safeParse(team({ members: many })))).toEqual([`Keep to ${maxTeamMembers} members or fewer`]);
  });

  it('refuses unknown fields and a team reference without a name', () => {
    expect(responderTeamSchema.safeParse({ ...team(), queue: 'x' }).success).toBe(false);
    expect(teamRefSchema.safeParse({ id: 'team-soc', name: '' }).success).toBe(false);
  });
});

describe('validateTeamDetails', () => {
  const others = [team(), team({ id: 'team-old', name: 'Old Desk', deletedAt: fixedNowIso })];

  it('trims the name and description', () => {
    expect(validateTeamDetails({ name: '  Network  ', description: ' Routers ' }, others, null)).toEqual({ ok: true, value: { name: 'Network', description: 'Routers' } });
  });

  it('refuses a name another live team has, ignoring case and spacing', () => {
    expect(validateTeamDetails({ name: 'security   OPERATIONS', description: '' }, others, null)).toEqual({
      ok: false,
      errors: { name: 'There is already a team called "Security Operations"; give each team its own name' },
    });
  });

  it("allows a deleted team's name, and a team keeping its own name", () => {
    expect(validateTeamDetails({ name: 'Old Desk', description: '' }, others, null).ok).toBe(true);
    expect(validateTeamDetails({ name: 'Security Operations', description: 'Now with a description' }, others, 'team-soc').ok).toBe(true);
  });

  it('refuses an empty name, a long description and unknown fields', () => {
    expect(validateTeamDetails({ name: '', description: '' }, [], null)).toEqual({ ok: false, errors: { name: 'Name the team' } });
    expect(validateTeamDetails({ name: 'Network', description: 'x'.repeat(2001) }, [], null)).toEqual({ ok: false, errors: { description: 'Keep the description under 2,000 characters' } });
    expect(validateTeamDetails({ name: 'Network', description: '', members: [] }, [], null).ok).toBe(false);
  });
});

describe('member changes', () => {
  it('adds a member at the end', () => {
    expect(withMemberAdded(team(), { person: sam, role: 'member' })).toEqual({ ok: true, value: [{ person: kim, role: 'lead' }, { person: sam, role: 'member' }] });
  });

  it('refuses a person already in the team, by id or by the same name', () => {
    const expected = { ok: false, errors: { person: 'Kim Keyboard is already in Security Operations (as lead)' } };
    expect(withMemberAdded(team(), { person: kim, role: 'member' })).toEqual(expected);
    expect(withMemberAdded(team(), { person: { id: 'p-other', name: ' kim  keyboard ' }, role: 'member' })).toEqual(expected);
  });

  it('refuses a member beyond the limit', () => {
    const full = team({ members: Array.from({ length: maxTeamMembers }, (_, index) => ({ person: { id: `p-${index}`, name: `Person ${index}` }, role: 'member' as const })) });
    expect(withMemberAdded(full, { person: sam, role: 'member' })).toEqual({ ok: false, errors: { form: `Security Operations already has ${maxTeamMembers} members, the most a team can have` } });
  });

  it('changes a role and removes a member, refusing someone who is not in the team', () => {
    expect(withMemberRole(team(), kim.id, 'manager')).toEqual({ ok: true, value: [{ person: kim, role: 'manager' }] });
    expect(withMemberRemoved(team(), kim.id)).toEqual({ ok: true, value: [] });
    expect(withMemberRole(team(), sam.id, 'lead')).toEqual({ ok: false, errors: { form: 'That person is no longer in Security Operations' } });
    expect(withMemberRemoved(team(), sam.id)).toEqual({ ok: false, errors: { form: 'That person is no longer in Security Operations' } });
  });

  it('the add-member form takes a known person or a new name, never both or neither', () => {
    expect(addTeamMemberInputSchema.safeParse({ person: kim, role: 'member' }).success).toBe(true);
    expect(addTeamMemberInputSchema.safeParse({ newPersonName: ' Sam Analyst ', role: 'lead' }).data).toEqual({ newPersonName: 'Sam Analyst', role: 'lead' });
    expect(messages(addTeamMemberInputSchema.safeParse({ role: 'member' }))).toEqual(['Choose a person, or enter the name of someone new']);
    expect(messages(addTeamMemberInputSchema.safeParse({ person: kim, newPersonName: 'Sam', role: 'member' }))).toEqual(['Choose a person, or enter the name of someone new']);
    expect(messages(addTeamMemberInputSchema.safeParse({ newPersonName: '  ', role: 'member' }))).toContain("Enter the new person's name");
    expect(addTeamMemberInputSchema.safeParse({ person: kim, role: 'owner' }).success).toBe(false);
  });
});

describe('who may edit, and the people on offer', () => {
  it('only leads and administrators edit teams', () => {
    expect(appRoles.filter(canEditTeams)).toEqual(['lead', 'admin']);
  });

  it('collects each person once (first name seen wins), sorted by name', () => {
    const renamed = { id: 'p-kim', name: 'Kim K.' };
    expect(collectKnownPeople([kim], [sam, renamed], [{ id: 'p-ada', name: 'Ada Responder' }])).toEqual([{ id: 'p-ada', name: 'Ada Responder' }, kim, sam]);
  });

  it('finds a person by name ignoring case and spacing', () => {
    expect(findPersonByName([kim, sam], '  sam   ANALYST')).toEqual(sam);
    expect(findPersonByName([kim, sam], 'Sam')).toBeUndefined();
  });

  it('sorts teams by name, then id', () => {
    const sorted = sortTeamsByName([team({ id: 'b', name: 'Network' }), team({ id: 'c', name: 'Desk' }), team({ id: 'a', name: 'Network' })]);
    expect(sorted.map((entry) => entry.id)).toEqual(['c', 'a', 'b']);
  });
});
