import { describe, expect, it } from 'vitest';
import { findReleaseCycles, scenarioPoints, validateScenario } from '../../../../shared/domain/exerciseScenario';
import { acknowledgeDelivery, createDelivery, mergeDeliveries, validateExerciseDecision } from '../../../../shared/domain/exercisePlay';
import { canMoveCorrectiveAction, createCorrectiveAction, isCorrectiveActionOverdue, moveCorrectiveAction, validateCorrectiveActionInput } from '../../../../shared/domain/correctiveAction';
import { latestRatings, objectiveRatingId, type ObjectiveRatingRecord } from '../../../../shared/domain/exerciseEvaluation';
import { testUuid } from '../fixtures';
import { action, facilitator, inject, runId, sampleScenario } from '../exerciseFixtures';

function errorsOf(candidate: unknown): Record<string, string> {
  const result = validateScenario(candidate);
  expect(result.ok).toBe(false);
  return result.ok ? {} : result.errors;
}

describe('validateScenario', () => {
  it('accepts the sample and counts its points', () => {
    expect(validateScenario(sampleScenario()).ok).toBe(true);
    expect(scenarioPoints(sampleScenario())).toBe(40);
  });

  it('refuses a MSEL number used twice', () => {
    const scenario = sampleScenario();
    scenario.injects[2] = { ...scenario.injects[2]!, mselNumber: 2 };
    expect(errorsOf(scenario)).toEqual({ 'injects.2.mselNumber': 'MSEL number 2 is used twice' });
  });

  it("refuses an 'after' naming an inject that does not exist, or itself", () => {
    const scenario = sampleScenario();
    scenario.injects[2] = { ...scenario.injects[2]!, release: { kind: 'after', injectId: 'inject-77', minutes: 5 } };
    expect(errorsOf(scenario)).toEqual({ 'injects.2.release.injectId': 'Inject 3 is released after inject "inject-77", which the scenario does not have' });
    scenario.injects[2] = { ...scenario.injects[2]!, release: { kind: 'after', injectId: 'inject-3', minutes: 5 } };
    expect(errorsOf(scenario)).toEqual({ 'injects.2.release.injectId': 'Inject 3 cannot be released after itself' });
  });

  it("refuses 'after' references that loop, naming the loop", () => {
    const scenario = sampleScenario();
    scenario.injects[1] = { ...scenario.injects[1]!, release: { kind: 'after', injectId: 'inject-5', minutes: 0 } };
    scenario.injects[4] = { ...scenario.injects[4]!, release: { kind: 'after', injectId: 'inject-3', minutes: 1 } };
    expect(findReleaseCycles(scenario.injects).map((cycle) => cycle.map((entry) => entry.mselNumber))).toEqual([[2, 5, 3]]);
    expect(errorsOf(scenario)).toEqual({ 'injects.1.release.injectId': 'Injects 2 -> 5 -> 3 -> 2 wait for each other in a loop, so none of them would ever be released' });
  });

  it('refuses an expected action tied to an objective the scenario does not have', () => {
    const scenario = sampleScenario();
    scenario.injects[0]!.expectedActions[1] = action('inject-1-2', 5, { objectiveId: 'recover' });
    expect(errorsOf(scenario)).toEqual({ 'injects.0.expectedActions.1.objectiveId': 'Inject 1 refers to objective "recover", which the scenario does not have' });
  });

  it('gives field messages for bad values', () => {
    const scenario = sampleScenario();
    scenario.injects[0] = inject(1, { kind: 'offset', minutes: -5 }, { channel: 'fax' as never, title: ' ' });
    expect(errorsOf(scenario)).toEqual({
      'injects.0.release.minutes': 'Minutes cannot be negative',
      'injects.0.channel': 'Choose a channel: email, phone_call, news, chat, siem_alert, ticket, document, verbal',
      'injects.0.title': 'Give the inject a title',
    });
  });
});

