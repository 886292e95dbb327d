/**
 * The checklist view of an applied playbook, built from tasks and timeline entries the real domain
 * functions wrote, so a change to their wording that would hide skip reasons or answers fails here.
 */
import { describe, expect, it } from 'vitest';
import { isDecisionPoint, type DecisionPoint, type Playbook } from '../../../../shared/domain/playbook';
import {
  buildPlaybookChecklist,
  describeExpectedMinutes,
  describePlaybookProgress,
  findChosenAnswer,
  findSkipReason,
} from '../../../../shared/domain/playbookChecklist';
import { answerPlaybookDecision, applyPlaybook, completePlaybookStep, skipPlaybookStep, type PlaybookTaskContext } from '../../../../shared/domain/playbookTasks';
import type { Task } from '../../../../shared/domain/task';
import type { TimelineEntry } from '../../../../shared/domain/timeline';
import { fixedNowIso, makeIncident, testUuid } from '../fixtures';
import { makePlaybook, responder } from '../playbookFixtures';

function context(): PlaybookTaskContext {
  let next = 7_000_000;
  return { newId: () => testUuid(++next), author: responder, deviceId: 'device-1', nowIso: fixedNowIso };
}

function must<T>(result: { ok: true; value: T } | { ok: false; errors: Record<string, string> }): T {
  if (!result.ok) throw new Error(JSON.stringify(result.errors));
  return result.value;
}

/** An incident worked like a responder would: tasks and entries kept in step, as the database keeps them. */
function workedIncident(playbook: Playbook = makePlaybook()) {
  const ids = context();
  const incident = makeIncident();
  const applied = must(applyPlaybook(playbook, incident, [], ids));
  let tasks: Task[] = applied.tasks;
  const entries: TimelineEntry[] = [applied.timelineEntry];
  const taskFor = (stepId: string) => tasks.find((task) => task.playbookStepId === stepId)!;
  const replace = (changed: Task, added: Task[] = []) => {
    tasks = [...tasks.map((task) => (task.id === changed.id ? changed : task)), ...added];
  };
  return {
    playbook,
    tasks: () => tasks,
    entries,
    taskFor,
    complete(stepId: string) {
      const done = must(completePlaybookStep(taskFor(stepId), playbook, ids));
      replace(done.task);
      entries.push(done.timelineEntry);
    },
    skip(stepId: string, reason: string) {
      const skipped = must(skipPlaybookStep(taskFor(stepId), playbook, reason, ids));
      replace(skipped.task);
      entries.push(skipped.timelineEntry);
    },
    answer(stepId: string, branchId: string) {
      const answered = must(answerPlaybookDecision(taskFor(stepId), playbook, branchId, tasks, ids));
      replace(answered.task, answered.newTasks);
      entries.push(answered.timelineEntry);
    },
  };
}

function decisionOf(playbook: Playbook, stepId: string): DecisionPoint {
  const step = playbook.steps.find((candidate) => candidate.id === stepId);
  if (!step || !isDecisionPoint(step)) throw new Error(`${stepId} is not a question`);
  return step;
}

describe('describePlaybookProgress', () => {
  it('counts steps done and mentions skipped ones only when there are some', () => {
    expect(describePlaybookProgress({ total: 7, done: 3, skipped: 1 })).toBe('3 of 7 steps done, 1 skipped');
    expect(describePlaybookProgress({ total: 7, done: 0, skipped: 0 })).toBe('0 of 7 steps done');
    expect(describePlaybookProgress({ total: 1, done: 1, skipped: 0 })).toBe('1 of 1 step done');
  });
});

describe('describeExpectedMinutes', () => {
  it('reads as an estimate in minutes and hours', () => {
    expect(describeExpectedMinutes(null)).toBeNull();
    expect(describeExpectedMinutes(15)).toBe('about 15 min');
    expect(describeExpectedMinutes(60)).toBe('about 1 h');
    expect(describeExpectedMinutes(90)).toBe('about 1 h 30 min');
  });
});

describe('findSkipReason', () => {
  it('reads the reason of a skipped step back from its timeline entry, with or without the playbook at hand', () => {
    const worked = workedIncident();
    worked.skip('prepare', '  Done at the quarterly drill. Reason: habit  ');
    const task = worked.taskFor('prepare');
    expect(findSkipReason(task, worked.playbook, worked.entries)).toBe('Done at the quarterly drill. Reason: habit');
    expect(findSkipReason(task, null, worked.entries)).toBe('Done at the quarterly drill. Reason: habit');
  });

  it('gives nothing for an open step, or when the entry has not arrived yet', () => {
    const worked = workedIncident();
    expect(findSkipReason(worked.taskFor('prepare'), worked.playbook, worked.entries)).toBeNull();
    worked.skip('prepare', 'Not needed');
    expect(findSkipReason(worked.taskFor('prepare'), worked.playbook, [])).toBeNull();
  });

  it('takes the latest entry when the same step was skipped, reopened by sync and skipped again', () => {
    const worked = workedIncident();
    worked.skip('prepare', 'First reason');
    const first = worked.entries.at(-1)!;
    const task = worked.taskFor('prepare');
    const second = { ...first, id: testUuid(), text: first.text.replace('First reason', 'Second reason') };
    expect(findSkipReason(task, worked.playbook, [first, second])).toBe('Second reason');
  });
});

