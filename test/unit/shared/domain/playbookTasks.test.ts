import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { branchStepIds, type Playbook } from '../../../../shared/domain/playbook';
import {
  answerPlaybookDecision,
  applyPlaybook,
  completePlaybookStep,
  skipPlaybookStep,
  summarizePlaybookProgress,
  type PlaybookTaskContext,
} from '../../../../shared/domain/playbookTasks';
import { taskSchema, type Task } from '../../../../shared/domain/task';
import { timelineEntrySchema } from '../../../../shared/domain/timeline';
import { fixedNowIso, makeIncident, testUuid } from '../fixtures';
import { makePlaybook, responder } from '../playbookFixtures';

function contextWithIds(start = 5_000_000): PlaybookTaskContext {
  let next = start;
  return { newId: () => testUuid(++next), author: responder, deviceId: 'device-1', nowIso: fixedNowIso };
}

function applied(playbook: Playbook = makePlaybook(), incident = makeIncident()) {
  const result = applyPlaybook(playbook, incident, [], contextWithIds());
  if (!result.ok) throw new Error(JSON.stringify(result.errors));
  return { playbook, incident, ...result.value };
}

const taskFor = (tasks: readonly Task[], stepId: string) => {
  const task = tasks.find((candidate) => candidate.playbookStepId === stepId);
  if (!task) throw new Error(`no task for ${stepId}`);
  return task;
};

describe('applyPlaybook', () => {
  it('creates a task for every step no answer waits for, grouped by phase in playbook order', () => {
    const { playbook, incident, tasks, timelineEntry } = applied();
    expect(tasks.map((task) => [task.playbookStepId, task.fromPlaybook?.phase])).toEqual([
      ['prepare', 'preparation'],
      ['analyse', 'detection_analysis'],
      ['spread', 'containment'],
      ['contain', 'containment'],
      ['recover', 'eradication_recovery'],
      ['review', 'post_incident'],
    ]);
    for (const task of tasks) {
      expect(taskSchema.parse(task)).toEqual(task);
      expect(task).toMatchObject({ incidentId: incident.id, state: 'open', createdAt: fixedNowIso });
      expect(task.fromPlaybook).toMatchObject({ playbookId: playbook.id, lineageId: playbook.lineageId, version: 1 });
    }
    expect(taskFor(tasks, 'spread')).toMatchObject({ title: 'Question spread?', fromPlaybook: { stepKind: 'decision', isRequired: true, position: 2 } });
    expect(taskFor(tasks, 'prepare').fromPlaybook).toMatchObject({ stepKind: 'action', isRequired: false, position: 0 });
    expect(new Set([...tasks.map((task) => task.id), timelineEntry.id]).size).toBe(tasks.length + 1);
    expect(timelineEntrySchema.parse(timelineEntry)).toEqual(timelineEntry);
    expect(timelineEntry).toMatchObject({ incidentId: incident.id, kind: 'task', author: responder, occurredAt: fixedNowIso, recordedAt: fixedNowIso });
    expect(timelineEntry.text).toBe('Playbook applied: Sample response v1, 6 tasks in 5 phases');
  });

  it('applies a draft only to an exercise', () => {
    const draft = makePlaybook({ status: 'draft', approvedAt: null, approvedBy: null, version: 2 });
    const live = applyPlaybook(draft, makeIncident(), [], contextWithIds());
    expect(live).toEqual({
      ok: false,
      errors: { form: '"Sample response" version 2 is a draft: it can be tried in an exercise, but a real incident needs an approved playbook' },
    });
    expect(applyPlaybook(draft, makeIncident({}, { mode: 'exercise' }), [], contextWithIds()).ok).toBe(true);
  });

  it('refuses retired versions, closed incidents and a second copy of the same playbook', () => {
    const retired = makePlaybook({ status: 'retired', retiredAt: fixedNowIso });
    expect(applyPlaybook(retired, makeIncident(), [], contextWithIds())).toEqual({
      ok: false,
      errors: { form: 'Version 1 of "Sample response" is retired; apply the current version' },
    });
    expect(applyPlaybook(makePlaybook(), makeIncident({ stage: 'closed' }), [], contextWithIds())).toEqual({
      ok: false,
      errors: { form: 'The incident is closed; reopen it before applying a playbook' },
    });
    const first = applied();
    const newerVersion = makePlaybook({ lineageId: first.playbook.lineageId, version: 2 });
    expect(applyPlaybook(newerVersion, first.incident, first.tasks, contextWithIds())).toEqual({
      ok: false,
      errors: { form: '"Sample response" (version 1) is already applied to this incident' },
    });
    const removed = first.tasks.map((task) => ({ ...task, deletedAt: fixedNowIso }));
    expect(applyPlaybook(newerVersion, first.incident, removed, contextWithIds()).ok).toBe(true);
  });
});

