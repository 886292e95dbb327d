/**
 * Working a playbook on an incident against a real (fake-indexeddb) database: applying writes the
 * tasks and the timeline entry together; steps are ticked, skipped with a reason, and questions
 * answered; every refusal writes nothing; a plain task-state change cannot skip a step silently.
 */
import { describe, expect, it } from 'vitest';
import { createIncident, setIncidentDeleted, setTaskState } from '../../../../renderer/data/incidentCommands';
import { answerDecision, applyPlaybookToIncident, completeStep, skipStep } from '../../../../renderer/data/incidentPlaybookCommands';
import { approvePlaybookDraft, createPlaybook } from '../../../../renderer/data/playbookCommands';
import { createTestEnvironment, databaseText, saveTestProfile, validNewIncidentInput, type TestEnvironment } from '../../../support/dataEnvironment';
import { sampleContent } from '../../shared/playbookFixtures';

const leadProfile = { name: 'Lena Lead', initials: 'LL', role: 'lead' } as const;

async function setUp(): Promise<{ test: TestEnvironment; incidentId: string; playbookId: string }> {
  const test = createTestEnvironment();
  await saveTestProfile(test.env, leadProfile);
  const incident = await createIncident(test.env, validNewIncidentInput(test.now(), { kind: 'security', category: 'malware' }));
  const draft = await createPlaybook(test.env, sampleContent());
  if (!incident.ok || !draft.ok) throw new Error('setup failed');
  const approved = await approvePlaybookDraft(test.env, draft.value.id);
  if (!approved.ok) throw new Error(JSON.stringify(approved.errors));
  return { test, incidentId: incident.value.id, playbookId: draft.value.id };
}

async function stepTask(test: TestEnvironment, incidentId: string, stepId: string) {
  const task = (await test.db.tasks.where('incidentId').equals(incidentId).toArray()).find((candidate) => candidate.playbookStepId === stepId);
  if (!task) throw new Error(`no task for step ${stepId}`);
  return task;
}

describe('applying a playbook', () => {
  it('writes one task per unconditional step and a timeline entry, all queued for sync in one command', async () => {
    const { test, incidentId, playbookId } = await setUp();
    const outboxBefore = await test.db.outbox.count();
    const applied = await applyPlaybookToIncident(test.env, incidentId, playbookId);
    if (!applied.ok) throw new Error(JSON.stringify(applied.errors));
    const stepIds = applied.value.tasks.map((task) => task.playbookStepId);
    expect(stepIds).toEqual(['prepare', 'analyse', 'spread', 'contain', 'recover', 'review']);
    expect(await test.db.tasks.where('incidentId').equals(incidentId).count()).toBe(6);
    expect((await test.db.timelineEntries.get(applied.value.timelineEntry.id))!.text).toBe('Playbook applied: Sample response v1, 6 tasks in 5 phases');
    const queued = (await test.db.outbox.toArray()).slice(outboxBefore);
    expect(queued.map((row) => row.table)).toEqual([...Array(6).fill('tasks'), 'timelineEntries']);
    expect(new Set(queued.map((row) => row.hlc)).size).toBe(1);
  });

  it('refuses a missing incident, a deleted one, a missing playbook and a second application, writing nothing', async () => {
    const { test, incidentId, playbookId } = await setUp();
    await applyPlaybookToIncident(test.env, incidentId, playbookId);
    const before = await databaseText(test.db);
    expect(await applyPlaybookToIncident(test.env, 'missing', playbookId)).toEqual({ ok: false, errors: { form: 'That incident does not exist on this device.' } });
    expect(await applyPlaybookToIncident(test.env, incidentId, 'missing')).toMatchObject({ ok: false });
    expect(await applyPlaybookToIncident(test.env, incidentId, playbookId)).toEqual({ ok: false, errors: { form: '"Sample response" (version 1) is already applied to this incident' } });
    expect(await databaseText(test.db)).toBe(before);

    await setIncidentDeleted(test.env, incidentId, true);
    const afterDelete = await databaseText(test.db);
    expect(await applyPlaybookToIncident(test.env, incidentId, playbookId)).toEqual({ ok: false, errors: { form: 'That incident was deleted' } });
    expect(await databaseText(test.db)).toBe(afterDelete);
  });

  it('refuses a viewer, writing nothing', async () => {
    const { test, incidentId, playbookId } = await setUp();
    await saveTestProfile(test.env, { name: 'Vic Viewer', initials: 'VV', role: 'viewer' });
    const before = await databaseText(test.db);
    expect(await applyPlaybookToIncident(test.env, incidentId, playbookId)).toEqual({ ok: false, errors: { form: 'Your profile role (Viewer) can read incidents but not work their playbooks.' } });
    expect(await databaseText(test.db)).toBe(before);
  });
});

