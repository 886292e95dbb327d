/**
 * The client side of sync against the database: pulled pages merge per field and commit with the
 * cursor, clashes with unsynced local values are logged both ways, rejected pushes roll back and
 * are logged, losing values can be re-applied, and the push reads skip local-only rows.
 */
import Dexie from 'dexie';
import { updateIncidentDetails } from '../../../../renderer/data/incidentDetailsCommand';
import { describe, expect, it } from 'vitest';
import { addTimelineNote, createIncident, setIncidentDeleted, takeLifecycleAction } from '../../../../renderer/data/incidentCommands';
import { updateSetting } from '../../../../renderer/data/settingsData';
import { generateSampleData } from '../../../../renderer/data/sampleDataCommand';
import { acknowledge, applyPulledPage, readPendingMutations, reapplyLosingValue, rollbackRejected } from '../../../../renderer/data/syncStore';
import { assignDefaultTeam, readSyncCursor, saveSession } from '../../../../renderer/data/syncSettings';
import { FirebreakDatabase, type SyncColumns } from '../../../../renderer/db/database';
import type { PulledRow, Session } from '../../../../shared/sync/protocol';
import { syncSchemaVersion, type SyncedTable } from '../../../../shared/sync/mutation';
import { addTeamMember, createResponderTeam, updateResponderTeamDetails } from '../../../../renderer/data/teamCommands';
import { readResponderTeams } from '../../../../renderer/data/teamQueries';
import { createPlaybook, editPlaybookVersion } from '../../../../renderer/data/playbookCommands';
import { sampleContent } from '../../shared/playbookFixtures';
import { starterScenarioRecords } from '../../../../shared/domain/exerciseRecords';
import { runWriteCommand } from '../../../../renderer/data/writeTransaction';
import { makeHotWashRecord, makeRunEvent, makeRunRecord, makeScenarioRecord } from '../../../support/exerciseFixtures';
import { createTestEnvironment, minute, saveTestProfile, validNewIncidentInput, type TestEnvironment } from '../../../support/dataEnvironment';

const teamId = 'team-1';
const session: Session = {
  accessToken: 'access',
  refreshToken: 'refresh-token-of-twenty-chars',
  expiresIn: 900,
  user: { id: 'user-1', email: 'ada@example.org', name: 'Ada Responder', isAdmin: false },
  teams: [{ teamId, teamName: 'Blue team', role: 'responder' }],
  deviceCode: 'K7QF',
};

let seq = 0;
/** What the server would send for a row another device wrote. */
function pulled(table: SyncedTable, row: SyncColumns & Record<string, unknown>, author = 'Chen Wei'): PulledRow {
  const { fieldStamps, localSeq: _localSeq, ...fields } = row;
  seq += 1;
  return {
    table,
    rowId: String(table === 'settings' ? fields['key'] : fields['id']),
    teamId,
    seq,
    fields,
    stamps: fieldStamps,
    authors: Object.fromEntries(Object.keys(fields).map((field) => [field, author])),
    isDeleted: typeof fields['deletedAt'] === 'string',
  };
}

async function signedIn(test: TestEnvironment) {
  await saveTestProfile(test.env);
  await saveSession(test.env, 'https://sync.example.org', session);
}

/** An incident created on device A, pulled into device B; both have it, B's outbox is empty. */
async function sharedIncident() {
  const a = createTestEnvironment();
  const b = createTestEnvironment({ startMs: a.now() });
  await signedIn(a);
  await signedIn(b);
  const created = await createIncident(a.env, validNewIncidentInput(a.now()));
  if (!created.ok) throw new Error('setup failed');
  const id = created.value.id;
  await applyPulledPage(b.env, [pulled('incidents', (await a.db.incidents.get(id))!)], seq);
  return { a, b, id };
}

