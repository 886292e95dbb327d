import { describe, expect, it } from 'vitest';
import {
  applyLifecycleAction,
  availableActions,
  canTakeAction,
  type LifecycleAction,
  type LifecycleActionType,
  type LifecycleResult,
} from '../../../../shared/domain/lifecycle';
import {
  cancelReasons,
  incidentSchema,
  incidentStages,
  type Incident,
  type IncidentStage,
} from '../../../../shared/domain/incident';
import { isoAt, makeIncident, minute } from '../fixtures';

const actionTypes: LifecycleActionType[] = [
  'acknowledge',
  'assign',
  'startWork',
  'markContained',
  'putOnHold',
  'resume',
  'resolve',
  'close',
  'reopen',
  'cancel',
  'escalate',
];

/**
 * The documented lifecycle (lifecycle.ts header, product.md), written out by hand:
 * stage -> action -> resulting stage, or null where the action is forbidden.
 *
 *   new --acknowledge--> triaged --start work / assign--> in progress
 *   triaged | in progress --put on hold (reason)--> on hold --resume--> in progress
 *   triaged | in progress --resolve (code + summary)--> resolved --close--> closed
 *   resolved | closed --reopen (reason)--> in progress
 *   any open stage --cancel (reason)--> cancelled
 *   any open stage --escalate--> the same stage (the escalation is counted)
 * Assigning does not move a new, in-progress or on-hold incident; marking contained never moves
 * the stage and is possible once the incident has been acknowledged and while it is still open.
 */
const expectedTable: Record<IncidentStage, Record<LifecycleActionType, IncidentStage | null>> = {
  new: {
    acknowledge: 'triaged', assign: 'new', startWork: null, markContained: null, putOnHold: null,
    resume: null, resolve: null, close: null, reopen: null, cancel: 'cancelled', escalate: 'new',
  },
  triaged: {
    acknowledge: null, assign: 'in_progress', startWork: 'in_progress', markContained: 'triaged', putOnHold: 'on_hold',
    resume: null, resolve: 'resolved', close: null, reopen: null, cancel: 'cancelled', escalate: 'triaged',
  },
  in_progress: {
    acknowledge: null, assign: 'in_progress', startWork: null, markContained: 'in_progress', putOnHold: 'on_hold',
    resume: null, resolve: 'resolved', close: null, reopen: null, cancel: 'cancelled', escalate: 'in_progress',
  },
  on_hold: {
    acknowledge: null, assign: 'on_hold', startWork: null, markContained: 'on_hold', putOnHold: null,
    resume: 'in_progress', resolve: null, close: null, reopen: null, cancel: 'cancelled', escalate: 'on_hold',
  },
  resolved: {
    acknowledge: null, assign: null, startWork: null, markContained: null, putOnHold: null,
    resume: null, resolve: null, close: 'closed', reopen: 'in_progress', cancel: null, escalate: null,
  },
  closed: {
    acknowledge: null, assign: null, startWork: null, markContained: null, putOnHold: null,
    resume: null, resolve: null, close: null, reopen: 'in_progress', cancel: null, escalate: null,
  },
  cancelled: {
    acknowledge: null, assign: null, startWork: null, markContained: null, putOnHold: null,
    resume: null, resolve: null, close: null, reopen: null, cancel: null, escalate: null,
  },
};

const validActions: Record<LifecycleActionType, LifecycleAction> = {
  acknowledge: { type: 'acknowledge' },
  assign: { type: 'assign', assignee: { id: 'person-2', name: 'Grace Responder' } },
  startWork: { type: 'startWork' },
  markContained: { type: 'markContained' },
  putOnHold: { type: 'putOnHold', reason: 'Waiting for the vendor' },
  resume: { type: 'resume' },
  resolve: { type: 'resolve', resolutionCode: 'fixed', resolutionSummary: 'Restarted the pool' },
  close: { type: 'close' },
  reopen: { type: 'reopen', reason: 'Errors are back' },
  cancel: { type: 'cancel', reason: 'duplicate' },
  escalate: { type: 'escalate', level: 'functional', target: 'Network team', reason: 'Needs a switch expert' },
};

