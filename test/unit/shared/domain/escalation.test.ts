import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { businessCalendarSchema } from '../../../../shared/domain/businessCalendar';
import {
  applyAutomaticEscalation,
  describeAction,
  describeConditions,
  describeTrigger,
  escalationRecipients,
  escalationRuleSetSchema,
  formatMinutes,
  planEscalations,
  validateEscalationRule,
  type EscalationRule,
  type EscalationTrigger,
} from '../../../../shared/domain/escalation';
import type { HoldInterval, Incident } from '../../../../shared/domain/incident';
import { priorities } from '../../../../shared/domain/priority';
import { computeServiceLevelWithPolicy, defaultServiceLevelPolicy, type ServiceLevelPolicy } from '../../../../shared/domain/serviceLevel';
import { settingDefaults, settingSchemas } from '../../../../shared/domain/settings';
import type { ResponderTeam } from '../../../../shared/domain/team';
import { toIso } from '../../../../shared/domain/time';
import { makeIncident, minute } from '../fixtures';

const second = 1000;
const hour = 60 * minute;
const nineAm = Date.UTC(2026, 10, 27, 9, 0, 0);
const at = (offsetMs: number) => toIso(nineAm + offsetMs);

function rule(overrides: Partial<EscalationRule> = {}): EscalationRule {
  return {
    id: 'rule-p1-response',
    name: 'P1 response at risk',
    isEnabled: true,
    trigger: { type: 'serviceLevel', clock: 'response', state: 'warning' },
    conditions: { priorities: ['P1'] },
    action: { level: 'hierarchical', recipient: { kind: 'lead' } },
    activeFrom: at(-hour),
    ...overrides,
  };
}

/** A P1 reported at 09:00 (15 min response target: at risk from 09:11:15, breached from 09:15:00.001). */
function p1(overrides: Partial<Incident> = {}): Incident {
  return makeIncident({ priority: 'P1', reportedAt: at(0), createdAt: at(0), updatedAt: at(0), ...overrides });
}

function plan(incident: Incident, rules: readonly EscalationRule[], nowIso: string, policy: ServiceLevelPolicy = defaultServiceLevelPolicy) {
  return planEscalations(incident, computeServiceLevelWithPolicy(incident, policy, nowIso), rules, nowIso);
}

const security = { id: 'team-soc', name: 'Security Operations' };
const network = { id: 'team-network', name: 'Network engineering' };
const teams: Pick<ResponderTeam, 'id' | 'members' | 'deletedAt'>[] = [
  {
    id: security.id,
    deletedAt: null,
    members: [
      { person: { id: 'p-lead', name: 'Lee Lead' }, role: 'lead' },
      { person: { id: 'p-manager', name: 'Max Manager' }, role: 'manager' },
      { person: { id: 'p-member', name: 'Mo Member' }, role: 'member' },
    ],
  },
  { id: network.id, deletedAt: null, members: [{ person: { id: 'p-net', name: 'Nia Net' }, role: 'member' }] },
];

