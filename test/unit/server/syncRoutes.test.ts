// @vitest-environment node
/**
 * The sync protocol on the real server: PGlite by default, PostgreSQL when DATABASE_URL is set.
 * Idempotent replay, per-field last-writer-wins, insert-only timelines, pass-through of unknown
 * fields, the authorisation matrix for mutations, limits and errors.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { formatHlcStamp } from '../../../shared/domain/hlc';
import { starterPlaybooks } from '../../../shared/domain/starterPlaybooks';
import { starterScenarioRecords } from '../../../shared/domain/exerciseRecords';
import { makeHotWashRecord, makeRunEvent, makeRunRecord, makeScenarioRecord } from '../../support/exerciseFixtures';
import { maxPushMutations } from '../../../shared/sync/protocol';
import { verifyChangeLog } from '../../../server/sync/changeLog';
import { startSyncTestServer, type SyncTestServer } from '../../support/syncTestServer';

const minute = 60_000;
let server: SyncTestServer;

beforeEach(async () => {
  server = await startSyncTestServer();
});
afterEach(async () => {
  await server.close();
});

function stamp(wallMs: number, counter = 0, node = 'aaaaaaaaaaaaaaaa'): string {
  return formatHlcStamp({ wallMs, counter, nodeId: node });
}

let nextRow = 0;
function incidentId(): string {
  nextRow += 1;
  return `0190f0e0-0000-7000-8000-${String(nextRow).padStart(12, '0')}`;
}

function incidentInsert(mutationId: number, rowId: string, teamId: string, hlc: string, fields: Record<string, unknown> = {}) {
  return {
    mutationId,
    table: 'incidents',
    rowId,
    teamId,
    operation: 'insert',
    hlc,
    fields: { id: rowId, teamId, title: 'Mail gateway down', stage: 'new', mode: 'live', priority: 'P2', ...fields },
  };
}

/** A whole responder team row, as a lead's device pushes it. */
function responderTeamInsert(mutationId: number, rowId: string, teamId: string, hlc: string, fields: Record<string, unknown> = {}) {
  const at = new Date(Date.UTC(2026, 10, 27, 8, 0, 0)).toISOString();
  return {
    mutationId,
    table: 'responderTeams',
    rowId,
    teamId,
    operation: 'insert',
    hlc,
    fields: {
      id: rowId,
      name: 'Security Operations',
      description: 'Phishing, malware and account compromise',
      members: [{ person: { id: 'p-kim', name: 'Kim Keyboard' }, role: 'lead' }],
      createdAt: at,
      updatedAt: at,
      deletedAt: null,
      ...fields,
    },
  };
}

/** A whole playbook version row (a starter's content under a fresh id), as a responder's device pushes it. */
function playbookInsert(mutationId: number, rowId: string, teamId: string, hlc: string, fields: Record<string, unknown> = {}) {
  const { id: _id, lineageId: _lineageId, ...content } = starterPlaybooks[0]!;
  return { mutationId, table: 'playbooks', rowId, teamId, operation: 'insert', hlc, fields: { ...content, id: rowId, lineageId: rowId, status: 'draft', approvedAt: null, approvedBy: null, ...fields } };
}

/** A whole row of one of the exercise tables, as a player's or facilitator's device pushes it. */
function exerciseInsert(mutationId: number, table: 'exerciseScenarios' | 'exerciseRuns' | 'exerciseRunEvents' | 'exerciseRecords', rowId: string, teamId: string, hlc: string, fields: Record<string, unknown> = {}) {
  const runId = '0190f0e0-0000-7000-8000-ffffffffffff';
  const row =
    table === 'exerciseScenarios' ? makeScenarioRecord(rowId)
    : table === 'exerciseRuns' ? makeRunRecord(rowId)
    : table === 'exerciseRunEvents' ? makeRunEvent(rowId, runId)
    : makeHotWashRecord(rowId, runId);
  return { mutationId, table, rowId, teamId, operation: 'insert', hlc, fields: { ...row, ...fields } };
}

