import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { incidentSources, type Incident } from '../../../../shared/domain/incident';
import { priorities } from '../../../../shared/domain/priority';
import {
  catchAllExplanation,
  changedRoutingFields,
  describeRouting,
  routeIncident,
  routingRuleSchema,
  routingRuleSetSchema,
  shouldReroute,
  validateRoutingRule,
  validateRoutingRuleSet,
  type RoutingConditions,
  type RoutingResult,
  type RoutingRule,
  type RoutingSubject,
} from '../../../../shared/domain/routing';
import { categoriesByKind, incidentKinds } from '../../../../shared/domain/taxonomy';
import { tlpMarkings } from '../../../../shared/domain/tlp';
import { fixedNowIso, makeIncident } from '../fixtures';

const soc = { teamId: 'team-soc', teamName: 'Security Operations', assignee: null };
const serviceDesk = { teamId: 'team-sd', teamName: 'Service Desk', assignee: null };

function rule(id: string, conditions: RoutingConditions, overrides: Partial<RoutingRule> = {}): RoutingRule {
  return { id, name: `Rule ${id}`, isEnabled: true, isCatchAll: false, conditions, target: soc, ...overrides };
}

function catchAll(id: string, overrides: Partial<RoutingRule> = {}): RoutingRule {
  return rule(id, {}, { name: 'Everything else', isCatchAll: true, target: serviceDesk, ...overrides });
}

function subject(overrides: Partial<RoutingSubject> = {}): RoutingSubject {
  return {
    kind: 'security',
    category: 'phishing',
    priority: 'P2',
    affectedServices: 'Email, Corporate VPN',
    source: 'manual',
    tlp: 'AMBER',
    ...overrides,
  };
}

function set(rules: RoutingRule[]) {
  return { rules, updatedAt: fixedNowIso };
}

describe('routingRuleSchema', () => {
  it('accepts a rule with conditions and a catch-all without', () => {
    const phishing = rule('a', { categories: ['phishing'] });
    expect(routingRuleSchema.parse(phishing)).toEqual(phishing);
    expect(routingRuleSchema.safeParse(catchAll('z')).success).toBe(true);
  });

  it.each([
    ['no conditions', {}],
    ['only empty lists', { kinds: [], categories: [], priorities: [], sources: [], tlps: [] }],
    ['blank service text', { affectedServiceContains: '   ' }],
  ])('refuses a rule with %s unless it is marked catch-all', (_label, conditions) => {
    const result = validateRoutingRule(rule('a', conditions), []);
    expect(result).toEqual({
      ok: false,
      errors: { conditions: 'Add at least one condition, or mark the rule as the catch-all for everything else' },
    });
    expect(validateRoutingRule(rule('a', conditions, { isCatchAll: true }), []).ok).toBe(true);
  });

  it('refuses a catch-all that has conditions', () => {
    expect(validateRoutingRule(rule('a', { tlps: ['RED'] }, { isCatchAll: true }), [])).toEqual({
      ok: false,
      errors: { isCatchAll: 'A catch-all rule matches every incident; remove its conditions or untick catch-all' },
    });
  });

  it('trims names and service text, and enforces their lengths', () => {
    const parsed = routingRuleSchema.parse(rule('a', { affectedServiceContains: '  VPN ' }, { name: '  VPN rule ' }));
    expect(parsed.name).toBe('VPN rule');
    expect(parsed.conditions.affectedServiceContains).toBe('VPN');
    expect(validateRoutingRule(rule('a', { tlps: ['RED'] }, { name: 'x'.repeat(120) }), []).ok).toBe(true);
    expect(validateRoutingRule(rule('a', { tlps: ['RED'] }, { name: 'x'.repeat(121) }), [])).toEqual({
      ok: false,
      errors: { name: 'Keep the rule name under 120 characters' },
    });
    expect(validateRoutingRule(rule('a', { tlps: ['RED'] }, { name: ' ' }), [])).toEqual({ ok: false, errors: { name: 'Name the rule' } });
    expect(validateRoutingRule(rule('a', { affectedServiceContains: 'x'.repeat(121) }), [])).toEqual({
      ok: false,
      errors: { 'conditions.affectedServiceContains': 'Keep the service text under 120 characters' },
    });
  });

  it.each([
    ['conditions.priorities', { priorities: ['P1', 'P1'] }, 'Choose each priority only once'],
    ['conditions.tlps', { tlps: ['RED', 'RED'] }, 'Choose each TLP marking only once'],
    ['conditions.kinds.0', { kinds: ['tornado'] }, undefined],
    ['conditions.sources.1', { sources: ['alert', 'email'] }, undefined],
  ])('refuses bad %s', (field, conditions, message) => {
    const result = validateRoutingRule(rule('a', conditions as RoutingConditions), []);
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(Object.keys(result.errors)).toEqual([field]);
      if (message) expect(result.errors[field]).toBe(message);
    }
  });

  it('refuses a target without a team, and extra fields', () => {
    expect(validateRoutingRule(rule('a', { tlps: ['RED'] }, { target: { teamId: '', teamName: ' ', assignee: null } }), [])).toEqual({
      ok: false,
      errors: { 'target.teamId': 'Choose a team', 'target.teamName': 'Choose a team' },
    });
    const extra = validateRoutingRule({ ...rule('a', { tlps: ['RED'] }), priority: 1 }, []);
    expect(extra.ok === false && Object.keys(extra.errors)).toEqual(['form']);
  });

  it('accepts an assignee as a person reference', () => {
    const withAssignee = rule('a', { tlps: ['RED'] }, { target: { ...soc, assignee: { id: 'p9', name: 'Grace Hopper' } } });
    expect(validateRoutingRule(withAssignee, []).ok).toBe(true);
  });
});