function expectOk(result: LifecycleResult): Partial<Incident> {
  if (!result.ok) throw new Error(`expected ok, got ${JSON.stringify(result.errors)}`);
  return result.change.patch;
}

/** Applies an action that must succeed and returns the updated incident, checked against the schema. */
function apply(incident: Incident, action: LifecycleAction, atIso: string): Incident {
  const next = { ...incident, ...expectOk(applyLifecycleAction(incident, action, atIso)) };
  incidentSchema.parse(next);
  return next;
}

const t = {
  ack: isoAt(-15 * minute),
  start: isoAt(-14 * minute),
  hold: isoAt(-12 * minute),
  resume: isoAt(-10 * minute),
  resolve: isoAt(-5 * minute),
  close: isoAt(-2 * minute),
  now: isoAt(0),
};

/** An incident really driven to each stage by the lifecycle itself, so its fields are consistent. */
function incidentIn(stage: IncidentStage): Incident {
  const created = makeIncident();
  const triaged = apply(created, validActions.acknowledge, t.ack);
  const inProgress = apply(triaged, validActions.startWork, t.start);
  switch (stage) {
    case 'new':
      return created;
    case 'triaged':
      return triaged;
    case 'in_progress':
      return inProgress;
    case 'on_hold':
      return apply(inProgress, validActions.putOnHold, t.hold);
    case 'resolved':
      return apply(inProgress, validActions.resolve, t.resolve);
    case 'closed':
      return apply(apply(inProgress, validActions.resolve, t.resolve), validActions.close, t.close);
    case 'cancelled':
      return apply(inProgress, validActions.cancel, t.resolve);
  }
}

describe('transition table', () => {
  it('the expected table covers every stage and action', () => {
    expect(Object.keys(expectedTable).sort()).toEqual([...incidentStages].sort());
    for (const stage of incidentStages) expect(Object.keys(expectedTable[stage]).sort()).toEqual([...actionTypes].sort());
  });

  for (const stage of incidentStages) {
    for (const type of actionTypes) {
      const expected = expectedTable[stage][type];
      it(`${stage} x ${type}: ${expected === null ? 'forbidden' : `allowed -> ${expected}`}`, () => {
        const incident = incidentIn(stage);
        expect(incident.stage).toBe(stage);
        expect(canTakeAction(incident, type)).toBe(expected !== null);
        expect(availableActions(incident).includes(type)).toBe(expected !== null);
        const before = structuredClone(incident);
        const result = applyLifecycleAction(incident, validActions[type], t.now);
        expect(incident).toEqual(before); // never mutates its input
        if (expected === null) {
          expect(result.ok).toBe(false);
          expect(result).not.toHaveProperty('change');
          if (!result.ok) expect(result.errors.form).toMatch(/is not possible while the incident is/);
        } else {
          const patch = expectOk(result);
          expect(patch.stage ?? incident.stage).toBe(expected);
          expect(patch.updatedAt).toBe(t.now);
          incidentSchema.parse({ ...incident, ...patch });
        }
      });
    }
  }

  it('availableActions lists exactly the allowed actions for each stage', () => {
    for (const stage of incidentStages) {
      const expected = actionTypes.filter((type) => expectedTable[stage][type] !== null);
      expect(availableActions(incidentIn(stage)).sort()).toEqual(expected.sort());
    }
  });

  it('a cancelled incident can do nothing at all', () => {
    expect(availableActions(incidentIn('cancelled'))).toEqual([]);
  });
});

