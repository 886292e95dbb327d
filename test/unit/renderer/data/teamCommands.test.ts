/**
 * Team commands on a real (fake-indexeddb) database: each change lands in the table and the
 * outbox together; bad input and people who may not edit get a clear error and change nothing;
 * deleting is a tombstone; incidents can be assigned to a team, and a renamed team routes under
 * its current name.
 */
import { describe, expect, it } from 'vitest';
import { createIncident, takeLifecycleAction } from '../../../../renderer/data/incidentCommands';
import { updateSetting } from '../../../../renderer/data/settingsData';
import {
  addTeamMember,
  changeTeamMemberRole,
  createResponderTeam,
  deleteResponderTeam,
  removeTeamMember,
  updateResponderTeamDetails,
} from '../../../../renderer/data/teamCommands';
import { readResponderTeams } from '../../../../renderer/data/teamQueries';
import { createTestEnvironment, databaseText, minute, saveTestProfile, validNewIncidentInput, type TestEnvironment } from '../../../support/dataEnvironment';

const lead = { name: 'Lena Lead', initials: 'LL', role: 'lead' } as const;

async function leadDevice(): Promise<TestEnvironment> {
  const test = createTestEnvironment();
  await saveTestProfile(test.env, lead);
  return test;
}

async function teamCalled(test: TestEnvironment, name: string, description = '') {
  const result = await createResponderTeam(test.env, { name, description });
  if (!result.ok) throw new Error(`setup failed: ${JSON.stringify(result.errors)}`);
  return result.value;
}

describe('creating and editing teams', () => {
  it('creates a team with its row and outbox entry in one go', async () => {
    const test = await leadDevice();
    const result = await createResponderTeam(test.env, { name: '  Security Operations ', description: 'Phishing and malware' });
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.value).toMatchObject({ name: 'Security Operations', description: 'Phishing and malware', members: [], deletedAt: null, createdAt: new Date(test.now()).toISOString() });
    const stored = (await test.db.responderTeams.get(result.value.id))!;
    expect(Object.keys(stored.fieldStamps).sort()).toEqual(['createdAt', 'deletedAt', 'description', 'id', 'members', 'name', 'updatedAt']);
    const outbox = await test.db.outbox.toArray();
    expect(outbox).toHaveLength(1);
    expect(outbox[0]).toMatchObject({ table: 'responderTeams', rowId: result.value.id, operation: 'insert', fields: { name: 'Security Operations' } });
  });

  it('refuses a duplicate name, an empty name and bad input, writing nothing', async () => {
    const test = await leadDevice();
    await teamCalled(test, 'Security Operations');
    const before = await databaseText(test.db);
    expect(await createResponderTeam(test.env, { name: 'security operations', description: '' })).toEqual({
      ok: false,
      errors: { name: 'There is already a team called "Security Operations"; give each team its own name' },
    });
    expect(await createResponderTeam(test.env, { name: ' ', description: '' })).toEqual({ ok: false, errors: { name: 'Name the team' } });
    expect((await createResponderTeam(test.env, { name: 'Network' })).ok).toBe(false);
    expect((await createResponderTeam(test.env, 'Network')).ok).toBe(false);
    expect(await databaseText(test.db)).toBe(before);
  });

  it('only leads and administrators may change teams; others are told why and nothing changes', async () => {
    const test = await leadDevice();
    const team = await teamCalled(test, 'Network');
    await saveTestProfile(test.env, { name: 'Riley Responder', initials: 'RR', role: 'responder' });
    const before = await databaseText(test.db);
    const refusal = { ok: false, errors: { form: 'Only team leads and administrators can change teams; your profile role is Responder.' } };
    expect(await createResponderTeam(test.env, { name: 'Service Desk', description: '' })).toEqual(refusal);
    expect(await updateResponderTeamDetails(test.env, team.id, { name: 'Networks', description: '' })).toEqual(refusal);
    expect(await addTeamMember(test.env, team.id, { newPersonName: 'Kim Keyboard', role: 'member' })).toEqual(refusal);
    expect(await deleteResponderTeam(test.env, team.id)).toEqual(refusal);
    expect(await databaseText(test.db)).toBe(before);

    await saveTestProfile(test.env, { name: 'Avery Admin', initials: 'AA', role: 'admin' });
    expect((await updateResponderTeamDetails(test.env, team.id, { name: 'Networks', description: '' })).ok).toBe(true);
  });

  it('renames and describes a team; an unchanged save queues nothing; a clashing name is refused', async () => {
    const test = await leadDevice();
    const network = await teamCalled(test, 'Network');
    await teamCalled(test, 'Service Desk');
    test.advance(minute);
    const renamed = await updateResponderTeamDetails(test.env, network.id, { name: 'Network Operations', description: 'Routers, VPN, DNS' });
    expect(renamed.ok && renamed.value).toMatchObject({ name: 'Network Operations', description: 'Routers, VPN, DNS', updatedAt: new Date(test.now()).toISOString() });
    const last = (await test.db.outbox.orderBy('mutationId').last())!;
    expect(last).toMatchObject({ operation: 'update', fields: { name: 'Network Operations', description: 'Routers, VPN, DNS', updatedAt: new Date(test.now()).toISOString() } });

    const outboxCount = await test.db.outbox.count();
    expect((await updateResponderTeamDetails(test.env, network.id, { name: 'Network Operations', description: 'Routers, VPN, DNS' })).ok).toBe(true);
    expect(await test.db.outbox.count()).toBe(outboxCount);
    expect(await updateResponderTeamDetails(test.env, network.id, { name: 'SERVICE DESK', description: '' })).toEqual({
      ok: false,
      errors: { name: 'There is already a team called "Service Desk"; give each team its own name' },
    });
    expect(await updateResponderTeamDetails(test.env, 'no-such-team', { name: 'X', description: '' })).toEqual({
      ok: false,
      errors: { form: 'That team no longer exists (it may have been deleted on another device).' },
    });
  });
});