describe('routingRuleSetSchema', () => {
  it('keeps at most 200 rules', () => {
    const rules = Array.from({ length: 201 }, (_, index) => rule(`r${index}`, { tlps: ['RED'] }, { name: `Rule ${index}` }));
    expect(routingRuleSetSchema.safeParse(set(rules.slice(0, 200))).success).toBe(true);
    expect(validateRoutingRuleSet(set(rules))).toEqual({ ok: false, errors: { rules: 'Keep to 200 rules or fewer' }, warnings: {} });
  });

  it('needs a valid updatedAt', () => {
    const result = validateRoutingRuleSet({ rules: [], updatedAt: 'yesterday' });
    expect(result.ok === false && Object.keys(result.errors)).toEqual(['updatedAt']);
  });
});

describe('routeIncident', () => {
  it('routes to the first matching rule in order', () => {
    const rules = [
      rule('ransom', { categories: ['ransomware'] }),
      rule('p2', { priorities: ['P2'] }, { target: serviceDesk }),
      rule('phish', { categories: ['phishing'] }),
    ];
    const result = routeIncident(subject(), set(rules));
    expect(result.matched).toEqual({ ruleId: 'p2', ruleName: 'Rule p2', target: serviceDesk, explanation: ['priority is P2'] });
    expect(routeIncident(subject(), set([rules[0]!, rules[2]!, rules[1]!])).matched?.ruleId).toBe('phish');
  });

  it('takes a whole incident record', () => {
    const incident = makeIncident({}, { kind: 'security', category: 'phishing' });
    expect(routeIncident(incident, set([rule('phish', { categories: ['phishing'] })])).matched?.ruleId).toBe('phish');
  });

  it('skips disabled rules with a reason and goes on to the next match', () => {
    const rules = [rule('off', { categories: ['phishing'] }, { isEnabled: false }), rule('on', { kinds: ['security'] })];
    const result = routeIncident(subject(), set(rules));
    expect(result.matched?.ruleId).toBe('on');
    expect(result.evaluated).toEqual([
      { ruleId: 'off', ruleName: 'Rule off', isMatch: false, skippedReason: 'rule is disabled' },
      { ruleId: 'on', ruleName: 'Rule on', isMatch: true },
    ]);
  });

  it('returns no match, with every rule evaluated, when nothing matches', () => {
    const rules = [rule('a', { tlps: ['RED'] }), rule('b', { sources: ['alert'] })];
    expect(routeIncident(subject(), set(rules))).toEqual({
      matched: null,
      evaluated: [
        { ruleId: 'a', ruleName: 'Rule a', isMatch: false, failedCondition: 'TLP is AMBER, not RED' },
        { ruleId: 'b', ruleName: 'Rule b', isMatch: false, failedCondition: 'source is Manual entry, not Alert' },
      ],
    });
    expect(routeIncident(subject(), set([]))).toEqual({ matched: null, evaluated: [] });
  });

  it.each<[string, RoutingConditions, Partial<RoutingSubject>, string, string]>([
    ['kind', { kinds: ['security'] }, { kind: 'service', category: 'outage' }, 'kind is Security', 'kind is Service, not Security'],
    ['category', { categories: ['phishing', 'malware'] }, { category: 'ransomware' }, 'category is Phishing or Malware', 'category is Ransomware, not Phishing or Malware'],
    ['priority', { priorities: ['P1', 'P2'] }, { priority: 'P3' }, 'priority is P1 or P2', 'priority is P3, not P1 or P2'],
    ['service', { affectedServiceContains: 'VPN' }, { affectedServices: 'Email' }, 'affected services contain "VPN"', 'affected services do not contain "VPN"'],
    ['source', { sources: ['alert', 'import', 'manual'] }, { source: 'sample' }, 'source is Alert, Import or Manual entry', 'source is Sample data, not Alert, Import or Manual entry'],
    ['TLP', { tlps: ['AMBER', 'AMBER+STRICT'] }, { tlp: 'CLEAR' }, 'TLP is AMBER or AMBER+STRICT', 'TLP is CLEAR, not AMBER or AMBER+STRICT'],
  ])('matches and explains a %s condition', (_label, conditions, failing, explanation, failure) => {
    const rules = [rule('r', conditions)];
    expect(routeIncident(subject(), set(rules)).matched?.explanation).toEqual([explanation]);
    const miss = routeIncident(subject(failing), set(rules));
    expect(miss.matched).toBeNull();
    expect(miss.evaluated).toEqual([{ ruleId: 'r', ruleName: 'Rule r', isMatch: false, failedCondition: failure }]);
  });

  it.each(['vpn', 'VPN', 'Vpn', 'corporate vpn', 'EMAIL, CORP'])('matches affected services case-insensitively (%s)', (needle) => {
    expect(routeIncident(subject(), set([rule('r', { affectedServiceContains: needle })])).matched?.ruleId).toBe('r');
  });

  it('does not match when the text is missing or only partly present', () => {
    expect(routeIncident(subject({ affectedServices: '' }), set([rule('r', { affectedServiceContains: 'VPN' })])).matched).toBeNull();
    expect(routeIncident(subject(), set([rule('r', { affectedServiceContains: 'VPN gateway' })])).matched).toBeNull();
  });

  it('treats empty lists and blank service text as "any"', () => {
    const result = routeIncident(subject(), set([rule('r', { kinds: [], affectedServiceContains: '', tlps: ['AMBER'] })]));
    expect(result.matched?.explanation).toEqual(['TLP is AMBER']);
  });

  it('explains every condition, in a fixed order, and reports the first that failed', () => {
    const conditions: RoutingConditions = {
      tlps: ['AMBER'],
      sources: ['manual'],
      affectedServiceContains: 'vpn',
      priorities: ['P1', 'P2'],
      categories: ['phishing'],
      kinds: ['security'],
    };
    expect(routeIncident(subject(), set([rule('r', conditions)])).matched?.explanation).toEqual([
      'kind is Security',
      'category is Phishing',
      'priority is P1 or P2',
      'affected services contain "vpn"',
      'source is Manual entry',
      'TLP is AMBER',
    ]);
    const miss = routeIncident(subject({ priority: 'P4', tlp: 'RED' }), set([rule('r', conditions)]));
    expect(miss.evaluated[0]?.failedCondition).toBe('priority is P4, not P1 or P2');
  });

  it('routes to the catch-all when nothing earlier matches', () => {
    const rules = [rule('phish', { categories: ['phishing'] }), catchAll('rest')];
    expect(routeIncident(subject({ category: 'malware' }), set(rules)).matched).toEqual({
      ruleId: 'rest',
      ruleName: 'Everything else',
      target: serviceDesk,
      explanation: [catchAllExplanation],
    });
    expect(routeIncident(subject(), set(rules)).matched?.ruleId).toBe('phish');
    expect(routeIncident(subject(), set([catchAll('rest', { isEnabled: false })])).matched).toBeNull();
  });

  it('stops evaluating at the match', () => {
    const rules = [rule('a', { tlps: ['RED'] }), rule('b', { kinds: ['security'] }), rule('c', { kinds: ['security'] })];
    expect(routeIncident(subject(), set(rules)).evaluated.map((entry) => entry.ruleId)).toEqual(['a', 'b']);
  });

  it('sends a phishing incident to Security Operations (the end-to-end scenario)', () => {
    const rules = [
      rule('outages', { kinds: ['service'], categories: ['outage'] }, { name: 'Outages to Ops', target: serviceDesk }),
      rule('phish', { categories: ['phishing'] }, { name: 'Phishing to SOC' }),
      catchAll('rest'),
    ];
    const result = routeIncident(makeIncident({}, { kind: 'security', category: 'phishing' }), set(rules));
    expect(result.matched?.target.teamName).toBe('Security Operations');
    expect(describeRouting(result)).toBe('Routed to Security Operations by rule "Phishing to SOC": category is Phishing.');
    expect(validateRoutingRuleSet(set(rules))).toMatchObject({ ok: true, warnings: {} });
  });
});