describe('findChosenAnswer', () => {
  it('names the answer its decision entry records', () => {
    const worked = workedIncident();
    worked.answer('spread', 'yes');
    const spread = decisionOf(worked.playbook, 'spread');
    expect(findChosenAnswer(spread, worked.taskFor('spread'), worked.playbook, worked.tasks(), worked.entries)?.label).toBe('Yes');
  });

  it('without the entry, tells the answer from the steps it added, or from the one answer that adds none', () => {
    const worked = workedIncident();
    worked.answer('spread', 'yes');
    worked.answer('backups', 'no');
    const backups = decisionOf(worked.playbook, 'backups');
    expect(findChosenAnswer(backups, worked.taskFor('backups'), worked.playbook, worked.tasks(), [])?.id).toBe('no');

    const other = workedIncident();
    other.answer('spread', 'no');
    expect(findChosenAnswer(decisionOf(other.playbook, 'spread'), other.taskFor('spread'), other.playbook, other.tasks(), [])?.id).toBe('no');
  });

  it('says nothing for an open question, or when two answers add no steps and no entry tells', () => {
    const playbook = makePlaybook(
      {},
      {
        steps: [
          { kind: 'action', id: 'first', phase: 'detection_analysis', title: 'First', instructions: '', role: '', isRequired: true, expectedMinutes: null, links: [], callsPlaybook: null },
          {
            kind: 'decision',
            id: 'carry-on',
            phase: 'containment',
            question: 'Carry on?',
            instructions: '',
            role: '',
            condition: null,
            branches: [
              { id: 'yes', label: 'Yes', stepIds: [] },
              { id: 'maybe', label: 'Yes. Later', stepIds: [] },
            ],
          },
        ],
      },
    );
    const worked = workedIncident(playbook);
    const question = decisionOf(playbook, 'carry-on');
    expect(findChosenAnswer(question, worked.taskFor('carry-on'), playbook, worked.tasks(), worked.entries)).toBeNull();
    worked.answer('carry-on', 'maybe');
    expect(findChosenAnswer(question, worked.taskFor('carry-on'), playbook, worked.tasks(), [])).toBeNull();
    // "Yes. " begins the entry of "Yes. Later" too: the longer label must win.
    expect(findChosenAnswer(question, worked.taskFor('carry-on'), playbook, worked.tasks(), worked.entries)?.id).toBe('maybe');
  });
});

describe('buildPlaybookChecklist', () => {
  it('groups the live tasks of one playbook by phase in playbook order, with counts, steps, reasons and answers', () => {
    const worked = workedIncident();
    worked.complete('analyse');
    worked.skip('prepare', 'Kit checked yesterday');
    worked.answer('spread', 'yes');
    const handWritten: Task = { ...worked.taskFor('review'), id: testUuid(), playbookStepId: null, fromPlaybook: null, title: 'Call the insurer' };
    const otherPlaybook: Task = { ...worked.taskFor('review'), id: testUuid(), fromPlaybook: { ...worked.taskFor('review').fromPlaybook!, playbookId: testUuid() } };
    const deleted: Task = { ...worked.taskFor('recover'), id: testUuid(), deletedAt: fixedNowIso };

    const phases = buildPlaybookChecklist(worked.playbook.id, worked.playbook, [...worked.tasks(), handWritten, otherPlaybook, deleted], worked.entries);

    expect(phases.map((phase) => [phase.phase, phase.items.map((item) => item.task.playbookStepId)])).toEqual([
      ['preparation', ['prepare']],
      ['detection_analysis', ['analyse']],
      ['containment', ['spread', 'isolate', 'contain']],
      ['eradication_recovery', ['backups', 'recover']],
      ['post_incident', ['review']],
    ]);
    expect(phases.map(({ total, done, skipped, open }) => ({ total, done, skipped, open }))).toEqual([
      { total: 1, done: 0, skipped: 1, open: 0 },
      { total: 1, done: 1, skipped: 0, open: 0 },
      { total: 3, done: 1, skipped: 0, open: 2 },
      { total: 2, done: 0, skipped: 0, open: 2 },
      { total: 1, done: 0, skipped: 0, open: 1 },
    ]);
    const items = phases.flatMap((phase) => phase.items);
    const itemFor = (stepId: string) => items.find((item) => item.task.playbookStepId === stepId)!;
    expect(itemFor('prepare').skipReason).toBe('Kit checked yesterday');
    expect(itemFor('spread').answer?.label).toBe('Yes');
    expect(itemFor('isolate').step).toMatchObject({ kind: 'action', title: 'Do isolate' });
    expect(itemFor('backups').answer).toBeNull();
  });

  it('still lists the tasks by title when the playbook version is not on this device', () => {
    const worked = workedIncident();
    worked.skip('prepare', 'Not needed');
    const phases = buildPlaybookChecklist(worked.playbook.id, null, worked.tasks(), worked.entries);
    const items = phases.flatMap((phase) => phase.items);
    expect(items.map((item) => item.task.title)).toEqual(['Do prepare', 'Do analyse', 'Question spread?', 'Do contain', 'Do recover', 'Do review']);
    expect(items.every((item) => item.step === null && item.answer === null)).toBe(true);
    expect(items[0]!.skipReason).toBe('Not needed');
  });
});
