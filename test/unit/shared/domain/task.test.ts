import { describe, expect, it } from 'vitest';
import { taskSchema, validateNewTask } from '../../../../shared/domain/task';
import { fixedNowIso, isoAt, hour } from '../fixtures';

describe('validateNewTask', () => {
  it('accepts a task and trims its title', () => {
    expect(validateNewTask({ title: '  Reset credentials ', dueAt: isoAt(hour) })).toEqual({
      ok: true,
      value: { title: 'Reset credentials', dueAt: isoAt(hour) },
    });
    expect(validateNewTask({ title: 'No due time', dueAt: null }).ok).toBe(true);
  });

  it.each(['', '   '])('rejects empty title %j', (title) => {
    expect(validateNewTask({ title, dueAt: null })).toEqual({ ok: false, errors: { title: 'Name the task' } });
  });

  it('accepts 500 characters and rejects 501', () => {
    expect(validateNewTask({ title: 'x'.repeat(500), dueAt: null }).ok).toBe(true);
    expect(validateNewTask({ title: 'x'.repeat(501), dueAt: null })).toEqual({
      ok: false,
      errors: { title: 'Keep a task under 500 characters' },
    });
  });

  it('rejects a bad due time, a missing due time, and extra fields', () => {
    const bad = validateNewTask({ title: 'x', dueAt: 'tomorrow' });
    expect(bad.ok === false && Object.keys(bad.errors)).toEqual(['dueAt']);
    expect(validateNewTask({ title: 'x' }).ok).toBe(false);
    const extra = validateNewTask({ title: 'x', dueAt: null, state: 'done' });
    expect(extra.ok === false && Object.keys(extra.errors)).toEqual(['form']);
  });
});

describe('taskSchema', () => {
  const task = {
    id: '0190a000-0000-7000-8000-000000000101',
    incidentId: '0190a000-0000-7000-8000-000000000001',
    title: 'Preserve evidence',
    state: 'open',
    assignee: { id: 'p1', name: 'Ada' },
    dueAt: null,
    playbookStepId: null,
    fromPlaybook: null,
    createdAt: fixedNowIso,
    updatedAt: fixedNowIso,
    completedAt: null,
    deletedAt: null,
  };

  it('accepts a well-formed task', () => {
    expect(taskSchema.parse(task)).toEqual(task);
  });

  it('reads a row written before playbooks existed as a hand-made task', () => {
    const { fromPlaybook: _absent, ...oldRow } = task;
    expect(taskSchema.parse(oldRow)).toEqual(task);
  });

  it('accepts a task from a playbook step and rejects a partial origin', () => {
    const fromPlaybook = {
      playbookId: '0190a000-0000-7000-8000-000000000201',
      lineageId: '0190a000-0000-7000-8000-000000000202',
      version: 3,
      phase: 'containment',
      position: 4,
      stepKind: 'action',
      isRequired: true,
    };
    const stepTask = { ...task, playbookStepId: 'isolate-hosts', fromPlaybook };
    expect(taskSchema.parse(stepTask)).toEqual(stepTask);
    expect(taskSchema.safeParse({ ...stepTask, fromPlaybook: { ...fromPlaybook, version: 0 } }).success).toBe(false);
    expect(taskSchema.safeParse({ ...stepTask, fromPlaybook: { ...fromPlaybook, phase: 'recovery' } }).success).toBe(false);
  });

  it.each([
    ['state', { state: 'finished' }],
    ['id', { id: 'task-1' }],
    ['title', { title: ' ' }],
    ['createdAt', { createdAt: 'now' }],
    ['extra', { priority: 'P1' }],
  ])('rejects a bad %s', (_label, patch) => {
    expect(taskSchema.safeParse({ ...task, ...patch }).success).toBe(false);
  });
});