describe('applyPulledPage', () => {
  it('adds new rows, keeps list rows in step, writes the cursor and advances the clock', async () => {
    const { a, b, id } = await sharedIncident();
    expect(await b.db.incidents.get(id)).toMatchObject({ title: 'Payments API unavailable', teamId });
    expect(await b.db.incidentListRows.get(id)).toMatchObject({ title: 'Payments API unavailable', deletedAt: null });
    expect((await readSyncCursor(b.env)).pullCursor).toBe(seq);
    const clock = await b.db.meta.get('clock');
    const remoteStamp = (await a.db.incidents.get(id))!.fieldStamps.title!;
    expect(clock?.key === 'clock' && clock.hlc > remoteStamp).toBe(true);
    expect(await b.db.outbox.count()).toBe(0);
  });

  it('merges per field and keeps a newer pending local field, logging the clash both ways', async () => {
    const { a, b, id } = await sharedIncident();
    // Both acknowledge offline; B's is later. A's older value loses to B's pending one: logged.
    a.advance(minute);
    await takeLifecycleAction(a.env, id, { type: 'acknowledge' });
    b.advance(2 * minute);
    await takeLifecycleAction(b.env, id, { type: 'acknowledge' });
    const bAcknowledgedAt = (await b.db.incidents.get(id))!.acknowledgedAt;
    await applyPulledPage(b.env, [pulled('incidents', (await a.db.incidents.get(id))!)], seq);
    expect((await b.db.incidents.get(id))!.acknowledgedAt).toBe(bAcknowledgedAt);

    // B assigns Bo (pending); A later assigns Dana: the newer remote value wins, and is logged.
    await takeLifecycleAction(b.env, id, { type: 'assign', assignee: { id: 'p-bo', name: 'Bo Lind' } });
    a.advance(5 * minute);
    await takeLifecycleAction(a.env, id, { type: 'assign', assignee: { id: 'p-dana', name: 'Dana Levi' } });
    const newer = (await a.db.incidents.get(id))!;
    await applyPulledPage(b.env, [pulled('incidents', newer)], seq);
    const merged = (await b.db.incidents.get(id))!;
    expect(merged.assignee).toEqual({ id: 'p-dana', name: 'Dana Levi' });
    expect(merged.acknowledgedAt).toBe(bAcknowledgedAt);

    const conflicts = await b.db.conflicts.toArray();
    expect(conflicts.map((conflict) => [conflict.field, conflict.winner]).sort()).toEqual([
      ['acknowledgedAt', 'local'],
      ['assignee', 'remote'],
    ]);
    expect(conflicts.find((conflict) => conflict.field === 'assignee')).toMatchObject({
      kind: 'clash',
      table: 'incidents',
      rowId: id,
      incidentId: id,
      localValue: { id: 'p-bo', name: 'Bo Lind' },
      localAuthor: 'Ada Responder',
      remoteValue: { id: 'p-dana', name: 'Dana Levi' },
      remoteAuthor: 'Chen Wei',
      remoteStamp: newer.fieldStamps.assignee,
    });
    // Seeing the same page again logs nothing new.
    await applyPulledPage(b.env, [pulled('incidents', newer)], seq);
    expect(await b.db.conflicts.count()).toBe(2);
  });

  it('does not log an ordinary newer edit of a field this device already synced', async () => {
    const { a, b, id } = await sharedIncident();
    b.advance(minute);
    await takeLifecycleAction(b.env, id, { type: 'acknowledge' });
    const pending = await readPendingMutations(b.env, 500);
    await acknowledge(b.env, pending.map((mutation) => mutation.mutationId), seq);
    // The pull caught up with the push, so B's change is known to everyone from here on.
    await applyPulledPage(b.env, [], seq);
    a.advance(10 * minute);
    await applyPulledPage(a.env, [pulled('incidents', (await b.db.incidents.get(id))!)], seq);
    await takeLifecycleAction(a.env, id, { type: 'assign', assignee: { id: 'p-dana', name: 'Dana Levi' } });
    b.advance(10 * minute);
    await applyPulledPage(b.env, [pulled('incidents', (await a.db.incidents.get(id))!)], seq);
    expect(await b.db.conflicts.count()).toBe(0);
    expect((await b.db.incidents.get(id))!.stage).toBe('in_progress');
  });

  it('logs a clash with a value the server acknowledged but this device has not pulled back yet', async () => {
    const { a, b, id } = await sharedIncident();
    b.advance(minute);
    await takeLifecycleAction(b.env, id, { type: 'acknowledge' });
    await acknowledge(b.env, (await readPendingMutations(b.env, 500)).map((mutation) => mutation.mutationId), seq + 10);
    a.advance(2 * minute);
    await takeLifecycleAction(a.env, id, { type: 'acknowledge' });
    await applyPulledPage(b.env, [pulled('incidents', (await a.db.incidents.get(id))!)], seq);
    expect((await b.db.conflicts.toArray()).map((conflict) => conflict.field).sort()).toEqual(['acknowledgedAt']);
  });

  it('writes rows and cursor atomically: a failing row aborts the whole page', async () => {
    const { a, b, id } = await sharedIncident();
    const cursorBefore = (await readSyncCursor(b.env)).pullCursor;
    const second = await createIncident(a.env, validNewIncidentInput(a.now(), { title: 'Second' }));
    if (!second.ok) throw new Error('setup failed');
    const good = pulled('incidents', (await a.db.incidents.get(second.value.id))!);
    // A different incident with a reference B already uses: the unique index refuses it.
    const clash = pulled('incidents', { ...(await a.db.incidents.get(id))!, id: '01900000-0000-7000-8000-000000000001' } as never);
    await expect(applyPulledPage(b.env, [good, clash], seq)).rejects.toThrow();
    expect(await b.db.incidents.get(second.value.id)).toBeUndefined();
    expect((await readSyncCursor(b.env)).pullCursor).toBe(cursorBefore);
  });

  it('treats timeline entries as insert-only and hides tombstoned incidents', async () => {
    const { a, b, id } = await sharedIncident();
    const note = await addTimelineNote(a.env, id, { kind: 'note', text: 'Original', occurredAt: null, correctsEntryId: null });
    if (!note.ok) throw new Error('setup failed');
    const entry = (await a.db.timelineEntries.get(note.value.id))!;
    await applyPulledPage(b.env, [pulled('timelineEntries', entry)], seq);
    await applyPulledPage(b.env, [pulled('timelineEntries', { ...entry, text: 'Rewritten', fieldStamps: { text: '9999999999999:000000:zzzz' } } as never)], seq);
    expect((await b.db.timelineEntries.get(note.value.id))!.text).toBe('Original');

    a.advance(minute);
    await setIncidentDeleted(a.env, id, true);
    await applyPulledPage(b.env, [pulled('incidents', (await a.db.incidents.get(id))!)], seq);
    expect((await b.db.incidents.get(id))!.deletedAt).not.toBeNull();
    expect((await b.db.incidentListRows.get(id))!.deletedAt).not.toBeNull();
  });

  it('never overwrites personal display preferences', async () => {
    const { a, b } = await sharedIncident();
    await updateSetting(b.env, 'displayPreferences', { timeZone: 'utc', theme: 'dark' });
    a.advance(minute);
    await updateSetting(a.env, 'displayPreferences', { timeZone: 'local', theme: 'light' });
    await applyPulledPage(b.env, [pulled('settings', (await a.db.settings.get('displayPreferences'))!)], seq);
    expect((await b.db.settings.get('displayPreferences'))!.value).toEqual({ timeZone: 'utc', theme: 'dark' });
  });

  it('applies a pulled value stamped ahead of a slow local clock and moves the clock past it, so the next local edit wins', async () => {
    const { a, b, id } = await sharedIncident();
    // The server vetted this stamp against its own clock; this device's clock is an hour slow.
    const ahead = { ...(await a.db.incidents.get(id))!, title: 'Written on a device with the right time' };
    ahead.fieldStamps = { ...ahead.fieldStamps, title: `${String(a.now() + 60 * minute).padStart(13, '0')}:000000:abcd1234` };
    const result = await applyPulledPage(b.env, [pulled('incidents', ahead)], seq);
    expect(result.skipped).toEqual([]);
    expect((await b.db.incidents.get(id))!.title).toBe('Written on a device with the right time');
    const edited = await updateIncidentDetails(b.env, id, { title: 'Edited afterwards here' });
    expect(edited.ok).toBe(true);
    const stored = (await b.db.incidents.get(id))!;
    expect(stored.title).toBe('Edited afterwards here');
    expect(stored.fieldStamps['title']! > ahead.fieldStamps['title']!).toBe(true);
  });
});

