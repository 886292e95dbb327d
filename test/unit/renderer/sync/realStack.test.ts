/**
 * The real stack: the team server in process (PGlite), two clients on fake-indexeddb driven by
 * the real SyncEngine, and a network that drops requests, loses replies after the server acted,
 * and sends requests twice. Whatever the network does, after a final clean sync both clients and
 * the server hold the same incidents, and every timeline entry anyone wrote.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { createIncident, addTimelineNote, takeLifecycleAction } from '../../../../renderer/data/incidentCommands';
import { updateIncidentDetails } from '../../../../renderer/data/incidentDetailsCommand';
import { assignDefaultTeam, saveSession } from '../../../../renderer/data/syncSettings';
import { addTeamMember, changeTeamMemberRole, createResponderTeam, removeTeamMember } from '../../../../renderer/data/teamCommands';
import { readResponderTeams } from '../../../../renderer/data/teamQueries';
import { approvePlaybookDraft, createPlaybook, editPlaybookVersion, seedStarterPlaybooks } from '../../../../renderer/data/playbookCommands';
import { readPlaybookLibrary } from '../../../../renderer/data/playbookQueries';
import { starterPlaybooks } from '../../../../shared/domain/starterPlaybooks';
import { sampleContent } from '../../shared/playbookFixtures';
import { SyncEngine } from '../../../../renderer/sync/syncEngine';
import { createRandom, mixSeed, type Random } from '../../../../shared/domain/seededRandom';
import { createTestEnvironment, defaultStartMs, minute, saveTestProfile, validNewIncidentInput, type TestEnvironment } from '../../../support/dataEnvironment';
import { startSyncTestServer, type SyncTestServer } from '../../../support/syncTestServer';

type Client = { test: TestEnvironment; engine: SyncEngine; flaky: { isOn: boolean }; name: string };

let server: SyncTestServer | null = null;
afterEach(async () => {
  await server?.close();
  server = null;
});

/** A network that misbehaves on purpose, decided by a seeded random stream. */
function flakyFetch(random: Random, flaky: { isOn: boolean }, counts: Record<string, number>): typeof fetch {
  return async (input, init) => {
    if (!flaky.isOn) return fetch(input, init);
    const roll = random.next();
    if (roll < 0.15) {
      counts.droppedBeforeServer = (counts.droppedBeforeServer ?? 0) + 1;
      throw new TypeError('network down (request never arrived)');
    }
    if (roll < 0.3) {
      counts.lostReplies = (counts.lostReplies ?? 0) + 1;
      await fetch(input, init).then((response) => response.text());
      throw new TypeError('network down (reply lost after the server acted)');
    }
    if (roll < 0.45) {
      counts.duplicated = (counts.duplicated ?? 0) + 1;
      await fetch(input, init).then((response) => response.text());
      return fetch(input, init);
    }
    return fetch(input, init);
  };
}

async function makeClient(name: string, url: string, token: string, teamId: string, random: Random, counts: Record<string, number>, role: 'responder' | 'lead' | 'trainer' = 'responder'): Promise<Client> {
  const test = createTestEnvironment({ name: `${name}-${Math.floor(random.next() * 1e9)}` });
  await saveTestProfile(test.env, { name, initials: name.slice(0, 2).toUpperCase(), role });
  await saveSession(test.env, url, {
    accessToken: token,
    refreshToken: 'r'.repeat(40),
    expiresIn: 3600,
    user: { id: `user-${name}`, email: `${name}@example.test`, name, isAdmin: false },
    teams: [{ teamId, teamName: 'Blue', role }],
    deviceCode: name === 'alice' ? 'AAAA' : 'BBBB',
  });
  await assignDefaultTeam(test.env);
  const flaky = { isOn: true };
  const engine = new SyncEngine(test.env, { fetch: flakyFetch(random, flaky, counts), isLive: false, random: () => random.next() });
  return { test, engine, flaky, name };
}