describe('planEscalations: SLA triggers', () => {
  it('plans the exact instant a P1 response clock goes at risk, and fires from that instant on', () => {
    const incident = p1();
    const rules = [rule()];
    expect(plan(incident, rules, at(0))).toEqual({ due: [], nextAtIso: at(11 * minute + 15 * second) });
    expect(plan(incident, rules, at(11 * minute + 15 * second - 1)).due).toEqual([]);
    const due = plan(incident, rules, at(11 * minute + 15 * second)).due;
    expect(due).toEqual([
      {
        key: `${incident.id}|rule-p1-response|2026-11-27T09:11:15.000Z`,
        incidentId: incident.id,
        rule: rules[0],
        triggerAtIso: '2026-11-27T09:11:15.000Z',
        reason: 'response clock at risk (P1 target: respond within 15 min)',
      },
    ]);
    // Later, and after the breach, the same trigger keeps the same key and nothing is planned.
    expect(plan(incident, rules, at(3 * hour))).toEqual({ due, nextAtIso: null });
  });

  it('fires "breached" at the first millisecond past the target', () => {
    const rules = [rule({ trigger: { type: 'serviceLevel', clock: 'response', state: 'breached' } })];
    expect(plan(p1(), rules, at(0)).nextAtIso).toBe('2026-11-27T09:15:00.001Z');
    expect(plan(p1(), rules, at(15 * minute)).due).toEqual([]);
    expect(plan(p1(), rules, at(15 * minute + 1)).due[0]?.reason).toBe('response target breached (P1 target: respond within 15 min)');
  });

  it('follows the resolution clock in the working time of the calendar of the incident kind', () => {
    const office = businessCalendarSchema.parse({
      id: 'office',
      name: 'Office',
      timeZone: 'UTC',
      weeklyHours: [[], [{ start: '09:00', end: '17:00' }], [{ start: '09:00', end: '17:00' }], [{ start: '09:00', end: '17:00' }], [{ start: '09:00', end: '17:00' }], [{ start: '09:00', end: '17:00' }], []],
      holidays: [],
    });
    const policy: ServiceLevelPolicy = { ...defaultServiceLevelPolicy, calendars: { security: defaultServiceLevelPolicy.calendars.security, service: office } };
    // A P3 service incident reported Friday 2026-11-27 16:00: 24 h resolution, at risk at 18 working hours.
    const incident = makeIncident({ priority: 'P3', kind: 'service', reportedAt: at(7 * hour), createdAt: at(7 * hour) }, { kind: 'service', category: 'outage' });
    const rules = [rule({ trigger: { type: 'serviceLevel', clock: 'resolution', state: 'warning' }, conditions: {} })];
    // Friday 1 h, Monday 8 h, Tuesday 8 h, Wednesday 1 h: 18 working hours, Wednesday 2026-12-02 10:00.
    expect(plan(incident, rules, at(7 * hour), policy).nextAtIso).toBe('2026-12-02T10:00:00.000Z');
  });

  it('stops for good once the clock stops: an acknowledged incident fires no response trigger, even one it crossed', () => {
    const acknowledged = p1({ stage: 'triaged', acknowledgedAt: at(14 * minute) });
    expect(plan(acknowledged, [rule()], at(20 * minute))).toEqual({ due: [], nextAtIso: null });
  });

  it('waits while the clock is paused, and fires on resume at the working-time instant', () => {
    const rules = [rule({ trigger: { type: 'serviceLevel', clock: 'resolution', state: 'warning' }, conditions: {} })];
    const onHold = p1({ stage: 'on_hold', acknowledgedAt: at(5 * minute), holdIntervals: [{ from: at(hour), to: null, reason: 'Vendor' }] });
    expect(plan(onHold, rules, at(5 * hour))).toEqual({ due: [], nextAtIso: null });
    // Resumed at 11:00 after 1 h on hold: 3 h of the 4 h target used at 13:00 instead of 12:00.
    const resumed = p1({ stage: 'in_progress', acknowledgedAt: at(5 * minute), holdIntervals: [{ from: at(hour), to: at(2 * hour), reason: 'Vendor' }] });
    expect(plan(resumed, rules, at(2 * hour)).nextAtIso).toBe(at(4 * hour));
    expect(plan(resumed, rules, at(4 * hour)).due.map((due) => due.triggerAtIso)).toEqual([at(4 * hour)]);
  });
});