describe('describeRouting', () => {
  it('names the team, the assignee, the rule and every reason', () => {
    const rules = [
      rule('r', { categories: ['phishing'], priorities: ['P1', 'P2'] }, {
        name: 'Urgent phishing',
        target: { ...soc, assignee: { id: 'p9', name: 'Grace Hopper' } },
      }),
    ];
    expect(describeRouting(routeIncident(subject(), set(rules)))).toBe(
      'Routed to Security Operations and assigned to Grace Hopper by rule "Urgent phishing": category is Phishing; priority is P1 or P2.',
    );
  });

  it('describes a catch-all and no match', () => {
    expect(describeRouting(routeIncident(subject(), set([catchAll('rest')])))).toBe(
      'Routed to Service Desk by rule "Everything else": no earlier rule matched (catch-all rule).',
    );
    const none: RoutingResult = routeIncident(subject(), set([rule('a', { tlps: ['RED'] })]));
    expect(describeRouting(none)).toBe('No routing rule matched (1 rule checked).');
    expect(describeRouting({ matched: null, evaluated: [] })).toBe('No routing rule matched (0 rules checked).');
  });
});

describe('shouldReroute', () => {
  it.each<[string, Partial<RoutingSubject>]>([
    ['kind', { kind: 'service' }],
    ['category', { category: 'malware' }],
    ['priority', { priority: 'P1' }],
    ['affectedServices', { affectedServices: 'Payroll' }],
    ['source', { source: 'alert' }],
    ['tlp', { tlp: 'RED' }],
  ])('is true when %s changes', (field, patch) => {
    expect(shouldReroute(subject(), subject(patch))).toBe(true);
    expect(changedRoutingFields(subject(), subject(patch))).toEqual([field]);
  });

  it('is false when nothing routing looks at changes', () => {
    const incident = makeIncident();
    const edited: Incident = { ...incident, title: 'New title', description: 'More detail', isMajor: !incident.isMajor };
    expect(shouldReroute(incident, edited)).toBe(false);
    expect(shouldReroute(subject(), subject())).toBe(false);
  });

  it('ignores case and surrounding spaces in affected services, which cannot change a match', () => {
    expect(shouldReroute(subject(), subject({ affectedServices: '  email, corporate vpn ' }))).toBe(false);
    expect(shouldReroute(subject(), subject({ affectedServices: 'Email, Corporate  VPN' }))).toBe(true);
  });

  it('lists every changed field', () => {
    expect(changedRoutingFields(subject(), subject({ kind: 'service', category: 'outage', tlp: 'RED' }))).toEqual(['kind', 'category', 'tlp']);
  });
});