describe('push and pull', () => {
  it('applies a push, numbers rows in sequence, and pulls them back with authors', async () => {
    const team = await server.addTeam('Blue');
    const alice = await server.addUser('Alice', { Blue: 'responder' });
    const id = incidentId();
    const pushed = await server.push(alice.token, { clientId: 'client-a', schemaVersion: 1, mutations: [incidentInsert(1, id, team, stamp(server.clock.nowMs))] });
    expect(pushed.status).toBe(200);
    expect(pushed.body.outcomes).toEqual([{ mutationId: 1, status: 'applied' }]);
    const pulled = await server.pull(alice.token);
    expect(pulled.status).toBe(200);
    expect(pulled.body.rows).toHaveLength(1);
    expect(pulled.body.rows[0]).toMatchObject({ table: 'incidents', rowId: id, teamId: team, isDeleted: false, fields: { title: 'Mail gateway down' } });
    expect(pulled.body.rows[0].authors.title).toBe('Alice');
    expect(pulled.body.nextCursor).toBe(pulled.body.rows[0].seq);
    expect(pulled.body.hasMore).toBe(false);
  });

  it('a replayed push (lost acknowledgement) applies exactly once', async () => {
    const team = await server.addTeam('Blue');
    const alice = await server.addUser('Alice', { Blue: 'responder' });
    const id = incidentId();
    const batch = { clientId: 'client-a', schemaVersion: 1, mutations: [incidentInsert(1, id, team, stamp(server.clock.nowMs)), { mutationId: 2, table: 'incidents', rowId: id, teamId: team, operation: 'update', hlc: stamp(server.clock.nowMs, 1), fields: { stage: 'triaged' } }] };
    expect((await server.push(alice.token, batch)).body.outcomes.map((outcome: { status: string }) => outcome.status)).toEqual(['applied', 'applied']);
    // The client never heard back and sends the same batch again, plus a new change.
    const retry = await server.push(alice.token, { ...batch, mutations: [...batch.mutations, { mutationId: 3, table: 'incidents', rowId: id, teamId: team, operation: 'update', hlc: stamp(server.clock.nowMs, 2), fields: { title: 'Mail gateway restored' } }] });
    expect(retry.body.outcomes.map((outcome: { status: string }) => outcome.status)).toEqual(['duplicate', 'duplicate', 'applied']);
    const log = await server.db.query<{ mutation_id: number }>('select mutation_id from change_log order by id');
    expect(log.rows.map((row) => Number(row.mutation_id))).toEqual([1, 2, 3]);
    const row = (await server.pull(alice.token)).body.rows[0];
    expect(row.fields).toMatchObject({ stage: 'triaged', title: 'Mail gateway restored' });
    expect(await verifyChangeLog(server.db)).toEqual({ checked: 3, firstBadId: null });
  });

  it('merges per field by HLC: an older stamp loses, edits to other fields both survive', async () => {
    const team = await server.addTeam('Blue');
    const alice = await server.addUser('Alice', { Blue: 'responder' });
    const bob = await server.addUser('Bob', { Blue: 'responder' });
    const id = incidentId();
    const t = server.clock.nowMs;
    await server.push(alice.token, { clientId: 'a', schemaVersion: 1, mutations: [incidentInsert(1, id, team, stamp(t - 10 * minute))] });
    // Bob edits the title late; Alice's title edit arrives afterwards but was made earlier.
    await server.push(bob.token, { clientId: 'b', schemaVersion: 1, mutations: [{ mutationId: 1, table: 'incidents', rowId: id, teamId: team, operation: 'update', hlc: stamp(t - 2 * minute, 0, 'bbbbbbbbbbbbbbbb'), fields: { title: 'Bob title' } }] });
    await server.push(alice.token, { clientId: 'a', schemaVersion: 1, mutations: [{ mutationId: 2, table: 'incidents', rowId: id, teamId: team, operation: 'update', hlc: stamp(t - 5 * minute), fields: { title: 'Alice title', priority: 'P1' } }] });
    const row = (await server.pull(bob.token)).body.rows[0];
    expect(row.fields.title).toBe('Bob title');
    expect(row.fields.priority).toBe('P1');
    expect(row.authors).toMatchObject({ title: 'Bob', priority: 'Alice' });
  });

  it('records a same-field clash when a field changed since the pusher last saw it, for every member to pull', async () => {
    const team = await server.addTeam('Blue');
    const alice = await server.addUser('Alice', { Blue: 'responder' });
    const bob = await server.addUser('Bob', { Blue: 'responder' });
    const id = incidentId();
    const t = server.clock.nowMs;
    const created = stamp(t - 10 * minute);
    await server.push(alice.token, { clientId: 'a', schemaVersion: 1, mutations: [incidentInsert(1, id, team, created)] });
    // Both edited the title offline, starting from the same version; Alice syncs first, Bob later.
    const aliceEdit = stamp(t - 4 * minute);
    const bobEdit = stamp(t - 6 * minute, 0, 'bbbbbbbbbbbbbbbb');
    await server.push(alice.token, { clientId: 'a', schemaVersion: 1, mutations: [{ mutationId: 2, table: 'incidents', rowId: id, teamId: team, operation: 'update', hlc: aliceEdit, baseStamps: { title: created }, fields: { title: 'Alice title' } }] });
    const bobPush = await server.push(bob.token, { clientId: 'b', schemaVersion: 1, mutations: [{ mutationId: 1, table: 'incidents', rowId: id, teamId: team, operation: 'update', hlc: bobEdit, baseStamps: { title: created, description: created }, fields: { title: 'Bob title', description: 'Bob description' } }] });
    expect(bobPush.body.outcomes[0].status).toBe('applied');
    const row = (await server.pull(alice.token)).body.rows[0];
    expect(row.fields).toMatchObject({ title: 'Alice title', description: 'Bob description' });
    expect(row.clashes).toEqual([
      {
        id: `incidents:${id}:title:${bobEdit}:${aliceEdit}`,
        table: 'incidents',
        rowId: id,
        field: 'title',
        winner: { value: 'Alice title', stamp: aliceEdit, author: 'Alice' },
        loser: { value: 'Bob title', stamp: bobEdit, author: 'Bob' },
        detectedAtMs: t,
      },
    ]);
    // An edit made on top of the latest value is no clash.
    await server.push(bob.token, { clientId: 'b', schemaVersion: 1, mutations: [{ mutationId: 2, table: 'incidents', rowId: id, teamId: team, operation: 'update', hlc: stamp(t - minute, 0, 'bbbbbbbbbbbbbbbb'), baseStamps: { title: aliceEdit }, fields: { title: 'Agreed title' } }] });
    expect((await server.pull(bob.token)).body.rows[0].clashes).toHaveLength(1);
  });

  it('timeline entries are insert-only: a second write of the same id changes nothing', async () => {
    const team = await server.addTeam('Blue');
    const alice = await server.addUser('Alice', { Blue: 'responder' });
    const entryId = incidentId();
    const entry = (mutationId: number, text: string, hlc: string) => ({ mutationId, table: 'timelineEntries', rowId: entryId, teamId: team, operation: 'insert', hlc, fields: { id: entryId, incidentId: incidentId(), kind: 'note', text } });
    await server.push(alice.token, { clientId: 'a', schemaVersion: 1, mutations: [entry(1, 'Original note', stamp(server.clock.nowMs - minute))] });
    const second = await server.push(alice.token, { clientId: 'a', schemaVersion: 1, mutations: [entry(2, 'Rewritten note', stamp(server.clock.nowMs))] });
    expect(second.body.outcomes[0].status).toBe('applied');
    const rows = (await server.pull(alice.token)).body.rows;
    expect(rows).toHaveLength(1);
    expect(rows[0].fields.text).toBe('Original note');
  });

  it('stores fields it does not know and passes them through; refuses invalid known fields', async () => {
    const team = await server.addTeam('Blue');
    const alice = await server.addUser('Alice', { Blue: 'responder' });
    const id = incidentId();
    const pushed = await server.push(alice.token, {
      clientId: 'a',
      schemaVersion: 1,
      mutations: [incidentInsert(1, id, team, stamp(server.clock.nowMs), { futureField: { nested: [1, 2] } }), incidentInsert(2, incidentId(), team, stamp(server.clock.nowMs, 1), { priority: 'P9' })],
    });
    expect(pushed.body.outcomes[0].status).toBe('applied');
    expect(pushed.body.outcomes[1]).toMatchObject({ status: 'rejected', reason: expect.stringContaining('priority') });
    const rows = (await server.pull(alice.token)).body.rows;
    expect(rows).toHaveLength(1);
    expect(rows[0].fields.futureField).toEqual({ nested: [1, 2] });
  });

  it('deletes are tombstones that a concurrent edit of another field does not undo', async () => {
    const team = await server.addTeam('Blue');
    const alice = await server.addUser('Alice', { Blue: 'responder' });
    const id = incidentId();
    const t = server.clock.nowMs;
    await server.push(alice.token, { clientId: 'a', schemaVersion: 1, mutations: [incidentInsert(1, id, team, stamp(t - 3 * minute)), { mutationId: 2, table: 'incidents', rowId: id, teamId: team, operation: 'delete', hlc: stamp(t - 2 * minute), fields: { deletedAt: new Date(t - 2 * minute).toISOString() } }, { mutationId: 3, table: 'incidents', rowId: id, teamId: team, operation: 'update', hlc: stamp(t - minute), fields: { title: 'Edited after delete' } }] });
    const row = (await server.pull(alice.token)).body.rows[0];
    expect(row.isDeleted).toBe(true);
    expect(row.fields.title).toBe('Edited after delete');
  });

  it('pulls only the chosen teams when asked, and never a team the user is not in', async () => {
    const blue = await server.addTeam('Blue');
    const red = await server.addTeam('Red');
    await server.addTeam('Green');
    const alice = await server.addUser('Alice', { Blue: 'responder', Red: 'responder' });
    const blueRow = incidentId();
    const redRow = incidentId();
    await server.push(alice.token, { clientId: 'a', schemaVersion: 1, mutations: [incidentInsert(1, blueRow, blue, stamp(server.clock.nowMs)), incidentInsert(2, redRow, red, stamp(server.clock.nowMs, 1))] });
    const rowIds = async (teams: string) => (await server!.app.inject({ method: 'GET', url: `/sync/pull?cursor=0&limit=10&teams=${teams}`, headers: { authorization: `Bearer ${alice.token}`, 'x-firebreak-schema': '1' } })).json().rows.map((row: { rowId: string }) => row.rowId);
    expect(await rowIds(blue)).toEqual([blueRow]);
    expect(await rowIds(`${blue},${red}`)).toEqual([blueRow, redRow]);
    expect(await rowIds('team-green')).toEqual([]);
    expect((await server.pull(alice.token)).body.rows).toHaveLength(2);
  });

  it("accepts a lead's responder team, refuses an invalid one, and sends teams only to clients that know them", async () => {
    const team = await server.addTeam('Blue');
    const lead = await server.addUser('Lena Lead', { Blue: 'lead' });
    const teamRow = incidentId();
    const incidentRow = incidentId();
    const duplicateMember = { person: { id: 'p-kim', name: 'Kim Keyboard' }, role: 'member' };
    const pushed = await server.push(lead.token, {
      clientId: 'lead',
      schemaVersion: 2,
      mutations: [
        responderTeamInsert(1, teamRow, team, stamp(server.clock.nowMs)),
        responderTeamInsert(2, incidentId(), team, stamp(server.clock.nowMs, 1), { members: [duplicateMember, duplicateMember] }),
        responderTeamInsert(3, incidentId(), team, stamp(server.clock.nowMs, 2), { name: '   ' }),
        incidentInsert(4, incidentRow, team, stamp(server.clock.nowMs, 3)),
      ],
    });
    expect(pushed.body.outcomes.map((outcome: { status: string }) => outcome.status)).toEqual(['applied', 'rejected', 'rejected', 'applied']);
    expect(pushed.body.outcomes[1].reason).toBe('Field "members" is not valid: Each person can be in a team once');
    expect(pushed.body.outcomes[2].reason).toBe('Field "name" is not valid: Name the team');

    const current = (await server.pull(lead.token)).body.rows;
    expect(current.map((row: { table: string; rowId: string }) => [row.table, row.rowId])).toEqual([
      ['responderTeams', teamRow],
      ['incidents', incidentRow],
    ]);
    expect(current[0].fields.members).toEqual([{ person: { id: 'p-kim', name: 'Kim Keyboard' }, role: 'lead' }]);
    // An app of schema 1 cannot parse team rows, so it pulls only what it knows.
    const older = await server.app.inject({ method: 'GET', url: '/sync/pull?cursor=0&limit=10', headers: { authorization: `Bearer ${lead.token}`, 'x-firebreak-schema': '1' } });
    expect(older.json().rows.map((row: { rowId: string }) => row.rowId)).toEqual([incidentRow]);
  });

  it('pulls in pages, in sequence order, without gaps or repeats', async () => {
    const team = await server.addTeam('Blue');
    const alice = await server.addUser('Alice', { Blue: 'responder' });
    const mutations = Array.from({ length: 25 }, (_, index) => incidentInsert(index + 1, incidentId(), team, stamp(server.clock.nowMs, index)));
    await server.push(alice.token, { clientId: 'a', schemaVersion: 1, mutations });
    const seen: string[] = [];
    let cursor = 0;
    for (;;) {
      const page = (await server.pull(alice.token, cursor, 7)).body;
      seen.push(...page.rows.map((row: { rowId: string }) => row.rowId));
      cursor = page.nextCursor;
      if (!page.hasMore) break;
    }
    expect(seen).toEqual(mutations.map((mutation) => mutation.rowId));
  });
});