describe('readPendingMutations', () => {
  it('maps the team from the incident, and drops sample rows and personal settings', async () => {
    const test = createTestEnvironment();
    await signedIn(test);
    const created = await createIncident(test.env, validNewIncidentInput(test.now()));
    if (!created.ok) throw new Error('setup failed');
    await addTimelineNote(test.env, created.value.id, { kind: 'note', text: 'Note', occurredAt: null, correctsEntryId: null });
    await updateSetting(test.env, 'displayPreferences', { timeZone: 'utc', theme: 'dark' });
    await updateSetting(test.env, 'priorityMatrix', (await import('../../../../shared/domain/priority')).defaultPriorityMatrix);
    await generateSampleData(test.env, { count: 3, seed: 7, periodDays: 30, endMs: test.now() });
    // Sample commands never queue changes; an entry for one (say, from an older version) is dropped.
    const sample = (await test.db.incidents.where('source').equals('sample').first())!;
    const last = (await test.db.outbox.orderBy('mutationId').last())!;
    await test.db.outbox.add({ ...last, mutationId: last.mutationId + 1, table: 'incidents', rowId: sample.id, fields: { title: 'x' } });
    const mutations = await readPendingMutations(test.env, 500);
    expect(mutations.every((mutation) => mutation.teamId === teamId)).toBe(true);
    expect(mutations.map((mutation) => mutation.table)).toEqual(['incidents', 'timelineEntries', 'timelineEntries', 'settings']);
    expect(mutations.some((mutation) => mutation.rowId === 'displayPreferences')).toBe(false);
    expect(await test.db.outbox.where('rowId').equals('displayPreferences').count()).toBe(0);
    expect(await test.db.outbox.where('rowId').equals(sample.id).count()).toBe(0);
  });

  it('waits for incidents without a team, and assignDefaultTeam gives them one (never to samples)', async () => {
    const test = createTestEnvironment();
    await saveTestProfile(test.env);
    const created = await createIncident(test.env, validNewIncidentInput(test.now()));
    if (!created.ok) throw new Error('setup failed');
    await generateSampleData(test.env, { count: 2, seed: 3, periodDays: 30, endMs: test.now() });
    expect(await readPendingMutations(test.env, 500)).toEqual([]);
    await saveSession(test.env, 'https://sync.example.org', session);
    expect(await assignDefaultTeam(test.env)).toBe(1);
    expect((await test.db.incidents.get(created.value.id))!.teamId).toBe(teamId);
    expect((await test.db.incidents.where('source').equals('sample').toArray()).every((incident) => incident.teamId === null)).toBe(true);
    const mutations = await readPendingMutations(test.env, 500);
    expect(mutations.at(-1)).toMatchObject({ table: 'incidents', fields: { teamId }, teamId });
  });
});