describe('planEscalations: unacknowledged and conditions', () => {
  const unacknowledged = rule({ id: 'rule-unack', name: 'Nobody took it', trigger: { type: 'unacknowledged', minutes: 30 }, conditions: {} });

  it('fires N wall-clock minutes after the report while nobody has acknowledged', () => {
    expect(plan(p1(), [unacknowledged], at(0)).nextAtIso).toBe(at(30 * minute));
    expect(plan(p1(), [unacknowledged], at(31 * minute)).due[0]).toMatchObject({ triggerAtIso: at(30 * minute), reason: 'not acknowledged within 30 min of being reported' });
  });

  it('acknowledgement (or resolving without it) ends the trigger', () => {
    expect(plan(p1({ stage: 'triaged', acknowledgedAt: at(29 * minute) }), [unacknowledged], at(40 * minute))).toEqual({ due: [], nextAtIso: null });
    expect(plan(p1({ stage: 'resolved', resolvedAt: at(10 * minute) }), [unacknowledged], at(40 * minute))).toEqual({ due: [], nextAtIso: null });
  });

  it('applies only enabled rules whose conditions all hold, to open incidents that are not deleted', () => {
    const now = at(hour);
    expect(plan(p1(), [unacknowledged], now).due).toHaveLength(1);
    expect(plan(p1(), [{ ...unacknowledged, isEnabled: false }], now)).toEqual({ due: [], nextAtIso: null });
    expect(plan(p1(), [{ ...unacknowledged, conditions: { priorities: ['P2', 'P3'] } }], now).due).toEqual([]);
    expect(plan(p1(), [{ ...unacknowledged, conditions: { kinds: ['security'] } }], now).due).toEqual([]);
    expect(plan(p1(), [{ ...unacknowledged, conditions: { kinds: ['service'] } }], now).due).toHaveLength(1);
    expect(plan(p1(), [{ ...unacknowledged, conditions: { teams: [security] } }], now).due).toEqual([]);
    expect(plan(p1({ routedTeam: security }), [{ ...unacknowledged, conditions: { teams: [network, security] } }], now).due).toHaveLength(1);
    for (const stage of ['resolved', 'closed', 'cancelled'] as const) expect(plan(p1({ stage }), [unacknowledged], now).due, stage).toEqual([]);
    expect(plan(p1({ deletedAt: at(minute) }), [unacknowledged], now).due).toEqual([]);
  });

  it('never fires a trigger that fell before the rule became active (no storm over the backlog)', () => {
    const late = { ...unacknowledged, activeFrom: at(45 * minute) };
    expect(plan(p1(), [late], at(2 * hour))).toEqual({ due: [], nextAtIso: null });
    expect(plan(p1(), [{ ...unacknowledged, activeFrom: at(30 * minute) }], at(2 * hour)).due).toHaveLength(1);
  });

  it('computes the service level only when an applicable rule watches a clock, and then once', () => {
    const incident = p1();
    let calls = 0;
    const serviceLevel = () => {
      calls += 1;
      return computeServiceLevelWithPolicy(incident, defaultServiceLevelPolicy, at(hour));
    };
    planEscalations(incident, serviceLevel, [unacknowledged, rule({ conditions: { priorities: ['P5'] } })], at(hour));
    expect(calls).toBe(0);
    planEscalations(incident, serviceLevel, [rule(), rule({ id: 'rule-2', trigger: { type: 'serviceLevel', clock: 'resolution', state: 'breached' } })], at(hour));
    expect(calls).toBe(1);
  });

  it('lists due escalations in rule order and plans the earliest instant of the others', () => {
    const breach = rule({ id: 'rule-breach', name: 'Breach', trigger: { type: 'serviceLevel', clock: 'response', state: 'breached' } });
    const result = plan(p1(), [unacknowledged, breach, rule()], at(20 * minute));
    expect(result.due.map((due) => due.rule.id)).toEqual(['rule-breach', 'rule-p1-response']);
    expect(result.nextAtIso).toBe(at(30 * minute));
  });
});