describe('validateRoutingRule', () => {
  const others = [rule('a', { tlps: ['RED'] }, { name: 'Red to SOC' })];

  it('refuses a name another rule already has, ignoring case and spaces', () => {
    expect(validateRoutingRule(rule('b', { tlps: ['AMBER'] }, { name: ' red TO soc ' }), others)).toEqual({
      ok: false,
      errors: { name: 'Another rule is already called "red TO soc"; give each rule its own name' },
    });
  });

  it('lets a rule keep its own name while it is edited', () => {
    expect(validateRoutingRule(rule('a', { tlps: ['AMBER'] }, { name: 'Red to SOC' }), others).ok).toBe(true);
  });

  it('refuses categories that belong to none of the selected kinds', () => {
    expect(validateRoutingRule(rule('b', { kinds: ['service'], categories: ['phishing', 'outage'] }), others)).toEqual({
      ok: false,
      errors: { 'conditions.categories': 'Phishing is not a category of Service incidents, so the rule could never match it' },
    });
    expect(validateRoutingRule(rule('b', { kinds: ['service'], categories: ['phishing', 'malware'] }), others)).toEqual({
      ok: false,
      errors: { 'conditions.categories': 'Phishing or Malware are not categories of Service incidents, so the rule could never match them' },
    });
    expect(validateRoutingRule(rule('b', { kinds: ['service', 'security'], categories: ['phishing', 'outage'] }), others).ok).toBe(true);
    expect(validateRoutingRule(rule('b', { categories: ['phishing', 'outage'] }), others).ok).toBe(true);
  });
});