describe('completing and skipping steps', () => {
  it('completes a step and writes a timeline entry naming phase and version', () => {
    const { playbook, tasks } = applied();
    const task = taskFor(tasks, 'contain');
    const result = completePlaybookStep(task, playbook, contextWithIds(6_000_000));
    expect(result.ok && result.value.task).toEqual({ ...task, state: 'done', completedAt: fixedNowIso, updatedAt: fixedNowIso });
    expect(result.ok && result.value.timelineEntry).toMatchObject({ kind: 'task', text: 'Playbook step done: Do contain (Containment, Sample response v1)' });
    if (!result.ok) return;
    expect(completePlaybookStep(result.value.task, playbook, contextWithIds())).toEqual({ ok: false, errors: { form: '"Do contain" is already done' } });
  });

  it('skips only with a reason, and puts the reason in the timeline', () => {
    const { playbook, tasks } = applied();
    const task = taskFor(tasks, 'recover');
    expect(skipPlaybookStep(task, playbook, '   ', contextWithIds())).toEqual({ ok: false, errors: { reason: 'Say why the step is skipped' } });
    expect(skipPlaybookStep(task, playbook, 'x'.repeat(2001), contextWithIds())).toEqual({ ok: false, errors: { reason: 'Keep the reason under 2,000 characters' } });
    const result = skipPlaybookStep(task, playbook, '  Hosts were already rebuilt by the vendor ', contextWithIds());
    expect(result.ok && result.value.task).toEqual({ ...task, state: 'cancelled', updatedAt: fixedNowIso });
    expect(result.ok && result.value.timelineEntry.text).toBe(
      'Playbook step skipped: Do recover (Eradication and recovery, Sample response v1). Reason: Hosts were already rebuilt by the vendor',
    );
  });

  it('refuses a question, a hand-made task and a task from another version', () => {
    const { playbook, tasks } = applied();
    expect(completePlaybookStep(taskFor(tasks, 'spread'), playbook, contextWithIds())).toEqual({
      ok: false,
      errors: { form: '"Question spread?" is a question: choose an answer instead of ticking it off' },
    });
    const handMade: Task = { ...taskFor(tasks, 'contain'), fromPlaybook: null, playbookStepId: null };
    expect(completePlaybookStep(handMade, playbook, contextWithIds())).toEqual({ ok: false, errors: { form: 'That task did not come from a playbook' } });
    const { fromPlaybook: _absent, ...storedBeforePlaybooks } = handMade;
    expect(skipPlaybookStep(storedBeforePlaybooks as Task, playbook, 'old row', contextWithIds())).toEqual({ ok: false, errors: { form: 'That task did not come from a playbook' } });
    const revised = makePlaybook({ lineageId: playbook.lineageId, version: 2 });
    expect(completePlaybookStep(taskFor(tasks, 'contain'), revised, contextWithIds())).toEqual({
      ok: false,
      errors: { form: 'That task came from version 1 of the playbook, not version 2; load the version it came from' },
    });
  });
});