describe('working the steps', () => {
  it('ticks a step off, skips one with a reason, and answers a question adding its branch', async () => {
    const { test, incidentId, playbookId } = await setUp();
    await applyPlaybookToIncident(test.env, incidentId, playbookId);

    const done = await completeStep(test.env, (await stepTask(test, incidentId, 'analyse')).id);
    expect(done).toMatchObject({ ok: true, value: { task: { state: 'done' } } });

    const skipped = await skipStep(test.env, (await stepTask(test, incidentId, 'prepare')).id, '  Done before the incident ');
    if (!skipped.ok) throw new Error(JSON.stringify(skipped.errors));
    expect(skipped.value.task.state).toBe('cancelled');
    expect(skipped.value.timelineEntry.text).toMatch(/Reason: Done before the incident$/);

    const answered = await answerDecision(test.env, (await stepTask(test, incidentId, 'spread')).id, 'yes');
    if (!answered.ok) throw new Error(JSON.stringify(answered.errors));
    expect(answered.value.newTasks.map((task) => task.playbookStepId)).toEqual(['isolate', 'backups']);
    expect(await test.db.tasks.where('incidentId').equals(incidentId).count()).toBe(8);
    expect((await stepTask(test, incidentId, 'spread')).state).toBe('done');
    const entries = await test.db.timelineEntries.where('incidentId').equals(incidentId).toArray();
    expect(entries.filter((entry) => entry.kind === 'decision').map((entry) => entry.text)).toEqual([
      'Decision (Sample response v1): Question spread? Answer: Yes. Added 2 steps: Do isolate; Question backups?.',
    ]);
    const outbox = await test.db.outbox.toArray();
    expect(outbox.filter((row) => row.hlc === outbox.at(-1)!.hlc).map((row) => row.table).sort()).toEqual(['tasks', 'tasks', 'tasks', 'timelineEntries']);
  });

  it('refuses a skip without a reason, ticking a question, an unknown answer, a task done already and a plain task, writing nothing', async () => {
    const { test, incidentId, playbookId } = await setUp();
    await applyPlaybookToIncident(test.env, incidentId, playbookId);
    const analyse = await stepTask(test, incidentId, 'analyse');
    await completeStep(test.env, analyse.id);
    const before = await databaseText(test.db);
    expect(await skipStep(test.env, (await stepTask(test, incidentId, 'prepare')).id, '   ')).toEqual({ ok: false, errors: { reason: 'Say why the step is skipped' } });
    expect(await completeStep(test.env, (await stepTask(test, incidentId, 'spread')).id)).toEqual({
      ok: false,
      errors: { form: '"Question spread?" is a question: choose an answer instead of ticking it off' },
    });
    expect(await answerDecision(test.env, (await stepTask(test, incidentId, 'spread')).id, 'maybe')).toEqual({ ok: false, errors: { branchId: '"Question spread?" has no answer "maybe"' } });
    expect(await completeStep(test.env, analyse.id)).toEqual({ ok: false, errors: { form: '"Do analyse" is already done' } });
    expect(await completeStep(test.env, 'missing')).toEqual({ ok: false, errors: { form: 'That task does not exist.' } });
    expect(await databaseText(test.db)).toBe(before);
  });

  it('setTaskState refuses to cancel a playbook step (a skip needs a reason) or tick off a question, writing nothing', async () => {
    const { test, incidentId, playbookId } = await setUp();
    await applyPlaybookToIncident(test.env, incidentId, playbookId);
    const before = await databaseText(test.db);
    expect(await setTaskState(test.env, (await stepTask(test, incidentId, 'contain')).id, 'cancelled')).toEqual({
      ok: false,
      errors: { state: '"Do contain" is a playbook step: skip it with a reason instead of cancelling it.' },
    });
    expect(await setTaskState(test.env, (await stepTask(test, incidentId, 'spread')).id, 'done')).toEqual({
      ok: false,
      errors: { state: '"Question spread?" is a playbook question: choose an answer instead of ticking it off.' },
    });
    expect(await databaseText(test.db)).toBe(before);
    // Ticking an ordinary step off through the plain command stays allowed.
    expect((await setTaskState(test.env, (await stepTask(test, incidentId, 'contain')).id, 'done')).ok).toBe(true);
  });
});