describe('members', () => {
  it('adds a known person, a new person by name (new id), and reuses a known person typed by name', async () => {
    const test = await leadDevice();
    const soc = await teamCalled(test, 'Security Operations');
    const network = await teamCalled(test, 'Network');
    const kim = { id: 'p-kim', name: 'Kim Keyboard' };
    test.advance(minute);
    expect((await addTeamMember(test.env, soc.id, { person: kim, role: 'lead' })).ok).toBe(true);
    test.advance(minute);
    const withSam = await addTeamMember(test.env, soc.id, { newPersonName: 'Sam Analyst', role: 'member' });
    expect(withSam.ok).toBe(true);
    const sam = withSam.ok ? withSam.value.members[1]!.person : null;
    expect(sam?.name).toBe('Sam Analyst');
    expect(sam?.id).toMatch(/^[0-9a-f-]{36}$/);

    // Typing a name the device knows (a member elsewhere, or this device's profile) is that person.
    const again = await addTeamMember(test.env, network.id, { newPersonName: 'sam analyst', role: 'manager' });
    expect(again.ok && again.value.members).toEqual([{ person: sam, role: 'manager' }]);
    const me = await addTeamMember(test.env, network.id, { newPersonName: 'Lena Lead', role: 'lead' });
    const profile = await test.db.meta.get('profile');
    expect(me.ok && me.value.members[1]!.person.id).toBe(profile?.key === 'profile' ? profile.personId : 'missing');

    const [stored] = (await readResponderTeams(test.env)).filter((team) => team.id === soc.id);
    expect(stored!.members).toEqual([{ person: kim, role: 'lead' }, { person: sam, role: 'member' }]);
    const memberMutations = (await test.db.outbox.where('rowId').equals(soc.id).toArray()).filter((row) => row.operation === 'update');
    expect(memberMutations.map((row) => Object.keys(row.fields).sort())).toEqual([
      ['members', 'updatedAt'],
      ['members', 'updatedAt'],
    ]);
  });

  it('refuses a duplicate member and bad member input, writing nothing', async () => {
    const test = await leadDevice();
    const soc = await teamCalled(test, 'Security Operations');
    await addTeamMember(test.env, soc.id, { person: { id: 'p-kim', name: 'Kim Keyboard' }, role: 'lead' });
    const before = await databaseText(test.db);
    const duplicate = { ok: false, errors: { person: 'Kim Keyboard is already in Security Operations (as lead)' } };
    expect(await addTeamMember(test.env, soc.id, { person: { id: 'p-kim', name: 'Kim Keyboard' }, role: 'member' })).toEqual(duplicate);
    expect(await addTeamMember(test.env, soc.id, { newPersonName: 'KIM KEYBOARD', role: 'member' })).toEqual(duplicate);
    expect(await addTeamMember(test.env, soc.id, { role: 'member' })).toEqual({ ok: false, errors: { person: 'Choose a person, or enter the name of someone new' } });
    expect((await addTeamMember(test.env, soc.id, { newPersonName: 'Sam', role: 'owner' })).ok).toBe(false);
    expect(await changeTeamMemberRole(test.env, soc.id, 'p-kim', 'owner')).toEqual({ ok: false, errors: { role: 'Choose member, lead or manager' } });
    expect(await removeTeamMember(test.env, soc.id, 'p-nobody')).toEqual({ ok: false, errors: { form: 'That person is no longer in Security Operations' } });
    expect(await databaseText(test.db)).toBe(before);
  });

  it("changes a member's role and removes a member", async () => {
    const test = await leadDevice();
    const soc = await teamCalled(test, 'Security Operations');
    await addTeamMember(test.env, soc.id, { person: { id: 'p-kim', name: 'Kim Keyboard' }, role: 'member' });
    await addTeamMember(test.env, soc.id, { person: { id: 'p-sam', name: 'Sam Analyst' }, role: 'member' });
    const promoted = await changeTeamMemberRole(test.env, soc.id, 'p-kim', 'lead');
    expect(promoted.ok && promoted.value.members.map((member) => member.role)).toEqual(['lead', 'member']);
    const removed = await removeTeamMember(test.env, soc.id, 'p-sam');
    expect(removed.ok && removed.value.members.map((member) => member.person.id)).toEqual(['p-kim']);
    expect((await test.db.responderTeams.get(soc.id))!.members).toEqual([{ person: { id: 'p-kim', name: 'Kim Keyboard' }, role: 'lead' }]);
  });
});