async function domainState(test: TestEnvironment) {
  const strip = <T extends { fieldStamps: unknown; localSeq: number }>(row: T) => {
    const { fieldStamps: _stamps, localSeq: _seq, ...rest } = row;
    return rest;
  };
  const byId = (left: { id: string }, right: { id: string }) => (left.id < right.id ? -1 : 1);
  return {
    incidents: (await test.db.incidents.toArray()).map(strip).sort(byId),
    timelineEntries: (await test.db.timelineEntries.toArray()).map(strip).sort(byId),
    incidentStamps: Object.fromEntries((await test.db.incidents.toArray()).map((row) => [row.id, row.fieldStamps])),
  };
}

describe('real stack: server + PGlite + two Dexie clients on a bad network', () => {
  for (const seed of [1, 2, 3]) {
    it(`converges with every note kept (seed ${seed})`, async () => {
      server = await startSyncTestServer({ startMs: defaultStartMs + 60 * minute });
      const url = await server.app.listen({ host: '127.0.0.1', port: 0 });
      const teamId = await server.addTeam('Blue');
      const random = createRandom(mixSeed(seed, 99));
      const counts: Record<string, number> = {};
      const clients = [
        await makeClient('alice', url, (await server.addUser('Alice', { Blue: 'responder' })).token, teamId, random, counts),
        await makeClient('bob', url, (await server.addUser('Bob', { Blue: 'responder' })).token, teamId, random, counts),
      ];
      const notes: string[] = [];
      for (let step = 0; step < 30; step += 1) {
        const client = clients[Math.floor(random.next() * clients.length)]!;
        client.test.advance(Math.floor(random.next() * 20_000) - 5_000); // skewed, sometimes backwards
        const incidents = await client.test.db.incidents.toArray();
        const target = incidents[Math.floor(random.next() * incidents.length)];
        const roll = random.next();
        if (!target || roll < 0.2) {
          await createIncident(client.test.env, validNewIncidentInput(client.test.now(), { title: `${client.name} incident ${step}` }));
        } else if (roll < 0.5) {
          const text = `${client.name} note ${step}`;
          if ((await addTimelineNote(client.test.env, target.id, { kind: 'note', text, occurredAt: null, correctsEntryId: null })).ok) notes.push(text);
        } else if (roll < 0.75) {
          await updateIncidentDetails(client.test.env, target.id, { title: `${client.name} title ${step}`, ...(random.chance(0.5) ? { affectedServices: `svc ${step}` } : {}) });
        } else {
          await takeLifecycleAction(client.test.env, target.id, { type: random.pick(['acknowledge', 'startWork', 'markContained'] as const) });
        }
        if (random.chance(0.6)) await client.engine.syncNow();
      }
      // The network recovers; two clean rounds each bring everyone up to date.
      for (let round = 0; round < 2; round += 1) {
        for (const client of clients) {
          client.flaky.isOn = false;
          const result = await client.engine.syncNow();
          expect(result.ok).toBe(true);
        }
      }
      const [alice, bob] = [await domainState(clients[0]!.test), await domainState(clients[1]!.test)];
      expect(await clients[0]!.test.db.outbox.count()).toBe(0);
      expect(await clients[1]!.test.db.outbox.count()).toBe(0);
      expect(bob.incidents).toEqual(alice.incidents);
      expect(bob.incidentStamps).toEqual(alice.incidentStamps);
      expect(bob.timelineEntries).toEqual(alice.timelineEntries);
      const texts = new Set(alice.timelineEntries.map((entry) => entry.text));
      for (const note of notes) expect(texts.has(note)).toBe(true);
      const serverRows = await server.db.query<{ row_id: string; fields: { title?: string } }>("select row_id, fields from sync_rows where table_name = 'incidents'");
      expect(serverRows.rows.length).toBe(alice.incidents.length);
      for (const row of serverRows.rows) expect(alice.incidents.find((incident) => incident.id === row.row_id)?.title).toBe(row.fields.title);
      // The misbehaviour really happened.
      expect((counts.droppedBeforeServer ?? 0) + (counts.lostReplies ?? 0) + (counts.duplicated ?? 0)).toBeGreaterThan(3);
      for (const client of clients) client.engine.stop();
    }, 60_000);
  }
});

