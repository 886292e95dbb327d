/**
 * The automatic escalation runner over a real Dexie database (fake-indexeddb) with a device clock
 * the test moves. The wake-up timer is a hand-driven scheduler: the test sees the instant the
 * runner asked to be woken at, moves the clock there, and fires the timer.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { EscalationRule } from '../../../../shared/domain/escalation';
import type { Incident } from '../../../../shared/domain/incident';
import { timelineEntrySchema } from '../../../../shared/domain/timeline';
import {
  automaticEscalationAuthor,
  escalationEntryId,
  startEscalationRunner,
  type EscalationRunner,
  type Scheduler,
} from '../../../../renderer/data/escalationRunner';
import { createIncident, takeLifecycleAction } from '../../../../renderer/data/incidentCommands';
import { readProfile } from '../../../../renderer/data/profile';
import { generateSampleData } from '../../../../renderer/data/sampleDataCommand';
import { updateSetting } from '../../../../renderer/data/settingsData';
import { createTestEnvironment, hour, minute, saveTestProfile, validNewIncidentInput, type TestEnvironment } from '../../../support/dataEnvironment';

const second = 1000;
const lead = { name: 'Lena Lead', initials: 'LL', role: 'lead' } as const;

/** A timer the test fires by hand; it remembers only the latest request, as the runner keeps one. */
class HandDrivenScheduler implements Scheduler {
  pending: { callback: () => void; delayMs: number } | null = null;
  setTimeout(callback: () => void, delayMs: number): unknown {
    const handle = { callback, delayMs };
    this.pending = handle;
    return handle;
  }
  clearTimeout(handle: unknown): void {
    if (this.pending === handle) this.pending = null;
  }
  fire(): void {
    const pending = this.pending;
    if (!pending) throw new Error('No timer is set');
    this.pending = null;
    pending.callback();
  }
}

function rule(overrides: Partial<EscalationRule> = {}): EscalationRule {
  return {
    id: 'rule-p1-response',
    name: 'P1 response at risk',
    isEnabled: true,
    trigger: { type: 'serviceLevel', clock: 'response', state: 'warning' },
    conditions: { priorities: ['P1'] },
    action: { level: 'hierarchical', recipient: { kind: 'lead' } },
    activeFrom: '2026-01-01T00:00:00.000Z',
    ...overrides,
  };
}

const runners: EscalationRunner[] = [];
afterEach(() => {
  for (const runner of runners.splice(0)) runner.stop();
});

async function setUp(options: { profile?: { name: string; initials: string; role: string }; rules?: EscalationRule[] } = {}) {
  const test = createTestEnvironment();
  await saveTestProfile(test.env, options.profile ?? lead);
  const saved = await updateSetting(test.env, 'escalationRules', { rules: options.rules ?? [rule()], updatedAt: new Date(test.now()).toISOString() });
  if (!saved.ok) throw new Error(`rules did not save: ${JSON.stringify(saved.errors)}`);
  return test;
}

function start(test: TestEnvironment) {
  const scheduler = new HandDrivenScheduler();
  const notified: { title: string; body: string }[] = [];
  const errors: unknown[] = [];
  const runner = startEscalationRunner(test.env, { scheduler, notify: (notification) => notified.push(notification), onError: (error) => errors.push(error) });
  runners.push(runner);
  return { runner, scheduler, notified, errors };
}

async function newP1(test: TestEnvironment, overrides: Parameters<typeof validNewIncidentInput>[1] = {}): Promise<Incident> {
  const created = await createIncident(test.env, validNewIncidentInput(test.now(), { impact: 'high', urgency: 'high', ...overrides }));
  if (!created.ok) throw new Error(JSON.stringify(created.errors));
  return created.value;
}

async function escalationEntries(test: TestEnvironment, incidentId: string) {
  return (await test.db.timelineEntries.where('incidentId').equals(incidentId).toArray()).filter((entry) => entry.kind === 'escalation');
}

/** Moves the device clock to the instant the runner asked for, and lets the timer go off. */
async function wakeAtPlannedInstant(test: TestEnvironment, runner: EscalationRunner, scheduler: HandDrivenScheduler): Promise<void> {
  const wakeAt = runner.nextWakeAtMs();
  if (wakeAt === null) throw new Error('The runner planned no wake-up');
  test.setClock(wakeAt);
  scheduler.fire();
  await runner.settled();
}