describe('planEscalations: properties', () => {
  const triggerArb: fc.Arbitrary<EscalationTrigger> = fc.oneof(
    fc.record({ type: fc.constant('serviceLevel' as const), clock: fc.constantFrom('response' as const, 'resolution' as const), state: fc.constantFrom('warning' as const, 'breached' as const) }),
    fc.record({ type: fc.constant('unacknowledged' as const), minutes: fc.integer({ min: 1, max: 600 }) }),
  );
  const rulesArb = fc.array(
    fc.record({ trigger: triggerArb, activeOffset: fc.integer({ min: -2 * hour, max: 2 * hour }), withPriority: fc.boolean() }),
    { minLength: 1, maxLength: 5 },
  ).map((specs) =>
    specs.map((spec, index): EscalationRule => rule({ id: `rule-${index}`, name: `Rule ${index}`, trigger: spec.trigger, activeFrom: at(spec.activeOffset), conditions: spec.withPriority ? { priorities: ['P1', 'P2'] } : {} })),
  );
  const closedHoldsArb = fc.array(fc.record({ from: fc.integer({ min: 0, max: 6 * hour }), length: fc.integer({ min: 0, max: 2 * hour }) }), { maxLength: 3 });
  const incidentArb = fc.record({
    priority: fc.constantFrom(...priorities),
    holds: closedHoldsArb,
    acknowledgedAfter: fc.option(fc.integer({ min: 0, max: 10 * hour }), { nil: null }),
  }).map(({ priority, holds, acknowledgedAfter }) =>
    p1({
      priority,
      stage: acknowledgedAfter === null ? 'new' : 'in_progress',
      acknowledgedAt: acknowledgedAfter === null ? null : at(acknowledgedAfter),
      holdIntervals: holds.map((hold): HoldInterval => ({ from: at(hold.from), to: at(hold.from + hold.length), reason: 'Waiting' })),
    }),
  );
  const timesArb = fc.array(fc.integer({ min: 0, max: 3 * 24 * hour }), { minLength: 1, maxLength: 12 }).map((offsets) => [...offsets].sort((a, b) => a - b));

  it('fires once: a runner that remembers the keys it acted on fires each rule at most once for an unchanged incident', () => {
    let firings = 0;
    fc.assert(
      fc.property(incidentArb, rulesArb, timesArb, (incident, rules, times) => {
        const fired = new Map<string, string>();
        for (const offset of times) {
          for (const due of plan(incident, rules, at(offset)).due) {
            const previous = fired.get(due.rule.id);
            if (previous === undefined) firings += 1;
            else expect(due.key).toBe(previous);
            fired.set(due.rule.id, due.key);
          }
        }
      }),
    );
    // The generators do reach due escalations, so the property is not vacuous.
    expect(firings).toBeGreaterThan(20);
  });

  it('nothing fires before its instant, and the planned next instant is exactly when the next one fires', () => {
    fc.assert(
      fc.property(incidentArb, rulesArb, fc.integer({ min: 0, max: 24 * hour }), (incident, rules, offset) => {
        const now = at(offset);
        const result = plan(incident, rules, now);
        for (const due of result.due) {
          expect(Date.parse(due.triggerAtIso)).toBeLessThanOrEqual(Date.parse(now));
          expect(plan(incident, rules, toIso(Date.parse(due.triggerAtIso) - 1)).due.map((other) => other.key)).not.toContain(due.key);
        }
        if (result.nextAtIso !== null) {
          const justBefore = plan(incident, rules, toIso(Date.parse(result.nextAtIso) - 1)).due.map((due) => due.key);
          const atNext = plan(incident, rules, result.nextAtIso).due;
          const fresh = atNext.filter((due) => !justBefore.includes(due.key));
          expect(fresh.length).toBeGreaterThan(0);
          for (const due of fresh) expect(due.triggerAtIso).toBe(result.nextAtIso);
        }
      }),
    );
  });

  it('paused clocks do not fire SLA triggers', () => {
    let dueWithoutHold = 0;
    fc.assert(
      fc.property(incidentArb, rulesArb, fc.integer({ min: 0, max: 12 * hour }), fc.integer({ min: 0, max: 24 * hour }), (incident, rules, holdStart, later) => {
        const running = { ...incident, acknowledgedAt: null, stage: 'new' as const };
        dueWithoutHold += plan(running, rules, at(holdStart + later)).due.filter((due) => due.rule.trigger.type === 'serviceLevel').length;
        const onHold = { ...incident, stage: 'on_hold' as const, acknowledgedAt: incident.acknowledgedAt ?? at(0), holdIntervals: [...incident.holdIntervals, { from: at(holdStart), to: null, reason: 'Vendor' }] };
        const result = plan(onHold, rules, at(holdStart + later));
        expect(result.due.filter((due) => due.rule.trigger.type === 'serviceLevel')).toEqual([]);
        const slaOnly = rules.filter((candidate) => candidate.trigger.type === 'serviceLevel');
        expect(plan(onHold, slaOnly, at(holdStart + later)).nextAtIso).toBeNull();
      }),
    );
    expect(dueWithoutHold).toBeGreaterThan(20);
  });

  it('acknowledgement stops unacknowledged triggers', () => {
    fc.assert(
      fc.property(rulesArb, fc.integer({ min: 0, max: 10 * hour }), fc.integer({ min: 0, max: 24 * hour }), (rules, acknowledgedAfter, later) => {
        const acknowledged = p1({ stage: 'triaged', acknowledgedAt: at(acknowledgedAfter) });
        const unacknowledgedRules = rules.filter((candidate) => candidate.trigger.type === 'unacknowledged');
        expect(plan(acknowledged, unacknowledgedRules, at(acknowledgedAfter + later))).toEqual({ due: [], nextAtIso: null });
      }),
    );
  });
});