describe('effects of each allowed action', () => {
  it('acknowledge: new -> triaged, stamps acknowledgedAt and nothing else', () => {
    const patch = expectOk(applyLifecycleAction(incidentIn('new'), validActions.acknowledge, t.now));
    expect(patch).toEqual({ stage: 'triaged', acknowledgedAt: t.now, updatedAt: t.now });
  });

  it('assign: moves a triaged incident to in progress and sets the assignee', () => {
    const result = applyLifecycleAction(incidentIn('triaged'), validActions.assign, t.now);
    expect(result.ok && result.change.summary).toBe('Assigned to Grace Responder');
    expect(expectOk(result)).toEqual({
      stage: 'in_progress',
      assignee: { id: 'person-2', name: 'Grace Responder' },
      updatedAt: t.now,
    });
  });

  it.each(['new', 'in_progress', 'on_hold'] as const)('assign: keeps a %s incident in its stage', (stage) => {
    const incident = incidentIn(stage);
    const patch = expectOk(applyLifecycleAction(incident, validActions.assign, t.now));
    expect(patch.stage).toBe(stage);
    expect(patch.assignee).toEqual({ id: 'person-2', name: 'Grace Responder' });
    // assigning an on-hold incident does not end the hold
    expect(patch.holdIntervals).toBeUndefined();
  });

  it('assign: rejects an assignee without a name', () => {
    const result = applyLifecycleAction(incidentIn('triaged'), { type: 'assign', assignee: { id: 'p', name: '  ' } }, t.now);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(Object.keys(result.errors)).toContain('assignee.name');
  });

  describe('assign to a team', () => {
    const soc = { id: 'team-soc', name: 'Security Operations' };
    const network = { id: 'team-net', name: 'Network' };
    const grace = { id: 'person-2', name: 'Grace Responder' };

    it('sets the team of an incident that had none, and leaves the stage (nobody has taken it yet)', () => {
      const result = applyLifecycleAction(incidentIn('triaged'), { type: 'assign', team: network }, t.now);
      expect(result.ok && result.change.summary).toBe('Assigned to team Network');
      expect(expectOk(result)).toEqual({ routedTeam: network, routedByRule: null, updatedAt: t.now });
    });

    it('overriding a rule says so, names the rule and the old team, and clears routedByRule', () => {
      const routed = { ...incidentIn('in_progress'), routedTeam: soc, routedByRule: 'Phishing' };
      const result = applyLifecycleAction(routed, { type: 'assign', team: network }, t.now);
      expect(result.ok && result.change.summary).toBe('Team changed by hand to Network (was routed to Security Operations by rule "Phishing")');
      expect(expectOk(result)).toEqual({ routedTeam: network, routedByRule: null, updatedAt: t.now });
    });

    it('a team set by hand before is named as it was', () => {
      const byHand = { ...incidentIn('new'), routedTeam: soc, routedByRule: null };
      const result = applyLifecycleAction(byHand, { type: 'assign', team: network }, t.now);
      expect(result.ok && result.change.summary).toBe('Team changed to Network (was Security Operations)');
    });

    it('team and person together: both change, the person moves a triaged incident to in progress, one line each', () => {
      const routed = { ...incidentIn('triaged'), routedTeam: soc, routedByRule: 'Phishing' };
      const result = applyLifecycleAction(routed, { type: 'assign', team: network, assignee: grace }, t.now);
      expect(result.ok && result.change.summary).toBe('Team changed by hand to Network (was routed to Security Operations by rule "Phishing"); Assigned to Grace Responder');
      expect(expectOk(result)).toEqual({ routedTeam: network, routedByRule: null, assignee: grace, stage: 'in_progress', updatedAt: t.now });
    });

    it('the same team again with a person changes only the person, and keeps the rule that routed it', () => {
      const routed = { ...incidentIn('in_progress'), routedTeam: soc, routedByRule: 'Phishing' };
      const patch = expectOk(applyLifecycleAction(routed, { type: 'assign', team: soc, assignee: grace }, t.now));
      expect(patch).toEqual({ assignee: grace, stage: 'in_progress', updatedAt: t.now });
    });

    it('refuses an assignment that changes nothing, and one with neither team nor person', () => {
      const routed = { ...incidentIn('in_progress'), routedTeam: soc, routedByRule: 'Phishing' };
      expect(applyLifecycleAction(routed, { type: 'assign', team: soc }, t.now)).toEqual({ ok: false, errors: { team: 'The incident is already with Security Operations' } });
      expect(applyLifecycleAction(routed, { type: 'assign' }, t.now)).toEqual({ ok: false, errors: { assignee: 'Choose a team or a person to assign the incident to' } });
    });

    it('refuses a team without a name or id, and unknown fields', () => {
      const incident = incidentIn('triaged');
      const blankName = applyLifecycleAction(incident, { type: 'assign', team: { id: 'team-net', name: '' } }, t.now);
      expect(!blankName.ok && Object.keys(blankName.errors)).toEqual(['team.name']);
      const noId = applyLifecycleAction(incident, { type: 'assign', team: { id: '', name: 'Network' } }, t.now);
      expect(!noId.ok && Object.keys(noId.errors)).toEqual(['team.id']);
      expect(applyLifecycleAction(incident, { type: 'assign', team: network, queue: 'x' }, t.now).ok).toBe(false);
    });

    it('is refused on closed and cancelled incidents like any assignment', () => {
      expect(applyLifecycleAction(incidentIn('closed'), { type: 'assign', team: network }, t.now)).toEqual({
        ok: false,
        errors: { form: 'Assign is not possible while the incident is closed' },
      });
    });
  });

  it('startWork: triaged -> in progress without touching timestamps', () => {
    expect(expectOk(applyLifecycleAction(incidentIn('triaged'), validActions.startWork, t.now))).toEqual({
      stage: 'in_progress',
      updatedAt: t.now,
    });
  });

  it('markContained: stamps containedAt, moves a security incident to eradication, once only', () => {
    const security = apply(
      apply(makeIncident({}, { kind: 'security', category: 'malware' }), validActions.acknowledge, t.ack),
      validActions.startWork,
      t.start,
    );
    expect(security.responsePhase).toBe('detection_analysis');
    const contained = apply(security, validActions.markContained, t.now);
    expect(contained.containedAt).toBe(t.now);
    expect(contained.stage).toBe('in_progress');
    expect(contained.responsePhase).toBe('eradication');

    expect(canTakeAction(contained, 'markContained')).toBe(false);
    expect(availableActions(contained)).not.toContain('markContained');
    const again = applyLifecycleAction(contained, validActions.markContained, isoAt(minute));
    expect(again).toEqual({ ok: false, errors: { form: 'The incident is already marked contained' } });
  });

  it('markContained: a service incident gets containedAt but no response phase', () => {
    const patch = expectOk(applyLifecycleAction(incidentIn('in_progress'), validActions.markContained, t.now));
    expect(patch).toEqual({ containedAt: t.now, updatedAt: t.now });
  });

  it('putOnHold: opens a hold interval with the trimmed reason', () => {
    const incident = incidentIn('in_progress');
    const next = apply(incident, { type: 'putOnHold', reason: '  Waiting for the vendor  ' }, t.now);
    expect(next.stage).toBe('on_hold');
    expect(next.holdReason).toBe('Waiting for the vendor');
    expect(next.holdIntervals).toEqual([{ from: t.now, to: null, reason: 'Waiting for the vendor' }]);
  });

  it('resume: closes the open hold interval and keeps earlier ones intact', () => {
    let incident = incidentIn('in_progress');
    incident = apply(incident, { type: 'putOnHold', reason: 'first' }, isoAt(-9 * minute));
    incident = apply(incident, validActions.resume, isoAt(-8 * minute));
    incident = apply(incident, { type: 'putOnHold', reason: 'second' }, isoAt(-7 * minute));
    const resumed = apply(incident, validActions.resume, t.now);
    expect(resumed.stage).toBe('in_progress');
    expect(resumed.holdReason).toBeNull();
    expect(resumed.holdIntervals).toEqual([
      { from: isoAt(-9 * minute), to: isoAt(-8 * minute), reason: 'first' },
      { from: isoAt(-7 * minute), to: t.now, reason: 'second' },
    ]);
  });

  it('resolve: stamps resolvedAt and records code and summary', () => {
    const patch = expectOk(applyLifecycleAction(incidentIn('in_progress'), validActions.resolve, t.now));
    expect(patch).toEqual({
      stage: 'resolved',
      resolvedAt: t.now,
      resolutionCode: 'fixed',
      resolutionSummary: 'Restarted the pool',
      updatedAt: t.now,
    });
  });

  it('resolve: straight from triaged is allowed', () => {
    expect(apply(incidentIn('triaged'), validActions.resolve, t.now).stage).toBe('resolved');
  });

  it('resolve: needs a known code and a non-blank summary', () => {
    const incident = incidentIn('in_progress');
    const noSummary = applyLifecycleAction(incident, { type: 'resolve', resolutionCode: 'fixed', resolutionSummary: '   ' }, t.now);
    expect(noSummary.ok).toBe(false);
    if (!noSummary.ok) expect(noSummary.errors.resolutionSummary).toBe('Summarise the resolution');
    const badCode = applyLifecycleAction(incident, { type: 'resolve', resolutionCode: 'magic', resolutionSummary: 'x' }, t.now);
    expect(badCode.ok).toBe(false);
    if (!badCode.ok) expect(badCode.errors.resolutionCode).toBe('Choose a resolution code');
  });

  it('close: uses the resolution recorded at resolve time and stamps closedAt', () => {
    const resolved = incidentIn('resolved');
    const closed = apply(resolved, { type: 'close' }, t.now);
    expect(closed.stage).toBe('closed');
    expect(closed.closedAt).toBe(t.now);
    expect(closed.resolvedAt).toBe(t.resolve);
    expect(closed.resolutionCode).toBe('fixed');
    expect(closed.resolutionSummary).toBe('Restarted the pool');
  });

  it('close: the action may replace the resolution code and summary', () => {
    const closed = apply(
      incidentIn('resolved'),
      { type: 'close', resolutionCode: 'workaround', resolutionSummary: 'Failover in place' },
      t.now,
    );
    expect(closed.resolutionCode).toBe('workaround');
    expect(closed.resolutionSummary).toBe('Failover in place');
  });

  it('close: refuses without a resolution code and summary, naming each missing field', () => {
    const bare = { ...incidentIn('resolved'), resolutionCode: null, resolutionSummary: null };
    const result = applyLifecycleAction(bare, { type: 'close' }, t.now);
    expect(result).toEqual({
      ok: false,
      errors: {
        resolutionCode: 'Closing needs a resolution code',
        resolutionSummary: 'Closing needs a resolution summary',
      },
    });
    const blankSummary = { ...incidentIn('resolved'), resolutionSummary: '   ' };
    const blank = applyLifecycleAction(blankSummary, { type: 'close', resolutionSummary: '  ' }, t.now);
    expect(blank.ok).toBe(false);
    if (!blank.ok) expect(Object.keys(blank.errors)).toEqual(['resolutionSummary']);
    // providing the missing parts in the action is enough
    expectOk(applyLifecycleAction(bare, { type: 'close', resolutionCode: 'fixed', resolutionSummary: 'Done' }, t.now));
  });

  it.each(['resolved', 'closed'] as const)('reopen from %s: back to in progress, count up, resolution cleared', (stage) => {
    const incident = incidentIn(stage);
    const reopened = apply(incident, validActions.reopen, t.now);
    expect(reopened.stage).toBe('in_progress');
    expect(reopened.reopenCount).toBe(incident.reopenCount + 1);
    expect(reopened.resolvedAt).toBeNull();
    expect(reopened.closedAt).toBeNull();
    expect(reopened.resolutionCode).toBeNull();
    expect(reopened.resolutionSummary).toBeNull();
    expect(reopened.acknowledgedAt).toBe(t.ack); // history before the reopen stays
  });

  it('reopen twice counts twice, and the reopened incident can be resolved and closed again', () => {
    let incident = apply(incidentIn('closed'), validActions.reopen, isoAt(minute));
    incident = apply(incident, validActions.resolve, isoAt(2 * minute));
    incident = apply(incident, validActions.reopen, isoAt(3 * minute));
    expect(incident.reopenCount).toBe(2);
    incident = apply(incident, validActions.resolve, isoAt(4 * minute));
    incident = apply(incident, validActions.close, isoAt(5 * minute));
    expect(incident).toMatchObject({ stage: 'closed', resolvedAt: isoAt(4 * minute), closedAt: isoAt(5 * minute), reopenCount: 2 });
  });

  it.each(cancelReasons)('cancel with reason %s from an open stage stamps cancelledAt', (reason) => {
    const next = apply(incidentIn('triaged'), { type: 'cancel', reason }, t.now);
    expect(next.stage).toBe('cancelled');
    expect(next.cancelledAt).toBe(t.now);
    expect(next.cancelReason).toBe(reason);
  });

  it('cancel from on hold closes the open hold interval', () => {
    const onHold = incidentIn('on_hold');
    const result = applyLifecycleAction(onHold, { type: 'cancel', reason: 'false_positive', note: 'Scanner noise' }, t.now);
    expect(result.ok && result.change.summary).toBe('Cancelled (false positive): Scanner noise');
    const next = { ...onHold, ...expectOk(result) };
    expect(next.holdReason).toBeNull();
    expect(next.holdIntervals).toEqual([{ from: t.hold, to: t.now, reason: 'Waiting for the vendor' }]);
  });
});