describe('real stack: responder teams', () => {
  it('a team made offline on one device reaches the other, member edits come back, and a non-lead change is rolled back', async () => {
    server = await startSyncTestServer({ startMs: defaultStartMs + 60 * minute });
    const url = await server.app.listen({ host: '127.0.0.1', port: 0 });
    const teamId = await server.addTeam('Blue');
    const random = createRandom(7);
    const counts: Record<string, number> = {};
    const lena = await makeClient('lena', url, (await server.addUser('Lena', { Blue: 'lead' })).token, teamId, random, counts, 'lead');
    const omar = await makeClient('omar', url, (await server.addUser('Omar', { Blue: 'lead' })).token, teamId, random, counts, 'lead');
    // Ravi's profile says lead, but the team server knows him as a responder.
    const ravi = await makeClient('ravi', url, (await server.addUser('Ravi', { Blue: 'responder' })).token, teamId, random, counts, 'lead');
    for (const client of [lena, omar, ravi]) client.flaky.isOn = false;

    // Lena works offline: the team and its members wait in her outbox.
    const created = await createResponderTeam(lena.test.env, { name: 'Security Operations', description: 'Phishing and malware' });
    if (!created.ok) throw new Error('setup failed');
    const team = created.value;
    expect((await addTeamMember(lena.test.env, team.id, { newPersonName: 'Kim Keyboard', role: 'lead' })).ok).toBe(true);
    expect((await addTeamMember(lena.test.env, team.id, { newPersonName: 'Sam Analyst', role: 'member' })).ok).toBe(true);
    expect(await lena.test.db.outbox.where('table').equals('responderTeams').count()).toBe(3);

    // Back online, she syncs; Omar's device pulls the team.
    expect((await lena.engine.syncNow()).ok).toBe(true);
    expect(await lena.test.db.outbox.count()).toBe(0);
    omar.test.advance(minute);
    expect((await omar.engine.syncNow()).ok).toBe(true);
    expect((await readResponderTeams(omar.test.env)).map((row) => [row.name, row.members.map((member) => `${member.person.name}:${member.role}`)])).toEqual([
      ['Security Operations', ['Kim Keyboard:lead', 'Sam Analyst:member']],
    ]);

    // Omar promotes Sam; Lena sees it after her next sync.
    const sam = (await readResponderTeams(omar.test.env))[0]!.members.find((member) => member.person.name === 'Sam Analyst')!;
    expect((await changeTeamMemberRole(omar.test.env, team.id, sam.person.id, 'manager')).ok).toBe(true);
    expect((await omar.engine.syncNow()).ok).toBe(true);
    lena.test.advance(2 * minute);
    expect((await lena.engine.syncNow()).ok).toBe(true);
    expect((await readResponderTeams(lena.test.env))[0]!.members.find((member) => member.person.id === sam.person.id)!.role).toBe('manager');

    // Ravi's device lets him (its profile says lead), but the server refuses: the change is undone and logged.
    ravi.test.advance(3 * minute);
    expect((await ravi.engine.syncNow()).ok).toBe(true);
    expect((await removeTeamMember(ravi.test.env, team.id, sam.person.id)).ok).toBe(true);
    expect((await ravi.engine.syncNow()).ok).toBe(true);
    expect((await readResponderTeams(ravi.test.env))[0]!.members.map((member) => member.person.name)).toEqual(['Kim Keyboard', 'Sam Analyst']);
    const logged = await ravi.test.db.conflicts.where('[table+rowId]').equals(['responderTeams', team.id]).toArray();
    expect(logged.map((conflict) => [conflict.kind, conflict.field])).toContainEqual(['rejected', 'members']);
    expect(logged.find((conflict) => conflict.field === 'members')!.reason).toMatch(/cannot change responder teams/);

    const domainTeams = async (client: Client) => (await client.test.db.responderTeams.toArray()).map(({ localSeq: _seq, ...row }) => row);
    expect(await domainTeams(omar)).toEqual(await domainTeams(lena));
    for (const client of [lena, omar, ravi]) client.engine.stop();
  }, 60_000);
});