describe('answerPlaybookDecision', () => {
  it('adds the chosen branch, including a nested question, and records the answer', () => {
    const { playbook, tasks } = applied();
    const question = taskFor(tasks, 'spread');
    const result = answerPlaybookDecision(question, playbook, 'yes', tasks, contextWithIds(7_000_000));
    if (!result.ok) throw new Error(JSON.stringify(result.errors));
    expect(result.value.task).toEqual({ ...question, state: 'done', completedAt: fixedNowIso, updatedAt: fixedNowIso });
    expect(result.value.newTasks.map((task) => [task.playbookStepId, task.fromPlaybook?.stepKind, task.fromPlaybook?.position])).toEqual([
      ['isolate', 'action', 3],
      ['backups', 'decision', 4],
    ]);
    expect(result.value.timelineEntry).toMatchObject({
      kind: 'decision',
      text: 'Decision (Sample response v1): Question spread? Answer: Yes. Added 2 steps: Do isolate; Question backups?.',
    });

    const all = [...tasks.filter((task) => task.id !== question.id), result.value.task, ...result.value.newTasks];
    const nested = answerPlaybookDecision(taskFor(all, 'backups'), playbook, 'no', all, contextWithIds(8_000_000));
    expect(nested.ok && nested.value.newTasks.map((task) => task.playbookStepId)).toEqual(['rebuild']);
  });

  it('records an answer that adds nothing', () => {
    const { playbook, tasks } = applied();
    const result = answerPlaybookDecision(taskFor(tasks, 'spread'), playbook, 'no', tasks, contextWithIds());
    expect(result.ok && result.value.newTasks).toEqual([]);
    expect(result.ok && result.value.timelineEntry.text).toBe('Decision (Sample response v1): Question spread? Answer: No. No steps added.');
  });

  it('refuses an unknown answer, a step that is not a question, and a second answer', () => {
    const { playbook, tasks } = applied();
    const question = taskFor(tasks, 'spread');
    expect(answerPlaybookDecision(question, playbook, 'maybe', tasks, contextWithIds())).toEqual({
      ok: false,
      errors: { branchId: '"Question spread?" has no answer "maybe"' },
    });
    expect(answerPlaybookDecision(taskFor(tasks, 'contain'), playbook, 'yes', tasks, contextWithIds())).toEqual({
      ok: false,
      errors: { form: '"Do contain" is a step, not a question: tick it off instead' },
    });
    const answered = { ...question, state: 'done' as const };
    expect(answerPlaybookDecision(answered, playbook, 'yes', tasks, contextWithIds())).toEqual({ ok: false, errors: { form: '"Question spread?" is already done' } });
  });

  it('lists at most 20 added steps by name in the timeline', () => {
    const many = Array.from({ length: 25 }, (_, index) => `m${index}`);
    const playbook = makePlaybook(
      {},
      {
        steps: [
          { kind: 'decision', id: 'q', phase: 'containment', question: 'Many?', instructions: '', role: '', condition: null, branches: [{ id: 'yes', label: 'Yes', stepIds: many }, { id: 'no', label: 'No', stepIds: [] }] },
          ...many.map((id) => ({ kind: 'action' as const, id, phase: 'containment' as const, title: id, instructions: '', role: '', isRequired: true, expectedMinutes: null, links: [], callsPlaybook: null })),
        ],
      },
    );
    const { tasks } = applied(playbook);
    const result = answerPlaybookDecision(tasks[0]!, playbook, 'yes', tasks, contextWithIds());
    expect(result.ok && result.value.newTasks.length).toBe(25);
    expect(result.ok && result.value.timelineEntry.text).toMatch(/Added 25 steps: m0; m1; .*; m19; and 5 more\.$/);
  });

  it('property: answering every question with any answers adds each step at most once, and exactly the chosen branches', () => {
    const playbook = makePlaybook();
    fc.assert(
      fc.property(fc.array(fc.constantFrom('yes', 'no'), { minLength: 2, maxLength: 2 }), ([first, second]) => {
        const { tasks } = applied(playbook);
        let all = [...tasks];
        const context = contextWithIds(9_000_000);
        const answers: Record<string, string> = { spread: first!, backups: second! };
        for (let open = all.find((task) => task.fromPlaybook?.stepKind === 'decision' && task.state === 'open'); open; open = all.find((task) => task.fromPlaybook?.stepKind === 'decision' && task.state === 'open')) {
          const result = answerPlaybookDecision(open, playbook, answers[open.playbookStepId!]!, all, context);
          if (!result.ok) throw new Error(JSON.stringify(result.errors));
          all = [...all.filter((task) => task.id !== open!.id), result.value.task, ...result.value.newTasks];
        }
        const stepIds = all.map((task) => task.playbookStepId);
        expect(new Set(stepIds).size).toBe(stepIds.length);
        const expected = ['prepare', 'analyse', 'spread', 'contain', 'recover', 'review'];
        if (first === 'yes') expected.push('isolate', 'backups', second === 'yes' ? 'restore' : 'rebuild');
        expect(stepIds.sort()).toEqual(expected.sort());
        expect(stepIds.every((id) => playbook.steps.some((step) => step.id === id))).toBe(true);
        expect(branchStepIds(playbook.steps).has('prepare')).toBe(false);
      }),
    );
  });
});

describe('summarizePlaybookProgress', () => {
  it('counts done, skipped and open per phase and what still holds the playbook up', () => {
    const { playbook, tasks } = applied();
    const done = completePlaybookStep(taskFor(tasks, 'analyse'), playbook, contextWithIds());
    const skipped = skipPlaybookStep(taskFor(tasks, 'prepare'), playbook, 'Done last quarter', contextWithIds());
    if (!done.ok || !skipped.ok) throw new Error('setup');
    const current = tasks.map((task) => (task.id === done.value.task.id ? done.value.task : task.id === skipped.value.task.id ? skipped.value.task : task));
    const handMade: Task = { ...tasks[0]!, id: testUuid(), fromPlaybook: null, playbookStepId: null };
    const deleted: Task = { ...taskFor(tasks, 'review'), id: testUuid(), deletedAt: fixedNowIso };
    const [progress, ...others] = summarizePlaybookProgress([...current, handMade, deleted]);
    expect(others).toEqual([]);
    expect(progress).toEqual({
      playbookId: playbook.id,
      lineageId: playbook.lineageId,
      version: 1,
      total: 6,
      done: 1,
      skipped: 1,
      open: 4,
      requiredOpen: 4,
      openDecisions: 1,
      fraction: 2 / 6,
      phases: [
        { phase: 'preparation', total: 1, done: 0, skipped: 1, open: 0 },
        { phase: 'detection_analysis', total: 1, done: 1, skipped: 0, open: 0 },
        { phase: 'containment', total: 2, done: 0, skipped: 0, open: 2 },
        { phase: 'eradication_recovery', total: 1, done: 0, skipped: 0, open: 1 },
        { phase: 'post_incident', total: 1, done: 0, skipped: 0, open: 1 },
      ],
    });
    expect(summarizePlaybookProgress([handMade])).toEqual([]);
  });
});