describe('escalation runner', () => {
  it('never escalates an exercise incident, in a run or not: no timer, no entry, no notification', async () => {
    const test = await setUp();
    const drill = await newP1(test, { mode: 'exercise' });
    const inRun = await createIncident(test.env, validNewIncidentInput(test.now(), { impact: 'high', urgency: 'high', mode: 'exercise' }), { exerciseRunId: '0190f0e0-0000-7000-8000-0000000e0001' });
    if (!inRun.ok) throw new Error('setup failed');
    const { runner } = start(test);
    await runner.settled();
    expect(runner.nextWakeAtMs()).toBeNull();
    test.advance(2 * hour);
    await runner.settled();
    const live = await newP1(test);
    await runner.settled();
    // Only the live incident is planned.
    expect(runner.nextWakeAtMs()).toBe(Date.parse(live.reportedAt) + 11 * minute + 15 * second);
    for (const incident of [drill, inRun.value]) {
      expect(await escalationEntries(test, incident.id)).toEqual([]);
      expect((await test.db.incidents.get(incident.id))?.escalationCount).toBe(0);
    }
    expect(await test.db.notifications.count()).toBe(0);
  });

  it('stays dormant without rules, and wakes for incidents that already exist when a lead enables one', async () => {
    const test = await setUp({ rules: [] });
    const incident = await newP1(test);
    const { runner, scheduler } = start(test);
    await runner.settled();
    expect(runner.nextWakeAtMs()).toBeNull();
    test.advance(minute);
    const saved = await updateSetting(test.env, 'escalationRules', { rules: [rule({ activeFrom: new Date(test.now()).toISOString() })], updatedAt: new Date(test.now()).toISOString() });
    expect(saved.ok).toBe(true);
    await runner.settled();
    expect(runner.nextWakeAtMs()).toBe(Date.parse(incident.reportedAt) + 11 * minute + 15 * second);
    await wakeAtPlannedInstant(test, runner, scheduler);
    expect(await escalationEntries(test, incident.id)).toHaveLength(1);
  });

  it('fires a P1 at risk once, at 75% of its response target: one entry, one count, one notification', async () => {
    const test = await setUp();
    const incident = await newP1(test);
    const { runner, scheduler, notified, errors } = start(test);
    await runner.settled();
    expect(await escalationEntries(test, incident.id)).toEqual([]);
    const reportedMs = Date.parse(incident.reportedAt);
    expect(runner.nextWakeAtMs()).toBe(reportedMs + 11 * minute + 15 * second);
    expect(scheduler.pending?.delayMs).toBe(11 * minute + 15 * second);

    await wakeAtPlannedInstant(test, runner, scheduler);
    const entries = await escalationEntries(test, incident.id);
    expect(entries).toHaveLength(1);
    const entry = entries[0]!;
    const { fieldStamps: _stamps, localSeq: _seq, ...domainEntry } = entry;
    expect(timelineEntrySchema.safeParse(domainEntry).success).toBe(true);
    expect(entry).toMatchObject({
      id: escalationEntryId(`${incident.id}|rule-p1-response|${new Date(reportedMs + 11 * minute + 15 * second).toISOString()}`),
      occurredAt: new Date(reportedMs + 11 * minute + 15 * second).toISOString(),
      author: automaticEscalationAuthor,
      text: `Automatic escalation by rule "P1 response at risk": response clock at risk (P1 target: respond within 15 min). Escalated to the lead of the incident's team (nobody recorded in that role: the team leads were notified).`,
    });
    expect((await test.db.incidents.get(incident.id))?.escalationCount).toBe(1);
    const notifications = await test.db.notifications.toArray();
    expect(notifications).toEqual([
      {
        id: `escalation:${entry.id}`,
        incidentId: incident.id,
        title: `${incident.reference} escalated`,
        body: 'Rule "P1 response at risk": response clock at risk (P1 target: respond within 15 min).',
        createdAt: new Date(test.now()).toISOString(),
        readAt: null,
      },
    ]);
    expect(notified).toEqual([{ title: notifications[0]!.title, body: notifications[0]!.body }]);
    // Only the breach would come next, and no rule watches it.
    expect(runner.nextWakeAtMs()).toBeNull();
    expect(errors).toEqual([]);
  });

  it('follows new incidents and rule changes through its live queries, without being asked', async () => {
    const test = await setUp();
    const { runner } = start(test);
    await runner.settled();
    const incident = await newP1(test);
    const atRisk = Date.parse(incident.reportedAt) + 11 * minute + 15 * second;
    await vi.waitFor(() => expect(runner.nextWakeAtMs()).toBe(atRisk));
    await updateSetting(test.env, 'escalationRules', { rules: [rule({ isEnabled: false })], updatedAt: new Date(test.now()).toISOString() });
    await vi.waitFor(() => expect(runner.nextWakeAtMs()).toBeNull());
  });

  it('does not fire twice: not on a re-run, not after the breach, not after a restart', async () => {
    let test = await setUp();
    const incident = await newP1(test);
    const first = start(test);
    await first.runner.settled();
    await wakeAtPlannedInstant(test, first.runner, first.scheduler);
    const outboxAfterFiring = await test.db.outbox.count();
    test.advance(30 * minute);
    await first.runner.settled();
    first.runner.stop();

    test = test.reopen(test.now() + 2 * hour);
    const second = start(test);
    await second.runner.settled();
    await second.runner.settled();
    expect(await escalationEntries(test, incident.id)).toHaveLength(1);
    expect((await test.db.incidents.get(incident.id))?.escalationCount).toBe(1);
    expect(await test.db.notifications.count()).toBe(1);
    expect(second.notified).toEqual([]);
    expect(await test.db.outbox.count()).toBe(outboxAfterFiring);
    expect([...first.errors, ...second.errors]).toEqual([]);
  });

  it('records the entry and the count change in the outbox, in one command', async () => {
    const test = await setUp();
    const incident = await newP1(test);
    const { runner, scheduler } = start(test);
    await runner.settled();
    const before = await test.db.outbox.count();
    await wakeAtPlannedInstant(test, runner, scheduler);
    const mutations = (await test.db.outbox.orderBy('mutationId').toArray()).slice(before);
    expect(mutations.map((mutation) => [mutation.table, mutation.operation])).toEqual([
      ['timelineEntries', 'insert'],
      ['incidents', 'update'],
    ]);
    expect(mutations[0]!.hlc).toBe(mutations[1]!.hlc);
    expect(mutations[1]!.fields).toEqual({ escalationCount: 1, updatedAt: new Date(test.now()).toISOString() });
    expect(mutations[0]!.rowId).toBe((await escalationEntries(test, incident.id))[0]!.id);
  });

  it('waits while the incident is on hold, and fires on resume at the working-time instant', async () => {
    const resolutionAtRisk = rule({ id: 'rule-resolution', name: 'Resolution at risk', trigger: { type: 'serviceLevel', clock: 'resolution', state: 'warning' }, conditions: {} });
    const test = await setUp({ rules: [resolutionAtRisk] });
    const incident = await newP1(test);
    const reportedMs = Date.parse(incident.reportedAt);
    await takeLifecycleAction(test.env, incident.id, { type: 'acknowledge' });
    const { runner, scheduler } = start(test);
    await runner.settled();
    expect(runner.nextWakeAtMs()).toBe(reportedMs + 3 * hour);

    test.advance(hour);
    await takeLifecycleAction(test.env, incident.id, { type: 'putOnHold', reason: 'Waiting for the vendor' });
    await runner.settled();
    expect(runner.nextWakeAtMs()).toBeNull();
    expect(scheduler.pending).toBeNull();
    test.advance(5 * hour);
    await runner.settled();
    expect(await escalationEntries(test, incident.id)).toEqual([]);

    await takeLifecycleAction(test.env, incident.id, { type: 'resume' });
    await runner.settled();
    // 1 h used before the hold, 2 h more to reach 3 h of the 4 h target.
    expect(runner.nextWakeAtMs()).toBe(test.now() + 2 * hour);
    await wakeAtPlannedInstant(test, runner, scheduler);
    const entries = await escalationEntries(test, incident.id);
    expect(entries.map((entry) => entry.occurredAt)).toEqual([new Date(reportedMs + 8 * hour).toISOString()]);
  });

  it('acknowledging in time stops an "unacknowledged" rule', async () => {
    const unacknowledged = rule({ id: 'rule-unack', name: 'Nobody took it', trigger: { type: 'unacknowledged', minutes: 10 }, conditions: {} });
    const test = await setUp({ rules: [unacknowledged] });
    const quick = await newP1(test, { title: 'Acknowledged quickly' });
    const slow = await newP1(test, { title: 'Left alone' });
    const { runner, scheduler } = start(test);
    await runner.settled();
    test.advance(9 * minute);
    await takeLifecycleAction(test.env, quick.id, { type: 'acknowledge' });
    await runner.settled();
    await wakeAtPlannedInstant(test, runner, scheduler);
    expect(await escalationEntries(test, quick.id)).toEqual([]);
    expect((await escalationEntries(test, slow.id)).map((entry) => entry.text)).toEqual([
      `Automatic escalation by rule "Nobody took it": not acknowledged within 10 min of being reported. Escalated to the lead of the incident's team (nobody recorded in that role: the team leads were notified).`,
    ]);
  });

  it('a functional rule moves the incident to the team and notifies its members, not other people', async () => {
    const network = { id: 'team-network', name: 'Network engineering' };
    const moveRule = rule({ id: 'rule-move', name: 'P1 to network', action: { level: 'functional', team: network, reason: 'Network outages need the network team' } });
    const test = await setUp({ profile: { name: 'Nia Net', initials: 'NN', role: 'responder' }, rules: [moveRule] });
    const me = await readProfile(test.env);
    const nowIso = new Date(test.now()).toISOString();
    // Teams are synced by another part of the app; a row is enough here.
    await test.db.responderTeams.add({
      id: network.id,
      name: network.name,
      description: '',
      members: [{ person: { id: me!.personId, name: me!.name }, role: 'member' }],
      createdAt: nowIso,
      updatedAt: nowIso,
      deletedAt: null,
      fieldStamps: {},
      localSeq: 0,
    });
    const incident = await newP1(test);
    const { runner, scheduler } = start(test);
    await runner.settled();
    await wakeAtPlannedInstant(test, runner, scheduler);
    const stored = await test.db.incidents.get(incident.id);
    expect(stored).toMatchObject({ routedTeam: network, routedByRule: null, escalationCount: 1 });
    expect((await test.db.incidentListRows.get(incident.id))?.updatedAt).toBe(stored?.updatedAt);
    expect((await escalationEntries(test, incident.id))[0]?.text).toContain('Moved to Network engineering (Nia Net): Network outages need the network team');
    expect(await test.db.notifications.count()).toBe(1);
  });

  it('a responder who is not a recipient gets no notification, though the escalation is written', async () => {
    const test = await setUp({ profile: { name: 'Ray Responder', initials: 'RR', role: 'responder' } });
    const incident = await newP1(test);
    const { runner, scheduler, notified } = start(test);
    await runner.settled();
    await wakeAtPlannedInstant(test, runner, scheduler);
    expect(await escalationEntries(test, incident.id)).toHaveLength(1);
    expect(await test.db.notifications.count()).toBe(0);
    expect(notified).toEqual([]);
  });

  it('two devices that fire the same escalation offline write the same row', async () => {
    const devices = [await setUp(), await setUp()];
    const [deviceA, deviceB] = devices as [TestEnvironment, TestEnvironment];
    const incident = await newP1(deviceA);
    // Device B has the incident (as a pull would bring it), but neither has synced an escalation.
    const { fieldStamps: _stamps, localSeq: _seq, ...record } = (await deviceA.db.incidents.get(incident.id))!;
    const pulled = await import('../../../../renderer/data/incidentStore');
    await deviceB.db.transaction('rw', [deviceB.db.incidents, deviceB.db.incidentListRows], () => pulled.saveIncident(deviceB.db, { ...record, fieldStamps: {}, localSeq: 1 }));
    const rows = [];
    for (const device of devices) {
      const { runner, scheduler } = start(device);
      await runner.settled();
      device.setClock(Date.parse(incident.reportedAt) + (device === deviceA ? 20 : 45) * minute);
      scheduler.fire();
      await runner.settled();
      const [entry] = await escalationEntries(device, incident.id);
      const { fieldStamps: _fieldStamps, localSeq: _localSeq, ...domain } = entry!;
      rows.push(domain);
    }
    expect(rows[1]).toEqual(rows[0]);
  });

  it('a device that pulled the entry writes no second one, and still notifies its lead', async () => {
    const test = await setUp();
    const incident = await newP1(test);
    const triggerIso = new Date(Date.parse(incident.reportedAt) + 11 * minute + 15 * second).toISOString();
    const entryId = escalationEntryId(`${incident.id}|rule-p1-response|${triggerIso}`);
    await test.db.timelineEntries.add({
      id: entryId,
      incidentId: incident.id,
      kind: 'escalation',
      text: 'Written by another device',
      occurredAt: triggerIso,
      recordedAt: triggerIso,
      author: automaticEscalationAuthor,
      deviceId: 'automatic-escalation',
      correctsEntryId: null,
      fieldStamps: {},
      localSeq: 1,
    });
    test.setClock(Date.parse(triggerIso) + minute);
    const outboxBefore = await test.db.outbox.count();
    const { runner } = start(test);
    await runner.settled();
    expect((await escalationEntries(test, incident.id)).map((entry) => entry.text)).toEqual(['Written by another device']);
    expect((await test.db.incidents.get(incident.id))?.escalationCount).toBe(0);
    expect(await test.db.outbox.count()).toBe(outboxBefore);
    expect(await test.db.notifications.count()).toBe(1);
  });

  it('a viewer\'s device writes nothing', async () => {
    const test = await setUp({ profile: { name: 'Vic Viewer', initials: 'VV', role: 'viewer' } });
    const incident = await newP1(test);
    const { runner, scheduler } = start(test);
    await runner.settled();
    const outboxBefore = await test.db.outbox.count();
    await wakeAtPlannedInstant(test, runner, scheduler);
    expect(await escalationEntries(test, incident.id)).toEqual([]);
    expect(await test.db.outbox.count()).toBe(outboxBefore);
  });

  it('plans again when a lead adds a rule, and a new rule does not escalate the backlog', async () => {
    const test = await setUp({ rules: [] });
    const late = await newP1(test, { title: 'Already at risk' });
    test.advance(12 * minute);
    const fresh = await newP1(test, { title: 'Just reported' });
    const { runner, scheduler } = start(test);
    await runner.settled();
    expect(runner.nextWakeAtMs()).toBeNull();
    await updateSetting(test.env, 'escalationRules', { rules: [rule({ activeFrom: new Date(test.now()).toISOString() })], updatedAt: new Date(test.now()).toISOString() });
    await runner.settled();
    expect(runner.nextWakeAtMs()).toBe(Date.parse(fresh.reportedAt) + 11 * minute + 15 * second);
    await wakeAtPlannedInstant(test, runner, scheduler);
    expect(await escalationEntries(test, late.id)).toEqual([]);
    expect(await escalationEntries(test, fresh.id)).toHaveLength(1);
  });

  it('keeps escalations of generated sample incidents on this device', async () => {
    const test = await setUp({ rules: [rule({ conditions: {}, trigger: { type: 'unacknowledged', minutes: 1 } })] });
    const generated = await generateSampleData(test.env, { count: 60, seed: 7, periodDays: 2, endMs: test.now() });
    expect(generated.ok).toBe(true);
    const { runner } = start(test);
    await runner.settled();
    const outboxBefore = await test.db.outbox.count();
    test.advance(hour);
    await runner.settled();
    const fired = await test.db.timelineEntries.filter((entry) => entry.kind === 'escalation').count();
    const unacknowledged = await test.db.incidents.filter((incident) => incident.stage === 'new').count();
    expect(unacknowledged).toBeGreaterThan(0);
    expect(fired).toBe(unacknowledged);
    expect(await test.db.outbox.count()).toBe(outboxBefore);
  });
});