describe('real stack: playbooks', () => {
  it('a playbook made offline on one device reaches another, a revised starter wins over the shipped one, and a trainer\'s draft is rolled back', async () => {
    server = await startSyncTestServer({ startMs: defaultStartMs + 60 * minute });
    const url = await server.app.listen({ host: '127.0.0.1', port: 0 });
    const teamId = await server.addTeam('Blue');
    const random = createRandom(11);
    const counts: Record<string, number> = {};
    const lena = await makeClient('lena', url, (await server.addUser('Lena', { Blue: 'lead' })).token, teamId, random, counts, 'lead');
    const omar = await makeClient('omar', url, (await server.addUser('Omar', { Blue: 'responder' })).token, teamId, random, counts);
    const tara = await makeClient('tara', url, (await server.addUser('Tara', { Blue: 'trainer' })).token, teamId, random, counts, 'trainer');
    for (const client of [lena, omar, tara]) client.flaky.isOn = false;

    // Lena, offline: seeds the starters, writes and approves a playbook, and revises the ransomware starter.
    await seedStarterPlaybooks(lena.test.env);
    const draft = await createPlaybook(lena.test.env, sampleContent({ name: 'Malware our way' }));
    if (!draft.ok) throw new Error('setup failed');
    expect((await approvePlaybookDraft(lena.test.env, draft.value.id)).ok).toBe(true);
    const revised = await editPlaybookVersion(lena.test.env, starterPlaybooks[0]!.id, { ...sampleContent(), name: 'Ransomware (our way)', categories: ['ransomware'] });
    if (!revised.ok) throw new Error(JSON.stringify(revised.errors));
    expect((await approvePlaybookDraft(lena.test.env, revised.value.id)).ok).toBe(true);
    // Seeds are not queued; only real changes are.
    expect(new Set((await lena.test.db.outbox.toArray()).map((row) => row.rowId))).toEqual(new Set([draft.value.id, revised.value.id, starterPlaybooks[0]!.id]));

    // Back online; Omar seeded earlier (a different day), then pulls.
    expect((await lena.engine.syncNow()).ok).toBe(true);
    expect(await lena.test.db.outbox.count()).toBe(0);
    await seedStarterPlaybooks(omar.test.env);
    omar.test.advance(minute);
    expect((await omar.engine.syncNow()).ok).toBe(true);
    const strip = async (client: Client) => (await client.test.db.playbooks.toArray()).map(({ localSeq: _seq, ...row }) => row).sort((left, right) => (left.id < right.id ? -1 : 1));
    expect(await strip(omar)).toEqual(await strip(lena));
    const library = await readPlaybookLibrary(omar.test.env);
    expect(library.map((playbook) => playbook.name)).toContain('Malware our way');
    expect(library.find((playbook) => playbook.lineageId === starterPlaybooks[0]!.lineageId)).toMatchObject({ version: 2, name: 'Ransomware (our way)', status: 'approved' });

    // A device that never seeded pulls the starter's retirement alone and still has the whole row.
    expect((await tara.engine.syncNow()).ok).toBe(true);
    expect(await tara.test.db.playbooks.get(starterPlaybooks[0]!.id)).toMatchObject({ name: 'Ransomware', status: 'retired', supersededBy: revised.value.id });

    // Trainers propose playbooks too: Tara's draft reaches the team.
    const trainerDraft = await createPlaybook(tara.test.env, sampleContent({ name: 'Tabletop drill' }));
    if (!trainerDraft.ok) throw new Error('setup failed');
    expect((await tara.engine.syncNow()).ok).toBe(true);
    expect((await omar.engine.syncNow()).ok).toBe(true);
    expect(await omar.test.db.playbooks.get(trainerDraft.value.id)).toMatchObject({ name: 'Tabletop drill', status: 'draft' });
    for (const client of [lena, omar, tara]) client.engine.stop();
  }, 120_000);
});