describe('validateRoutingRuleSet', () => {
  it('accepts a well-ordered set', () => {
    const rules = [rule('a', { categories: ['phishing'] }, { name: 'Phishing' }), catchAll('z')];
    expect(validateRoutingRuleSet(set(rules))).toEqual({ ok: true, value: set(rules), warnings: {} });
  });

  it('keys schema errors by rule position', () => {
    const result = validateRoutingRuleSet(set([rule('a', { tlps: ['RED'] }), rule('b', {}, { name: '' })]));
    expect(result.ok === false && result.errors).toEqual({
      'rules.1.name': 'Name the rule',
      'rules.1.conditions': 'Add at least one condition, or mark the rule as the catch-all for everything else',
    });
  });

  it('refuses duplicate names on the later rule', () => {
    const rules = [rule('a', { tlps: ['RED'] }, { name: 'SOC' }), rule('b', { tlps: ['AMBER'] }, { name: 'Other' }), rule('c', { tlps: ['GREEN'] }, { name: 'soc' })];
    expect(validateRoutingRuleSet(set(rules))).toEqual({
      ok: false,
      errors: { 'rules.2.name': 'Rule 1 is already called "soc"; give each rule its own name' },
      warnings: {},
    });
  });

  it('refuses duplicate ids', () => {
    const rules = [rule('a', { tlps: ['RED'] }, { name: 'One' }), rule('a', { tlps: ['AMBER'] }, { name: 'Two' })];
    expect(validateRoutingRuleSet(set(rules))).toMatchObject({ ok: false, errors: { 'rules.1.id': 'Two rules share the same id' } });
  });

  it.each([true, false])('refuses a catch-all that is not last (enabled: %s)', (isEnabled) => {
    const rules = [catchAll('z', { isEnabled }), rule('a', { tlps: ['RED'] })];
    expect(validateRoutingRuleSet(set(rules))).toEqual({
      ok: false,
      errors: { 'rules.0.isCatchAll': 'The catch-all rule must come last: rules below it would never be used' },
      warnings: {},
    });
  });

  it('refuses a second catch-all', () => {
    const rules = [catchAll('y', { name: 'Rest 1' }), catchAll('z', { name: 'Rest 2' })];
    const result = validateRoutingRuleSet(set(rules));
    expect(result.ok === false && Object.keys(result.errors)).toEqual(['rules.0.isCatchAll']);
  });

  it('reports categories outside the selected kinds by rule position', () => {
    const result = validateRoutingRuleSet(set([rule('a', { kinds: ['security'], categories: ['outage'] })]));
    expect(result.ok === false && Object.keys(result.errors)).toEqual(['rules.0.conditions.categories']);
  });

  it('warns, without refusing, about a rule an earlier rule always beats', () => {
    const rules = [
      rule('broad', { kinds: ['security'], priorities: ['P1', 'P2'] }, { name: 'Urgent security' }),
      rule('narrow', { categories: ['phishing'], priorities: ['P1'], affectedServiceContains: 'vpn' }, { name: 'VPN phishing' }),
      rule('other', { categories: ['phishing', 'outage'], priorities: ['P1'] }, { name: 'Mixed' }),
    ];
    const result = validateRoutingRuleSet(set(rules));
    expect(result.ok).toBe(true);
    expect(result.warnings).toEqual({
      'rules.1.conditions': 'Rule 1 ("Urgent security") already matches every incident this rule would, so this rule never applies',
    });
  });

  it('warns about a narrower service text behind a broader one, and not the other way round', () => {
    const broadFirst = [rule('a', { affectedServiceContains: 'VPN' }, { name: 'A' }), rule('b', { affectedServiceContains: 'corporate vpn' }, { name: 'B' })];
    expect(Object.keys(validateRoutingRuleSet(set(broadFirst)).warnings)).toEqual(['rules.1.conditions']);
    expect(validateRoutingRuleSet(set([broadFirst[1]!, broadFirst[0]!])).warnings).toEqual({});
  });

  it('does not warn when the earlier rule is disabled or narrower', () => {
    const rules = [
      rule('a', { kinds: ['security'] }, { name: 'A', isEnabled: false }),
      rule('b', { categories: ['phishing'], tlps: ['RED'] }, { name: 'B' }),
      rule('c', { categories: ['phishing'] }, { name: 'C' }),
    ];
    expect(validateRoutingRuleSet(set(rules)).warnings).toEqual({});
  });
});