describe('rollbackRejected and reapplyLosingValue', () => {
  it('restores the server row for rejected fields and logs the local values with the reason', async () => {
    const { a, b, id } = await sharedIncident();
    b.advance(minute);
    await takeLifecycleAction(b.env, id, { type: 'acknowledge' });
    const [mutation] = (await readPendingMutations(b.env, 500)).filter((row) => row.table === 'incidents');
    const serverRow = pulled('incidents', (await a.db.incidents.get(id))!);
    await rollbackRejected(b.env, { mutationId: mutation!.mutationId, status: 'rejected', reason: 'Viewers cannot change incidents', currentRow: serverRow });
    expect((await b.db.incidents.get(id))!.stage).toBe('new');
    expect((await b.db.incidentListRows.get(id))!.stage).toBe('new');
    expect(await b.db.outbox.get(mutation!.mutationId)).toBeUndefined();
    const logged = await b.db.conflicts.where('[table+rowId]').equals(['incidents', id]).toArray();
    expect(logged.find((conflict) => conflict.field === 'stage')).toMatchObject({ kind: 'rejected', localValue: 'triaged', remoteValue: 'new', winner: 'remote', reason: 'Viewers cannot change incidents' });

    // Re-applying the lost value is a new local change with a newer stamp.
    const stageConflict = logged.find((conflict) => conflict.field === 'stage')!;
    const result = await reapplyLosingValue(b.env, stageConflict.id);
    expect(result.ok).toBe(true);
    const restored = (await b.db.incidents.get(id))!;
    expect(restored.stage).toBe('triaged');
    const queued = (await b.db.outbox.orderBy('mutationId').toArray()).at(-1)!;
    expect(queued).toMatchObject({ table: 'incidents', rowId: id, fields: { stage: 'triaged' } });
    expect(queued.hlc > stageConflict.localStamp!).toBe(true);
    expect((await b.db.conflicts.get(stageConflict.id))!.resolvedAt).not.toBeNull();
  });

  it('removes a row the server never had, keeping its values in the log', async () => {
    const test = createTestEnvironment();
    await signedIn(test);
    const created = await createIncident(test.env, validNewIncidentInput(test.now()));
    if (!created.ok) throw new Error('setup failed');
    const [insert] = await readPendingMutations(test.env, 1);
    await rollbackRejected(test.env, { mutationId: insert!.mutationId, status: 'rejected', reason: 'Not a member of this team', currentRow: null });
    expect(await test.db.incidents.get(created.value.id)).toBeUndefined();
    expect(await test.db.incidentListRows.get(created.value.id)).toBeUndefined();
    const [logged] = await test.db.conflicts.toArray();
    expect(logged).toMatchObject({ kind: 'rejected', field: '*', reason: 'Not a member of this team', localValue: { title: 'Payments API unavailable' } });
  });
});