describe('authorisation of mutations', () => {
  it.each([
    ['viewer', 'incidents', 'live', 'rejected'],
    ['responder', 'incidents', 'live', 'applied'],
    ['lead', 'incidents', 'live', 'applied'],
    ['trainer', 'incidents', 'live', 'rejected'],
    ['trainer', 'incidents', 'exercise', 'applied'],
    ['viewer', 'settings', null, 'rejected'],
    ['responder', 'settings', null, 'rejected'],
    ['trainer', 'settings', null, 'rejected'],
    ['lead', 'settings', null, 'applied'],
    ['viewer', 'responderTeams', null, 'rejected'],
    ['responder', 'responderTeams', null, 'rejected'],
    ['trainer', 'responderTeams', null, 'rejected'],
    ['lead', 'responderTeams', null, 'applied'],
    ['viewer', 'playbooks', null, 'rejected'],
    ['trainer', 'playbooks', null, 'applied'],
    ['responder', 'playbooks', null, 'applied'],
    ['lead', 'playbooks', null, 'applied'],
    ...(['exerciseScenarios', 'exerciseRuns', 'exerciseRunEvents', 'exerciseRecords'] as const).flatMap((table) => [
      ['viewer', table, null, 'rejected'] as const,
      ['responder', table, null, 'applied'] as const,
      ['trainer', table, null, 'applied'] as const,
      ['lead', table, null, 'applied'] as const,
    ]),
  ] as const)('%s writing %s (%s) is %s', async (role, table, mode, expected) => {
    const team = await server.addTeam('Blue');
    const user = await server.addUser('Member', { Blue: role });
    const mutation =
      table === 'settings'
        ? { mutationId: 1, table, rowId: 'priorityMatrix', teamId: team, operation: 'insert', hlc: stamp(server.clock.nowMs), fields: { key: 'priorityMatrix', value: { high: { high: 'P1', medium: 'P1', low: 'P2' }, medium: { high: 'P2', medium: 'P3', low: 'P4' }, low: { high: 'P3', medium: 'P4', low: 'P5' } } } }
        : table === 'responderTeams'
          ? responderTeamInsert(1, incidentId(), team, stamp(server.clock.nowMs))
          : table === 'playbooks'
            ? playbookInsert(1, incidentId(), team, stamp(server.clock.nowMs))
            : table === 'incidents'
              ? incidentInsert(1, incidentId(), team, stamp(server.clock.nowMs), { mode })
              : exerciseInsert(1, table, incidentId(), team, stamp(server.clock.nowMs));
    const response = await server.push(user.token, { clientId: `c-${role}-${table}`, schemaVersion: 1, mutations: [mutation] });
    expect(response.status).toBe(200);
    expect(response.body.outcomes[0].status).toBe(expected);
    if (expected === 'rejected') expect(response.body.outcomes[0].currentRow).toBeNull();
    if (expected === 'rejected' && table === 'responderTeams' && role !== 'viewer') {
      expect(response.body.outcomes[0].reason).toBe(`Your role (${role}) cannot change responder teams (team policy, owned by leads).`);
    }
  });

  it('validates playbook fields, refuses playbook rows from schema-2 pulls, and lets every team hold its own copy of a starter', async () => {
    const blue = await server.addTeam('Blue');
    const red = await server.addTeam('Red');
    const ada = await server.addUser('Ada', { Blue: 'responder', Red: 'responder' });
    const good = incidentId();
    const at = stamp(server.clock.nowMs);
    const pushed = await server.push(ada.token, {
      clientId: 'ada',
      schemaVersion: 3,
      mutations: [
        playbookInsert(1, good, blue, at),
        playbookInsert(2, incidentId(), blue, stamp(server.clock.nowMs, 1), { status: 'published' }),
        playbookInsert(3, incidentId(), blue, stamp(server.clock.nowMs, 2), { steps: [] }),
        // A starter's retirement, pushed by devices of two teams: each team keeps its own row.
        { mutationId: 4, table: 'playbooks', rowId: starterPlaybooks[0]!.id, teamId: blue, operation: 'update', hlc: stamp(server.clock.nowMs, 3), fields: { status: 'retired' } },
        { mutationId: 5, table: 'playbooks', rowId: starterPlaybooks[0]!.id, teamId: red, operation: 'update', hlc: stamp(server.clock.nowMs, 4), fields: { status: 'retired' } },
      ],
    });
    expect(pushed.body.outcomes.map((outcome: { status: string }) => outcome.status)).toEqual(['applied', 'rejected', 'rejected', 'applied', 'applied']);
    expect(pushed.body.outcomes[1].reason).toMatch(/^Field "status" is not valid/);
    expect(pushed.body.outcomes[2].reason).toBe('Field "steps" is not valid: Add at least one step');
    const rows = (await server.pull(ada.token)).body.rows.map((row: { rowId: string; teamId: string }) => [row.rowId, row.teamId]);
    expect(rows).toEqual([
      [good, blue],
      [starterPlaybooks[0]!.id, blue],
      [starterPlaybooks[0]!.id, red],
    ]);
    // Another playbook's id is still one team's only.
    const stolen = await server.push(ada.token, { clientId: 'ada', schemaVersion: 3, mutations: [playbookInsert(6, good, red, stamp(server.clock.nowMs, 5))] });
    expect(stolen.body.outcomes[0]).toMatchObject({ status: 'rejected', reason: 'This row belongs to another team.' });
    // An app of schema 2 knows no playbooks, so its pull leaves them out.
    const older = await server.app.inject({ method: 'GET', url: '/sync/pull?cursor=0&limit=10', headers: { authorization: `Bearer ${ada.token}`, 'x-firebreak-schema': '2' } });
    expect(older.json().rows).toEqual([]);
  });

  it('pushes and pulls every exercise table: fields validated per kind, clock events insert-only, starter scenarios in every team, unseen by schema-3 pulls', async () => {
    const blue = await server.addTeam('Blue');
    const red = await server.addTeam('Red');
    const ada = await server.addUser('Ada', { Blue: 'responder', Red: 'responder' });
    const ids = { scenario: incidentId(), run: incidentId(), event: incidentId(), record: incidentId() };
    const t = server.clock.nowMs;
    const starter = starterScenarioRecords[0]!;
    const pushed = await server.push(ada.token, {
      clientId: 'ada',
      schemaVersion: 4,
      mutations: [
        exerciseInsert(1, 'exerciseScenarios', ids.scenario, blue, stamp(t)),
        exerciseInsert(2, 'exerciseRuns', ids.run, blue, stamp(t, 1)),
        exerciseInsert(3, 'exerciseRunEvents', ids.event, blue, stamp(t, 2), { runId: ids.run }),
        exerciseInsert(4, 'exerciseRecords', ids.record, blue, stamp(t, 3), { runId: ids.run }),
        // Damaged rows: a run at an impossible speed, an event of a kind with a missing field's wrong type, a record changing its kind.
        exerciseInsert(5, 'exerciseRuns', incidentId(), blue, stamp(t, 4), { initialMultiplier: 500 }),
        exerciseInsert(6, 'exerciseRunEvents', incidentId(), blue, stamp(t, 5), { kind: 'speed_changed', multiplier: 'fast' }),
        { mutationId: 7, table: 'exerciseRecords', rowId: ids.record, teamId: blue, operation: 'update', hlc: stamp(t, 6), fields: { recordKind: 'observation' } },
        // A hot-wash comment edited: the record's own fields are checked against its kind.
        { mutationId: 8, table: 'exerciseRecords', rowId: ids.record, teamId: blue, operation: 'update', hlc: stamp(t, 7), fields: { text: 'Backups checked in ten minutes' } },
        { mutationId: 9, table: 'exerciseRecords', rowId: ids.record, teamId: blue, operation: 'update', hlc: stamp(t, 8), fields: { kind: 'strength' } },
        // Clock events never change once written.
        { mutationId: 10, table: 'exerciseRunEvents', rowId: ids.event, teamId: blue, operation: 'update', hlc: stamp(t, 9), fields: { at: '2026-03-09T10:00:00.000Z' } },
        // A starter scenario's change, pushed into two teams: each keeps its own row.
        { mutationId: 11, table: 'exerciseScenarios', rowId: starter.id, teamId: blue, operation: 'update', hlc: stamp(t, 10), fields: { deletedAt: '2026-03-09T10:00:00.000Z' } },
        { mutationId: 12, table: 'exerciseScenarios', rowId: starter.id, teamId: red, operation: 'update', hlc: stamp(t, 11), fields: { title: 'Red ransomware' } },
      ],
    });
    expect(pushed.body.outcomes.map((outcome: { status: string }) => outcome.status)).toEqual([
      'applied', 'applied', 'applied', 'applied', 'rejected', 'rejected', 'rejected', 'applied', 'rejected', 'applied', 'applied', 'applied',
    ]);
    expect(pushed.body.outcomes[4].reason).toMatch(/^Field "initialMultiplier" is not valid: The speed is at most 60x/);
    expect(pushed.body.outcomes[5].reason).toMatch(/^Field "multiplier" is not valid/);
    expect(pushed.body.outcomes[6].reason).toBe('A row cannot change its recordKind');
    expect(pushed.body.outcomes[8].reason).toMatch(/^Field "kind" is not valid/);

    const rows = (await server.pull(ada.token)).body.rows as { table: string; rowId: string; teamId: string; fields: Record<string, unknown>; isDeleted: boolean }[];
    expect(rows.map((row) => [row.table, row.rowId, row.teamId])).toEqual([
      ['exerciseScenarios', ids.scenario, blue],
      ['exerciseRuns', ids.run, blue],
      ['exerciseRunEvents', ids.event, blue],
      ['exerciseRecords', ids.record, blue],
      ['exerciseScenarios', starter.id, blue],
      ['exerciseScenarios', starter.id, red],
    ]);
    expect(rows[1]!.fields).toEqual(makeRunRecord(ids.run));
    expect(rows[2]!.fields['at']).toBe('2026-03-09T09:05:00.000Z');
    expect(rows[3]!.fields).toMatchObject({ recordKind: 'hot_wash', kind: 'went_well', text: 'Backups checked in ten minutes' });
    expect(rows[4]!.isDeleted).toBe(true);
    // Another scenario's id is still one team's only.
    const stolen = await server.push(ada.token, { clientId: 'ada', schemaVersion: 4, mutations: [exerciseInsert(13, 'exerciseScenarios', ids.scenario, red, stamp(t, 12))] });
    expect(stolen.body.outcomes[0]).toMatchObject({ status: 'rejected', reason: 'This row belongs to another team.' });
    // An app of schema 3 knows no exercise tables, so its pull leaves them out.
    const older = await server.app.inject({ method: 'GET', url: '/sync/pull?cursor=0&limit=10', headers: { authorization: `Bearer ${ada.token}`, 'x-firebreak-schema': '3' } });
    expect(older.json().rows).toEqual([]);
  });

  it('a trainer may add notes to exercise incidents only', async () => {
    const team = await server.addTeam('Blue');
    const lead = await server.addUser('Lead', { Blue: 'lead' });
    const trainer = await server.addUser('Trainer', { Blue: 'trainer' });
    const live = incidentId();
    const drill = incidentId();
    await server.push(lead.token, { clientId: 'lead', schemaVersion: 1, mutations: [incidentInsert(1, live, team, stamp(server.clock.nowMs)), incidentInsert(2, drill, team, stamp(server.clock.nowMs, 1), { mode: 'exercise' })] });
    const note = (mutationId: number, incident: string) => ({ mutationId, table: 'timelineEntries', rowId: incidentId(), teamId: team, operation: 'insert', hlc: stamp(server.clock.nowMs, 5 + mutationId), fields: { incidentId: incident, kind: 'note', text: 'Inject received' } });
    const response = await server.push(trainer.token, { clientId: 'trainer', schemaVersion: 1, mutations: [note(1, live), note(2, drill)] });
    expect(response.body.outcomes.map((outcome: { status: string }) => outcome.status)).toEqual(['rejected', 'applied']);
  });

  it("rejects changes to another team's rows, and to teams the user has left, returning the server row to roll back to", async () => {
    const blue = await server.addTeam('Blue');
    const red = await server.addTeam('Red');
    const alice = await server.addUser('Alice', { Blue: 'responder' });
    const rita = await server.addUser('Rita', { Red: 'responder' });
    const id = incidentId();
    await server.push(alice.token, { clientId: 'a', schemaVersion: 1, mutations: [incidentInsert(1, id, blue, stamp(server.clock.nowMs))] });
    // Rita cannot write into Blue, nor claim Blue's incident for Red.
    const intoBlue = await server.push(rita.token, { clientId: 'r', schemaVersion: 1, mutations: [{ mutationId: 1, table: 'incidents', rowId: id, teamId: blue, operation: 'update', hlc: stamp(server.clock.nowMs, 1), fields: { title: 'Hijacked' } }] });
    expect(intoBlue.body.outcomes[0]).toMatchObject({ status: 'rejected', reason: expect.stringContaining('not a member') });
    expect(intoBlue.body.outcomes[0].currentRow.fields.title).toBe('Mail gateway down');
    const intoRed = await server.push(rita.token, { clientId: 'r', schemaVersion: 1, mutations: [{ mutationId: 2, table: 'incidents', rowId: id, teamId: red, operation: 'update', hlc: stamp(server.clock.nowMs, 2), fields: { title: 'Hijacked' } }] });
    expect(intoRed.body.outcomes[0]).toMatchObject({ status: 'rejected', reason: 'This row belongs to another team.' });
    // Rita sees none of Blue's rows.
    expect((await server.pull(rita.token)).body.rows).toEqual([]);
    // Alice is removed from Blue while offline: her queued edits are refused on push.
    await server.db.query('delete from memberships where user_id = $1', [alice.userId]);
    const late = await server.push(alice.token, { clientId: 'a', schemaVersion: 1, mutations: [{ mutationId: 2, table: 'incidents', rowId: id, teamId: blue, operation: 'update', hlc: stamp(server.clock.nowMs, 3), fields: { title: 'Offline edit' } }] });
    expect(late.body.outcomes[0]).toMatchObject({ status: 'rejected', currentRow: { fields: { title: 'Mail gateway down' } } });
  });

  it('a re-sent rejected mutation (its refusal was lost) is refused again, with the row to roll back to', async () => {
    const team = await server.addTeam('Blue');
    const lead = await server.addUser('Lead', { Blue: 'lead' });
    const viewer = await server.addUser('Viewer', { Blue: 'viewer' });
    const id = incidentId();
    await server.push(lead.token, { clientId: 'lead', schemaVersion: 1, mutations: [incidentInsert(1, id, team, stamp(server.clock.nowMs))] });
    const edit = { clientId: 'viewer', schemaVersion: 1, mutations: [{ mutationId: 1, table: 'incidents', rowId: id, teamId: team, operation: 'update', hlc: stamp(server.clock.nowMs, 1), fields: { title: 'Viewer edit' } }] };
    const first = await server.push(viewer.token, edit);
    const again = await server.push(viewer.token, edit);
    expect(first.body.outcomes[0]).toMatchObject({ status: 'rejected', currentRow: { fields: { title: 'Mail gateway down' } } });
    expect(again.body.outcomes[0]).toEqual(first.body.outcomes[0]);
  });

  it('refuses a change stamped more than five minutes ahead of the server clock', async () => {
    const team = await server.addTeam('Blue');
    const alice = await server.addUser('Alice', { Blue: 'responder' });
    const response = await server.push(alice.token, { clientId: 'a', schemaVersion: 1, mutations: [incidentInsert(1, incidentId(), team, stamp(server.clock.nowMs + 30 * minute))] });
    expect(response.body.outcomes[0]).toMatchObject({ status: 'rejected', reason: expect.stringContaining('in the future') });
  });

  it('a client id belongs to the user who first used it', async () => {
    const team = await server.addTeam('Blue');
    const alice = await server.addUser('Alice', { Blue: 'responder' });
    const mallory = await server.addUser('Mallory', { Blue: 'responder' });
    await server.push(alice.token, { clientId: 'shared', schemaVersion: 1, mutations: [incidentInsert(1, incidentId(), team, stamp(server.clock.nowMs))] });
    const response = await server.push(mallory.token, { clientId: 'shared', schemaVersion: 1, mutations: [incidentInsert(2, incidentId(), team, stamp(server.clock.nowMs, 1))] });
    expect(response.status).toBe(403);
  });
});