describe('deliveries and decisions', () => {
  it('acknowledges once and merges copies from two devices the same way in either order', () => {
    const player = { id: 'p1', name: 'Pat Player' };
    const delivery = createDelivery({ runId, injectId: 'inject-1', player, nowIso: '2026-03-10T12:00:00.000Z' });
    expect(delivery.id).toBe(createDelivery({ runId, injectId: 'inject-1', player, nowIso: '2026-03-10T12:05:00.000Z' }).id);
    const first = acknowledgeDelivery(delivery, '2026-03-10T12:01:00.000Z');
    expect(acknowledgeDelivery(first, '2026-03-10T12:09:00.000Z').acknowledgedAt).toBe('2026-03-10T12:01:00.000Z');
    expect(acknowledgeDelivery(delivery, '2026-03-10T11:59:00.000Z').acknowledgedAt).toBe('2026-03-10T12:00:00.000Z');
    const other = acknowledgeDelivery({ ...delivery, deliveredAt: '2026-03-10T12:00:30.000Z' }, '2026-03-10T12:00:40.000Z');
    expect(mergeDeliveries(first, other)).toEqual(mergeDeliveries(other, first));
    expect(mergeDeliveries(first, other)).toMatchObject({ deliveredAt: '2026-03-10T12:00:00.000Z', acknowledgedAt: '2026-03-10T12:00:40.000Z' });
  });

  it('validates a decision', () => {
    expect(validateExerciseDecision({ injectId: null, question: 'Pay?', optionsConsidered: ['Pay', 'Do not pay'], choice: 'Do not pay', rationale: 'Backups are clean' }).ok).toBe(true);
    expect(validateExerciseDecision({ injectId: null, question: 'Pay?', optionsConsidered: ['Pay', 'pay'], choice: '', rationale: '' })).toEqual({ ok: false, errors: { choice: 'Record what was chosen' } });
    expect(validateExerciseDecision({ injectId: null, question: 'Pay?', optionsConsidered: ['Pay', 'pay'], choice: 'Pay', rationale: '' })).toEqual({ ok: false, errors: { optionsConsidered: 'An option is listed twice' } });
  });
});

describe('ratings', () => {
  it('keeps the latest rating per objective', () => {
    const rating = (objectiveId: string, value: ObjectiveRatingRecord['rating'], at: string): ObjectiveRatingRecord => ({ id: objectiveRatingId(runId, objectiveId), runId, by: facilitator, at, objectiveId, rating: value, note: '' });
    const latest = latestRatings([rating('detect', 'S', '2026-03-10T12:05:00.000Z'), rating('detect', 'P', '2026-03-10T12:01:00.000Z'), rating('contain', 'U', '2026-03-10T12:00:00.000Z')]);
    expect([...latest.entries()].map(([id, entry]) => [id, entry.rating])).toEqual([
      ['detect', 'S'],
      ['contain', 'U'],
    ]);
  });
});

describe('corrective actions', () => {
  const context = { id: testUuid(), runId, by: facilitator, nowIso: '2026-03-10T12:00:00.000Z' };
  const input = { title: 'Document the DNS registrar login', owner: 'Head of IT operations', dueDate: '2026-04-30', objectiveId: null, observationId: null };

  it('moves forward only, and needs done before verified', () => {
    expect(canMoveCorrectiveAction('open', 'in_progress')).toBe(true);
    expect(canMoveCorrectiveAction('open', 'done')).toBe(true);
    expect(canMoveCorrectiveAction('open', 'verified')).toBe(false);
    expect(canMoveCorrectiveAction('in_progress', 'verified')).toBe(false);
    expect(canMoveCorrectiveAction('done', 'verified')).toBe(true);
    expect(canMoveCorrectiveAction('done', 'in_progress')).toBe(false);
    const open = createCorrectiveAction(input, context);
    expect(moveCorrectiveAction(open, 'verified', context)).toEqual({ ok: false, errors: { status: 'Mark the action done before verifying it' } });
    const done = moveCorrectiveAction(open, 'done', { by: facilitator, nowIso: '2026-04-01T09:00:00.000Z' });
    expect(done).toMatchObject({ ok: true, value: { status: 'done', doneAt: '2026-04-01T09:00:00.000Z' } });
    if (!done.ok) return;
    expect(moveCorrectiveAction(done.value, 'open', context)).toEqual({ ok: false, errors: { status: 'A corrective action cannot go back from done to open' } });
    const verified = moveCorrectiveAction(done.value, 'verified', { by: facilitator, nowIso: '2026-04-10T09:00:00.000Z' });
    expect(verified).toMatchObject({ ok: true, value: { status: 'verified', verifiedAt: '2026-04-10T09:00:00.000Z', verifiedBy: facilitator } });
    if (verified.ok) expect(moveCorrectiveAction(verified.value, 'verified', context)).toEqual({ ok: false, errors: { status: 'The action is already verified' } });
  });

  it('validates input and knows when it is overdue', () => {
    expect(validateCorrectiveActionInput({ ...input, dueDate: '30/04/2026', owner: '' })).toEqual({ ok: false, errors: { owner: 'Name an owner', dueDate: 'Enter a date as YYYY-MM-DD' } });
    expect(isCorrectiveActionOverdue({ status: 'open', dueDate: '2026-04-30' }, '2026-05-01')).toBe(true);
    expect(isCorrectiveActionOverdue({ status: 'done', dueDate: '2026-04-30' }, '2026-05-01')).toBe(false);
    expect(isCorrectiveActionOverdue({ status: 'open', dueDate: '2026-04-30' }, '2026-04-30')).toBe(false);
  });
});