describe('database upgrades', () => {
  it('opens a version-1 database with every row intact, incidents gaining teamId null and an empty priority history', async () => {
    const source = createTestEnvironment();
    await saveTestProfile(source.env);
    const created = await createIncident(source.env, validNewIncidentInput(source.now()));
    if (!created.ok) throw new Error('setup failed');
    const rows = Object.fromEntries(
      await Promise.all(['incidents', 'incidentListRows', 'timelineEntries', 'tasks', 'settings', 'outbox', 'meta'].map(async (name) => [name, await source.db.table(name).toArray()] as const)),
    );
    source.db.close();

    const name = 'firebreak-v1';
    const version1 = new Dexie(name);
    version1.version(1).stores({
      incidents: 'id, &reference, source, reportedAt, localSeq',
      incidentListRows: 'id, reportedAt, localSeq',
      timelineEntries: 'id, incidentId, localSeq',
      tasks: 'id, incidentId, localSeq',
      settings: 'key, localSeq',
      outbox: 'mutationId, table, rowId',
      meta: 'key',
    });
    const v1Incidents = (rows.incidents as Record<string, unknown>[]).map(({ teamId: _teamId, priorityChanges: _priorityChanges, ...incident }) => incident);
    await version1.transaction('rw', version1.tables, async () => {
      for (const [table, tableRows] of Object.entries(rows)) await version1.table(table).bulkAdd(table === 'incidents' ? v1Incidents : tableRows);
    });
    version1.close();

    const upgraded = new FirebreakDatabase(name);
    for (const [table, tableRows] of Object.entries(rows)) expect(await upgraded.table(table).toArray()).toEqual(tableRows);
    expect(await upgraded.conflicts.count()).toBe(0);
    expect(upgraded.verno).toBe(5);
    upgraded.close();
  });
});

describe('responder teams on the sync path', () => {
  const lead = { name: 'Lena Lead', initials: 'LL', role: 'lead' } as const;

  it('sends team rows to the default team, merges pulled teams per field, and skips a damaged one into the log', async () => {
    const a = createTestEnvironment();
    const b = createTestEnvironment({ startMs: a.now() });
    for (const test of [a, b]) {
      await saveTestProfile(test.env, lead);
      await saveSession(test.env, 'https://sync.example.org', session);
    }
    const created = await createResponderTeam(a.env, { name: 'Network', description: '' });
    if (!created.ok) throw new Error('setup failed');
    const responderTeamId = created.value.id;
    await addTeamMember(a.env, responderTeamId, { newPersonName: 'Kim Keyboard', role: 'member' });
    const mutations = await readPendingMutations(a.env, 500);
    expect(mutations.map((mutation) => [mutation.table, mutation.teamId])).toEqual([
      ['responderTeams', teamId],
      ['responderTeams', teamId],
    ]);

    await applyPulledPage(b.env, [pulled('responderTeams', (await a.db.responderTeams.get(responderTeamId))!)], seq);
    expect((await readResponderTeams(b.env)).map((team) => [team.name, team.members.map((member) => member.person.name)])).toEqual([['Network', ['Kim Keyboard']]]);

    // B renames the team (pending) while A, later, changes the description: both fields survive.
    b.advance(minute);
    await updateResponderTeamDetails(b.env, responderTeamId, { name: 'Network Operations', description: '' });
    a.advance(2 * minute);
    await updateResponderTeamDetails(a.env, responderTeamId, { name: 'Network', description: 'Routers, VPN and DNS' });
    await applyPulledPage(b.env, [pulled('responderTeams', (await a.db.responderTeams.get(responderTeamId))!)], seq);
    expect(await b.db.responderTeams.get(responderTeamId)).toMatchObject({ name: 'Network Operations', description: 'Routers, VPN and DNS' });

    // A row that does not validate (a member twice) is not applied; the log keeps it.
    const damaged = { ...(await a.db.responderTeams.get(responderTeamId))! };
    damaged.members = [...damaged.members, damaged.members[0]!];
    damaged.fieldStamps = { ...damaged.fieldStamps, members: `${String(a.now() + minute).padStart(13, '0')}:000000:abcd1234` };
    const result = await applyPulledPage(b.env, [pulled('responderTeams', damaged)], seq);
    expect(result.skipped).toEqual([{ table: 'responderTeams', rowId: responderTeamId, reason: 'The responder team from the server is incomplete or damaged, so it was not applied.' }]);
    expect((await b.db.responderTeams.get(responderTeamId))!.members).toHaveLength(1);
    expect(await b.db.conflicts.where('[table+rowId]').equals(['responderTeams', responderTeamId]).count()).toBe(1);
  });

  it('a cursor pulled with an older sync schema starts again from zero; a pulled page stores the current schema', async () => {
    const test = createTestEnvironment();
    await signedIn(test);
    // Written by a version that knew no responder teams: the server left their rows out.
    await test.db.meta.put({ key: 'syncCursor', clientId: 'c', lastSyncedAtMs: null, pullCursor: 420 });
    expect((await readSyncCursor(test.env)).pullCursor).toBe(0);
    await applyPulledPage(test.env, [], 430);
    expect(await readSyncCursor(test.env)).toMatchObject({ pullCursor: 430, schemaVersion: syncSchemaVersion });
  });
});