describe('guards on action payloads', () => {
  function errorsOf(incident: Incident, action: unknown): Record<string, string> {
    const result = applyLifecycleAction(incident, action, t.now);
    expect(result.ok).toBe(false);
    expect(result).not.toHaveProperty('change');
    return result.ok ? {} : result.errors;
  }

  it.each([
    ['empty', ''],
    ['blank', '   \t\n '],
  ])('putOnHold rejects an %s reason', (_label, reason) => {
    expect(errorsOf(incidentIn('in_progress'), { type: 'putOnHold', reason })).toEqual({ reason: 'Say why the incident is on hold' });
  });

  it('putOnHold rejects a missing reason', () => {
    expect(Object.keys(errorsOf(incidentIn('in_progress'), { type: 'putOnHold' }))).toEqual(['reason']);
  });

  it('reopen needs a reason', () => {
    expect(Object.keys(errorsOf(incidentIn('closed'), { type: 'reopen' }))).toEqual(['reason']);
    expect(errorsOf(incidentIn('closed'), { type: 'reopen', reason: '  ' })).toEqual({ reason: 'Say why the incident is reopened' });
  });

  it('cancel needs one of the known reasons', () => {
    for (const reason of ['bored', '', 'Duplicate', null]) {
      expect(errorsOf(incidentIn('new'), { type: 'cancel', reason })).toEqual({ reason: 'Choose why the incident is cancelled' });
    }
    expect(Object.keys(errorsOf(incidentIn('new'), { type: 'cancel' }))).toEqual(['reason']);
  });

  it.each([
    ['an unknown action type', { type: 'escalateToMars' }],
    ['an unknown extra field', { type: 'acknowledge', by: 'someone' }],
    ['an extra field on a payload action', { type: 'resolve', resolutionCode: 'fixed', resolutionSummary: 'ok', extra: true }],
    ['no type', {}],
    ['null', null],
    ['a bare string', 'acknowledge'],
    ['an array', [{ type: 'acknowledge' }]],
  ])('rejects %s', (_label, action) => {
    const errors = errorsOf(incidentIn('new'), action);
    expect(Object.keys(errors).length).toBeGreaterThan(0);
  });

  it('a forbidden stage is reported even for an otherwise valid payload, and says which stage', () => {
    expect(errorsOf(incidentIn('closed'), validActions.resolve)).toEqual({
      form: 'Resolve is not possible while the incident is closed',
    });
    expect(errorsOf(incidentIn('on_hold'), validActions.putOnHold)).toEqual({
      form: 'Put on hold is not possible while the incident is on hold',
    });
  });
});