// ---------------------------------------------------------------------------------------------
// Properties, against a reference implementation written as plainly as possible.

function referenceMatches(conditions: RoutingConditions, incident: RoutingSubject): boolean {
  const inList = <T>(list: readonly T[] | undefined, value: T) => list === undefined || list.length === 0 || list.includes(value);
  const needle = (conditions.affectedServiceContains ?? '').trim().toLowerCase();
  return (
    inList(conditions.kinds, incident.kind) &&
    inList(conditions.categories, incident.category) &&
    inList(conditions.priorities, incident.priority) &&
    incident.affectedServices.toLowerCase().includes(needle) &&
    inList(conditions.sources, incident.source) &&
    inList(conditions.tlps, incident.tlp)
  );
}

function referenceRoute(incident: RoutingSubject, rules: readonly RoutingRule[]): RoutingRule | null {
  for (const candidate of rules) if (candidate.isEnabled && referenceMatches(candidate.conditions, incident)) return candidate;
  return null;
}

const services = ['Email', 'VPN', 'Corporate VPN', 'Payroll', 'payments api', 'HR portal'];
const needles = ['vpn', 'VPN', 'email', 'Pay', 'portal', 'api', ' hr '];

const subjectArb: fc.Arbitrary<RoutingSubject> = fc
  .constantFrom(...incidentKinds)
  .chain((kind) =>
    fc.record({
      kind: fc.constant(kind),
      category: fc.constantFrom(...categoriesByKind[kind]),
      priority: fc.constantFrom(...priorities),
      affectedServices: fc.subarray(services).map((chosen) => chosen.join(', ')),
      source: fc.constantFrom(...incidentSources),
      tlp: fc.constantFrom(...tlpMarkings),
    }),
  );

const allCategories = [...categoriesByKind.security, ...categoriesByKind.service];

// Small lists over small domains, so a fair share of rules match and a fair share do not.
const conditionsArb: fc.Arbitrary<RoutingConditions> = fc.record(
  {
    kinds: fc.subarray([...incidentKinds], { maxLength: 1 }),
    categories: fc.subarray(allCategories, { maxLength: 4 }),
    priorities: fc.subarray([...priorities], { maxLength: 3 }),
    affectedServiceContains: fc.constantFrom(...needles),
    sources: fc.subarray([...incidentSources], { maxLength: 3 }),
    tlps: fc.subarray([...tlpMarkings], { maxLength: 3 }),
  },
  { requiredKeys: [] },
);

const rulesArb: fc.Arbitrary<RoutingRule[]> = fc
  .array(fc.record({ conditions: conditionsArb, isEnabled: fc.constantFrom(true, true, true, false) }), { maxLength: 8 })
  .map((drafts) =>
    drafts.map((draft, index) => ({
      id: `r${index}`,
      name: `Rule ${index}`,
      isEnabled: draft.isEnabled,
      isCatchAll: false,
      conditions: draft.conditions,
      target: { teamId: `team-${index}`, teamName: `Team ${index}`, assignee: null },
    })),
  );