describe('playbooks on the sync path', () => {
  it('sends playbook rows to the default team, merges pulled versions per field, and skips a damaged one into the log', async () => {
    const a = createTestEnvironment();
    const b = createTestEnvironment({ startMs: a.now() });
    await signedIn(a);
    await signedIn(b);
    const created = await createPlaybook(a.env, sampleContent());
    if (!created.ok) throw new Error('setup failed');
    const playbookId = created.value.id;
    expect((await readPendingMutations(a.env, 500)).map((mutation) => [mutation.table, mutation.teamId])).toEqual([['playbooks', teamId]]);

    await applyPulledPage(b.env, [pulled('playbooks', (await a.db.playbooks.get(playbookId))!)], seq);
    expect(await b.db.playbooks.get(playbookId)).toMatchObject({ name: 'Sample response', status: 'draft', lineageId: created.value.lineageId });

    a.advance(minute);
    await editPlaybookVersion(a.env, playbookId, sampleContent({ summary: 'Edited on A' }));
    await applyPulledPage(b.env, [pulled('playbooks', (await a.db.playbooks.get(playbookId))!)], seq);
    expect((await b.db.playbooks.get(playbookId))!.summary).toBe('Edited on A');

    // Steps that fail the playbook schema (none at all) are not applied; the log keeps them.
    const damaged = { ...(await a.db.playbooks.get(playbookId))!, steps: [] };
    damaged.fieldStamps = { ...damaged.fieldStamps, steps: `${String(a.now() + minute).padStart(13, '0')}:000000:abcd1234` };
    const result = await applyPulledPage(b.env, [pulled('playbooks', damaged)], seq);
    expect(result.skipped).toEqual([{ table: 'playbooks', rowId: playbookId, reason: 'The playbook from the server is incomplete or damaged, so it was not applied.' }]);
    expect((await b.db.playbooks.get(playbookId))!.steps.length).toBeGreaterThan(0);
  });
});