describe('recipients and what firing writes', () => {
  const due = (overrides: Partial<EscalationRule>) => {
    const incident = p1();
    const rules = [rule(overrides)];
    const [first] = plan(incident, rules, at(hour)).due;
    if (!first) throw new Error('expected a due escalation');
    return first;
  };

  it('resolves the lead and manager of the incident team, the members of a receiving team, and a named person', () => {
    expect(escalationRecipients({ level: 'hierarchical', recipient: { kind: 'lead' } }, security, teams)).toEqual([{ id: 'p-lead', name: 'Lee Lead' }]);
    expect(escalationRecipients({ level: 'hierarchical', recipient: { kind: 'manager' } }, security, teams)).toEqual([{ id: 'p-manager', name: 'Max Manager' }]);
    expect(escalationRecipients({ level: 'hierarchical', recipient: { kind: 'lead' } }, null, teams)).toEqual([]);
    expect(escalationRecipients({ level: 'hierarchical', recipient: { kind: 'lead' } }, network, teams)).toEqual([]);
    expect(escalationRecipients({ level: 'functional', team: security, reason: 'x' }, null, teams).map((person) => person.id)).toEqual(['p-lead', 'p-member']);
    expect(escalationRecipients({ level: 'hierarchical', recipient: { kind: 'person', person: { id: 'p-x', name: 'Xu' } } }, null, [])).toEqual([{ id: 'p-x', name: 'Xu' }]);
    const removed = teams.map((team) => ({ ...team, deletedAt: at(0) }));
    expect(escalationRecipients({ level: 'hierarchical', recipient: { kind: 'lead' } }, security, removed)).toEqual([]);
  });

  it('a hierarchical escalation counts and names who it went to, or says the leads were told', () => {
    const escalation = due({});
    expect(applyAutomaticEscalation({ escalationCount: 0, routedTeam: security }, escalation, teams)).toEqual({
      patch: { escalationCount: 1 },
      summary: 'Automatic escalation by rule "P1 response at risk": response clock at risk (P1 target: respond within 15 min). Escalated to the lead of Security Operations (Lee Lead).',
      recipients: [{ id: 'p-lead', name: 'Lee Lead' }],
    });
    expect(applyAutomaticEscalation({ escalationCount: 2, routedTeam: null }, escalation, teams).summary).toBe(
      "Automatic escalation by rule \"P1 response at risk\": response clock at risk (P1 target: respond within 15 min). Escalated to the lead of the incident's team (nobody recorded in that role: the team leads were notified).",
    );
  });

  it('a functional escalation moves the incident to the team and takes the routing rule\'s credit away', () => {
    const escalation = due({ name: 'P1 to network', action: { level: 'functional', team: network, reason: 'Network outages need the network team' } });
    expect(applyAutomaticEscalation({ escalationCount: 0, routedTeam: security }, escalation, teams)).toEqual({
      patch: { escalationCount: 1, routedTeam: network, routedByRule: null },
      summary: 'Automatic escalation by rule "P1 to network": response clock at risk (P1 target: respond within 15 min). Moved to Network engineering (Nia Net): Network outages need the network team',
      recipients: [{ id: 'p-net', name: 'Nia Net' }],
    });
    expect(applyAutomaticEscalation({ escalationCount: 0, routedTeam: network }, escalation, teams).patch).toEqual({ escalationCount: 1 });
  });
});