/** A rule that cannot match `incident`: disabled, or one condition that excludes its value. */
function nonMatchingRuleArb(incident: RoutingSubject): fc.Arbitrary<RoutingRule> {
  const excluding = <T>(all: readonly T[], value: T) => all.filter((item) => item !== value);
  const conditions = fc.oneof(
    conditionsArb.map((base) => ({ ...base, kinds: excluding(incidentKinds, incident.kind) })),
    conditionsArb.map((base) => ({ ...base, categories: excluding(allCategories, incident.category) })),
    conditionsArb.map((base) => ({ ...base, priorities: excluding(priorities, incident.priority) })),
    conditionsArb.map((base) => ({ ...base, affectedServiceContains: 'not-a-service' })),
    conditionsArb.map((base) => ({ ...base, sources: excluding(incidentSources, incident.source) })),
    conditionsArb.map((base) => ({ ...base, tlps: excluding(tlpMarkings, incident.tlp) })),
  );
  // A disabled rule gets no conditions, so it would match everything: being disabled alone keeps it out.
  return fc.record({ conditions, isEnabled: fc.boolean() }).map(({ conditions: chosen, isEnabled }) => ({
    id: 'inserted',
    name: 'Inserted',
    isEnabled,
    isCatchAll: false,
    conditions: isEnabled ? chosen : {},
    target: { teamId: 'team-inserted', teamName: 'Inserted team', assignee: null },
  }));
}

describe('routeIncident properties', () => {
  it('picks the first enabled rule, in order, whose conditions all hold', () => {
    fc.assert(
      fc.property(subjectArb, rulesArb, (incident, rules) => {
        const result = routeIncident(incident, set(rules));
        const expected = referenceRoute(incident, rules);
        expect(result.matched?.ruleId ?? null).toBe(expected?.id ?? null);
        expect(result.matched?.target ?? null).toEqual(expected?.target ?? null);
        // Everything up to the match is listed, and only the match is a match.
        const stop = expected ? rules.indexOf(expected) + 1 : rules.length;
        expect(result.evaluated.map((entry) => entry.ruleId)).toEqual(rules.slice(0, stop).map((entry) => entry.id));
        result.evaluated.forEach((entry, index) => {
          const evaluatedRule = rules[index]!;
          expect(entry.isMatch).toBe(evaluatedRule === expected);
          expect(entry.skippedReason !== undefined).toBe(!evaluatedRule.isEnabled);
          expect(entry.failedCondition !== undefined).toBe(evaluatedRule.isEnabled && evaluatedRule !== expected);
        });
      }),
      { numRuns: 300 },
    );
  });

  it('explains a match with one line per condition that restricts the rule', () => {
    fc.assert(
      fc.property(subjectArb, rulesArb, (incident, rules) => {
        const { matched } = routeIncident(incident, set(rules));
        if (matched === null) return;
        const { conditions } = rules.find((candidate) => candidate.id === matched.ruleId)!;
        const lists = [conditions.kinds, conditions.categories, conditions.priorities, conditions.sources, conditions.tlps];
        const restricting = lists.filter((list) => list && list.length > 0).length + ((conditions.affectedServiceContains ?? '').trim() ? 1 : 0);
        expect(matched.explanation).toHaveLength(restricting === 0 ? 1 : restricting);
        if (restricting === 0) expect(matched.explanation).toEqual([catchAllExplanation]);
      }),
    );
  });

  it('is unchanged by inserting a non-matching rule anywhere', () => {
    fc.assert(
      fc.property(
        subjectArb.chain((incident) =>
          fc.tuple(fc.constant(incident), rulesArb, nonMatchingRuleArb(incident), fc.nat()),
        ),
        ([incident, rules, inserted, position]) => {
          const at = position % (rules.length + 1);
          const withInserted = [...rules.slice(0, at), inserted, ...rules.slice(at)];
          expect(routeIncident(incident, set(withInserted)).matched).toEqual(routeIncident(incident, set(rules)).matched);
        },
      ),
      { numRuns: 300 },
    );
  });

  it('falls through to the next match when the matched rule is disabled', () => {
    fc.assert(
      fc.property(subjectArb, rulesArb, (incident, rules) => {
        const first = routeIncident(incident, set(rules)).matched;
        fc.pre(first !== null);
        const index = rules.findIndex((candidate) => candidate.id === first!.ruleId);
        const disabled = rules.map((candidate, position) => (position === index ? { ...candidate, isEnabled: false } : candidate));
        const next = routeIncident(incident, set(disabled));
        expect(next.matched?.ruleId ?? null).toBe(referenceRoute(incident, rules.slice(index + 1))?.id ?? null);
        expect(next.evaluated[index]?.skippedReason).toBe('rule is disabled');
      }),
      { numRuns: 300 },
    );
  });
});