describe('exercises on the sync path', () => {
  const stampAt = (ms: number) => `${String(ms).padStart(13, '0')}:000000:abcd1234`;
  const stamped = <T extends object>(row: T, ms: number) => ({ ...row, fieldStamps: Object.fromEntries(Object.keys(row).map((field) => [field, stampAt(ms)])), localSeq: 1 });

  it('applies pulled rows of every exercise table, keeps clock events as first written, and skips damaged rows into the log', async () => {
    const b = createTestEnvironment();
    await signedIn(b);
    const runId = '0190f0e0-0000-7000-8000-0000000e0001';
    const scenario = makeScenarioRecord('0190f0e0-0000-7000-8000-0000000e0002');
    const run = makeRunRecord(runId);
    const event = makeRunEvent('0190f0e0-0000-7000-8000-0000000e0003', runId);
    const record = makeHotWashRecord('0190f0e0-0000-7000-8000-0000000e0004', runId);
    const t = b.now();
    const result = await applyPulledPage(
      b.env,
      [pulled('exerciseScenarios', stamped(scenario, t)), pulled('exerciseRuns', stamped(run, t)), pulled('exerciseRunEvents', stamped(event, t)), pulled('exerciseRecords', stamped(record, t))],
      seq,
    );
    expect(result).toMatchObject({ applied: 4, skipped: [] });
    expect(await b.db.exerciseScenarios.get(scenario.id)).toMatchObject(scenario);
    expect(await b.db.exerciseRuns.get(runId)).toMatchObject(run);
    expect(await b.db.exerciseRunEvents.get(event.id)).toMatchObject(event);
    expect(await b.db.exerciseRecords.get(record.id)).toMatchObject(record);
    expect(await b.db.exerciseRecords.where('runId').equals(runId).count()).toBe(1);

    // Insert-only: a later copy of the same event id changes nothing.
    await applyPulledPage(b.env, [pulled('exerciseRunEvents', stamped({ ...event, at: '2026-03-09T10:00:00.000Z' }, t + minute))], seq);
    expect((await b.db.exerciseRunEvents.get(event.id))!.at).toBe(event.at);
    // A newer edit of a record merges per field.
    await applyPulledPage(b.env, [pulled('exerciseRecords', { ...stamped(record, t), text: 'Edited', fieldStamps: { ...stamped(record, t).fieldStamps, text: stampAt(t + minute) } })], seq);
    expect(await b.db.exerciseRecords.get(record.id)).toMatchObject({ recordKind: 'hot_wash', text: 'Edited' });

    const damaged = await applyPulledPage(
      b.env,
      [
        pulled('exerciseRuns', stamped({ ...run, id: '0190f0e0-0000-7000-8000-0000000e0005', initialMultiplier: 500 }, t)),
        pulled('exerciseRunEvents', stamped({ ...event, id: '0190f0e0-0000-7000-8000-0000000e0006', kind: 'rewound' }, t)),
        pulled('exerciseRecords', stamped({ ...record, id: '0190f0e0-0000-7000-8000-0000000e0007', recordKind: 'poll' }, t)),
      ],
      seq,
    );
    expect(damaged.skipped.map((skipped) => [skipped.table, skipped.reason])).toEqual([
      ['exerciseRuns', 'The exercise run from the server is incomplete or damaged, so it was not applied.'],
      ['exerciseRunEvents', 'The exercise clock event from the server is incomplete or damaged, or of a kind this version does not know, so it was not applied.'],
      ['exerciseRecords', 'The exercise record from the server is incomplete or damaged, so it was not applied.'],
    ]);
    expect((await b.db.conflicts.toArray()).filter((conflict) => conflict.kind === 'skipped')).toHaveLength(3);
  });

  it("merges a team's change to a starter scenario over the starter as shipped on a device that has not seeded it", async () => {
    const b = createTestEnvironment();
    await signedIn(b);
    const starter = starterScenarioRecords[1]!;
    const row: PulledRow = {
      table: 'exerciseScenarios',
      rowId: starter.id,
      teamId,
      seq: (seq += 1),
      fields: { title: 'Our BEC drill' },
      stamps: { title: stampAt(b.now()) },
      authors: { title: 'Chen Wei' },
      isDeleted: false,
    };
    expect(await applyPulledPage(b.env, [row], seq)).toMatchObject({ applied: 1, skipped: [] });
    expect(await b.db.exerciseScenarios.get(starter.id)).toMatchObject({ ...starter, title: 'Our BEC drill' });
  });

  it('sends exercise rows to the default team', async () => {
    const a = createTestEnvironment();
    await signedIn(a);
    const run = makeRunRecord('0190f0e0-0000-7000-8000-0000000e0011');
    const event = makeRunEvent('0190f0e0-0000-7000-8000-0000000e0012', run.id);
    await runWriteCommand(a.env, [a.db.exerciseRuns, a.db.exerciseRunEvents], async (recorder) => {
      await a.db.exerciseRuns.add(recorder.stampNew('exerciseRuns', run.id, run));
      await a.db.exerciseRunEvents.add(recorder.stampNew('exerciseRunEvents', event.id, event));
    });
    expect((await readPendingMutations(a.env, 500)).map((mutation) => [mutation.table, mutation.teamId])).toEqual([
      ['exerciseRuns', teamId],
      ['exerciseRunEvents', teamId],
    ]);
  });
});