describe('deleting a team', () => {
  it('leaves a tombstone queued as a delete, hides the team, frees its name and refuses later edits', async () => {
    const test = await leadDevice();
    const network = await teamCalled(test, 'Network');
    await teamCalled(test, 'Service Desk');
    test.advance(minute);
    const deleted = await deleteResponderTeam(test.env, network.id);
    expect(deleted.ok && deleted.value.deletedAt).toBe(new Date(test.now()).toISOString());
    expect((await test.db.responderTeams.get(network.id))!.name).toBe('Network');
    expect((await test.db.outbox.orderBy('mutationId').last())!).toMatchObject({ operation: 'delete', rowId: network.id, fields: { deletedAt: new Date(test.now()).toISOString() } });
    expect((await readResponderTeams(test.env)).map((team) => team.name)).toEqual(['Service Desk']);
    expect((await createResponderTeam(test.env, { name: 'Network', description: 'A new one' })).ok).toBe(true);
    const gone = { ok: false, errors: { form: 'That team no longer exists (it may have been deleted on another device).' } };
    expect(await deleteResponderTeam(test.env, network.id)).toEqual(gone);
    expect(await addTeamMember(test.env, network.id, { newPersonName: 'Kim Keyboard', role: 'member' })).toEqual(gone);
  });
});

describe('assigning incidents to teams', () => {
  it('assigns by hand over a routing rule: the timeline says so, the rule is cleared, the current team name is kept', async () => {
    const test = await leadDevice();
    const soc = await teamCalled(test, 'SOC');
    const network = await teamCalled(test, 'Net');
    const rule = { id: 'rule-phishing', name: 'Phishing', isEnabled: true, isCatchAll: false, conditions: { categories: ['phishing'] }, target: { teamId: soc.id, teamName: 'SOC', assignee: null } };
    expect((await updateSetting(test.env, 'routingRules', { rules: [rule], updatedAt: new Date(test.now()).toISOString() })).ok).toBe(true);
    // Renamed after the rule was saved: routing uses the current name.
    await updateResponderTeamDetails(test.env, soc.id, { name: 'Security Operations', description: '' });
    await updateResponderTeamDetails(test.env, network.id, { name: 'Network', description: '' });

    const created = await createIncident(test.env, validNewIncidentInput(test.now(), { kind: 'security', category: 'phishing' }));
    if (!created.ok) throw new Error('setup failed');
    expect(created.value).toMatchObject({ routedTeam: { id: soc.id, name: 'Security Operations' }, routedByRule: 'Phishing' });

    test.advance(minute);
    // A stale name from the caller is replaced by the stored one.
    const assigned = await takeLifecycleAction(test.env, created.value.id, { type: 'assign', team: { id: network.id, name: 'Net' } });
    expect(assigned.ok && assigned.value).toMatchObject({ routedTeam: { id: network.id, name: 'Network' }, routedByRule: null, stage: 'new', assignee: null });
    const entries = await test.db.timelineEntries.where('incidentId').equals(created.value.id).toArray();
    const override = entries.find((entry) => entry.text.startsWith('Team changed'));
    expect(override).toMatchObject({ kind: 'assignment', text: 'Team changed by hand to Network (was routed to Security Operations by rule "Phishing")' });
  });

  it('refuses a team that does not exist or was deleted, writing nothing', async () => {
    const test = await leadDevice();
    const network = await teamCalled(test, 'Network');
    const created = await createIncident(test.env, validNewIncidentInput(test.now()));
    if (!created.ok) throw new Error('setup failed');
    await deleteResponderTeam(test.env, network.id);
    const before = await databaseText(test.db);
    const refusal = { ok: false, errors: { team: 'That team no longer exists (it may have been deleted on another device); choose another.' } };
    expect(await takeLifecycleAction(test.env, created.value.id, { type: 'assign', team: { id: network.id, name: 'Network' } })).toEqual(refusal);
    expect(await takeLifecycleAction(test.env, created.value.id, { type: 'assign', team: { id: 'team-nowhere', name: 'Nowhere' }, assignee: { id: 'p-kim', name: 'Kim' } })).toEqual(refusal);
    expect(await databaseText(test.db)).toBe(before);
  });
});