describe('rules: schema, validation and words', () => {
  it('is a synced setting with an empty default', () => {
    expect(settingDefaults.escalationRules).toEqual({ rules: [], updatedAt: '1970-01-01T00:00:00.000Z' });
    expect(settingSchemas.escalationRules.safeParse({ rules: [rule()], updatedAt: at(0) }).success).toBe(true);
    expect(escalationRuleSetSchema.safeParse({ rules: [rule(), rule()], updatedAt: at(0) }).success).toBe(false);
  });

  it('gives a specific message for each kind of bad rule', () => {
    const errorsOf = (candidate: unknown) => {
      const result = validateEscalationRule(candidate, [rule({ id: 'other', name: 'Existing rule' })]);
      return result.ok ? {} : result.errors;
    };
    expect(errorsOf(rule({ name: ' ' }))).toEqual({ name: 'Name the rule' });
    expect(errorsOf(rule({ name: 'existing RULE' }))).toEqual({ name: 'Another rule is already called "existing RULE"' });
    expect(errorsOf(rule({ trigger: { type: 'unacknowledged', minutes: 0 } }))).toEqual({ 'trigger.minutes': 'Enter at least 1 minute' });
    expect(errorsOf(rule({ trigger: { type: 'unacknowledged', minutes: 2.5 } }))).toEqual({ 'trigger.minutes': 'Enter whole minutes' });
    expect(errorsOf(rule({ action: { level: 'functional', team: network, reason: '' } }))).toEqual({ 'action.reason': 'Say why the incident moves to this team' });
    expect(errorsOf(rule({ conditions: { priorities: ['P1', 'P1'] } }))).toEqual({ 'conditions.priorities': 'Choose each priority only once' });
    expect(errorsOf(rule({ action: { level: 'functional', reason: 'x' } as never }))).toEqual({ 'action.team': 'Choose the team the incident moves to' });
    expect(errorsOf(rule({ action: { level: 'hierarchical', recipient: { kind: 'person' } } as never }))).toEqual({ 'action.recipient.person': 'Choose the person to notify' });
    expect(validateEscalationRule(rule(), [rule()]).ok).toBe(true);
  });

  it('reads a rule out loud', () => {
    expect(describeTrigger({ type: 'serviceLevel', clock: 'response', state: 'warning' })).toBe('response clock at risk');
    expect(describeTrigger({ type: 'serviceLevel', clock: 'resolution', state: 'breached' })).toBe('resolution clock breached');
    expect(describeTrigger({ type: 'unacknowledged', minutes: 90 })).toBe('not acknowledged for 1 h 30 min');
    expect(describeConditions({ priorities: ['P1', 'P2'], kinds: ['security'], teams: [security] })).toBe('priority is P1 or P2; kind is Security; team is Security Operations');
    expect(describeConditions({})).toBe('');
    expect(describeAction({ level: 'hierarchical', recipient: { kind: 'manager' } })).toBe("notify the manager of the incident's team");
    expect(describeAction({ level: 'functional', team: network, reason: 'x' })).toBe('move to Network engineering');
    expect([5, 60, 240, 90, 1440, 4320].map(formatMinutes)).toEqual(['5 min', '1 h', '4 h', '1 h 30 min', '1 day', '3 days']);
  });
});