describe('request checks', () => {
  it('refuses requests without a valid token, without the schema header, with unknown fields, or too many mutations', async () => {
    const team = await server.addTeam('Blue');
    const alice = await server.addUser('Alice', { Blue: 'responder' });
    expect((await server.push('not-a-real-token-at-all-xxxxxxxx', { clientId: 'a', schemaVersion: 1, mutations: [] })).status).toBe(401);
    const noHeader = await server.app.inject({ method: 'GET', url: '/sync/pull', headers: { authorization: `Bearer ${alice.token}` } });
    expect(noHeader.statusCode).toBe(426);
    expect(JSON.parse(noHeader.body).error).toBe('client-too-old');
    const unknownField = await server.push(alice.token, { clientId: 'a', schemaVersion: 1, mutations: [], sneaky: true });
    expect(unknownField.status).toBe(400);
    expect(unknownField.body.error).toBe('invalid-request');
    const tooMany = await server.push(alice.token, { clientId: 'a', schemaVersion: 1, mutations: Array.from({ length: maxPushMutations + 1 }, (_, index) => incidentInsert(index + 1, incidentId(), team, stamp(server.clock.nowMs, index))) });
    expect(tooMany.status).toBe(400);
    expect(await server.db.query('select 1 from sync_rows')).toMatchObject({ rows: [] });
    const badCursor = await server.pull(alice.token, -5);
    expect(badCursor.status).toBe(400);
  });
});

describe('change log', () => {
  it('is hash-chained: editing history is detected', async () => {
    const team = await server.addTeam('Blue');
    const alice = await server.addUser('Alice', { Blue: 'responder' });
    const mutations = Array.from({ length: 4 }, (_, index) => incidentInsert(index + 1, incidentId(), team, stamp(server.clock.nowMs, index)));
    await server.push(alice.token, { clientId: 'a', schemaVersion: 1, mutations });
    expect(await verifyChangeLog(server.db)).toEqual({ checked: 4, firstBadId: null });
    const third = (await server.db.query<{ id: number }>('select id from change_log order by id offset 2 limit 1')).rows[0]!.id;
    await server.db.query("update change_log set fields = '{title}' where id = $1", [third]);
    expect((await verifyChangeLog(server.db)).firstBadId).toBe(Number(third));
  });
});