describe('escalate', () => {
  it('counts the escalation, keeps the stage, and needs a level, a target and a reason', () => {
    const incident = makeIncident({ stage: 'in_progress', escalationCount: 1 });
    const result = applyLifecycleAction(incident, { type: 'escalate', level: 'hierarchical', target: 'Duty manager', reason: 'Customer data may be exposed' }, isoAt(0));
    expect(result).toEqual({
      ok: true,
      change: { patch: { updatedAt: isoAt(0), escalationCount: 2 }, summary: 'Escalated (hierarchical) to Duty manager: Customer data may be exposed' },
    });
    expect(applyLifecycleAction(incident, { type: 'escalate', level: 'functional', target: ' ', reason: 'x' }, isoAt(0))).toMatchObject({ ok: false, errors: { target: 'Name who the incident is escalated to' } });
    expect(applyLifecycleAction(incident, { type: 'escalate', level: 'sideways', target: 'A', reason: 'x' }, isoAt(0)).ok).toBe(false);
    expect(applyLifecycleAction(incident, { type: 'escalate', level: 'functional', target: 'A', reason: '' }, isoAt(0))).toMatchObject({ ok: false, errors: { reason: 'Say why it is escalated' } });
  });

  const network = { id: 'team-network', name: 'Network engineering' };
  const security = { id: 'team-soc', name: 'Security Operations' };

  it('functional to a team moves the incident to that team, and no rule is credited with it any more', () => {
    const incident = makeIncident({ stage: 'triaged', routedTeam: security, routedByRule: 'Phishing to SOC' });
    const result = applyLifecycleAction(incident, { type: 'escalate', level: 'functional', team: network, reason: 'Needs a BGP specialist' }, isoAt(0));
    expect(result).toEqual({
      ok: true,
      change: {
        patch: { updatedAt: isoAt(0), escalationCount: 1, routedTeam: network, routedByRule: null },
        summary: 'Escalated (functional) to Network engineering: Needs a BGP specialist',
      },
    });
  });

  it('refuses a functional escalation to the team the incident is already with', () => {
    const incident = makeIncident({ stage: 'triaged', routedTeam: network });
    expect(applyLifecycleAction(incident, { type: 'escalate', level: 'functional', team: network, reason: 'x' }, isoAt(0))).toEqual({
      ok: false,
      errors: { team: 'The incident is already with Network engineering' },
    });
  });

  it('hierarchical to the lead or manager names the incident\'s team; to a person names the person', () => {
    const incident = makeIncident({ stage: 'in_progress', routedTeam: security });
    const summaryOf = (recipient: unknown, target: Incident = incident) => {
      const result = applyLifecycleAction(target, { type: 'escalate', level: 'hierarchical', recipient, reason: 'Customer data exposed' }, isoAt(0));
      return result.ok ? result.change.summary : JSON.stringify(result.errors);
    };
    expect(summaryOf({ kind: 'lead' })).toBe('Escalated (hierarchical) to the lead of Security Operations: Customer data exposed');
    expect(summaryOf({ kind: 'manager' })).toBe('Escalated (hierarchical) to the manager of Security Operations: Customer data exposed');
    expect(summaryOf({ kind: 'manager' }, makeIncident({ stage: 'new' }))).toBe("Escalated (hierarchical) to the manager of the incident's team: Customer data exposed");
    expect(summaryOf({ kind: 'person', person: { id: 'p-dana', name: 'Dana Lee' } })).toBe('Escalated (hierarchical) to Dana Lee: Customer data exposed');
    const result = applyLifecycleAction(incident, { type: 'escalate', level: 'hierarchical', recipient: { kind: 'lead' }, reason: 'x' }, isoAt(0));
    expect(result.ok && result.change.patch).toEqual({ updatedAt: isoAt(0), escalationCount: 1 });
  });

  it.each([
    [{ level: 'functional', recipient: { kind: 'lead' } }, 'recipient', 'A functional escalation goes to a team; choose hierarchical to tell a lead, a manager or a person'],
    [{ level: 'hierarchical', team: network }, 'team', 'A hierarchical escalation tells a person; choose functional to move the incident to a team'],
    [{ level: 'functional', team: network, target: 'Vendor' }, 'target', 'Choose from the list or type a name, not both'],
    [{ level: 'hierarchical' }, 'target', 'Name who the incident is escalated to'],
    [{ level: 'hierarchical', recipient: { kind: 'director' } }, 'recipient.kind', 'Choose who is told: the lead, the manager, or a person'],
  ])('refuses a mismatched target %j with a message on %s', (fields, field, message) => {
    const incident = makeIncident({ stage: 'triaged' });
    const result = applyLifecycleAction(incident, { type: 'escalate', reason: 'Needs help', ...fields }, isoAt(0));
    expect(result.ok).toBe(false);
    expect(!result.ok && result.errors[field]).toBe(message);
  });
});
