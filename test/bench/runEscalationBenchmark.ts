// Escalation planning benchmark: the CPU work of the escalation runner over 100,000 generated
// incidents. Only open incidents are planned; this measures the first plan of all of them (at app
// start, or after a rule change), the plan of one changed incident (the cost of any later edit),
// and, for scale, what planning every incident (open or not) would cost. Prints numbers, asserts
// nothing. Usage: npm run bench:escalation [-- --count 100000]
import type { EscalationRule } from '../../shared/domain/escalation';
import { planEscalations } from '../../shared/domain/escalation';
import { openStages, type Incident } from '../../shared/domain/incident';
import { generateSampleIncident } from '../../shared/domain/sampleData';
import { alwaysOpenCalendar, businessCalendarSchema } from '../../shared/domain/businessCalendar';
import { computeServiceLevelWithPolicy, defaultServiceLevelPolicy, type ServiceLevelPolicy } from '../../shared/domain/serviceLevel';

const countArgument = process.argv.indexOf('--count');
const count = countArgument > 0 ? Number(process.argv[countArgument + 1]) : 100_000;
const nowMs = Date.now();
const nowIso = new Date(nowMs).toISOString();

const rules: EscalationRule[] = [
  { trigger: { type: 'serviceLevel', clock: 'response', state: 'warning' }, conditions: { priorities: ['P1', 'P2'] } },
  { trigger: { type: 'serviceLevel', clock: 'resolution', state: 'breached' }, conditions: {} },
  { trigger: { type: 'unacknowledged', minutes: 30 }, conditions: {} },
].map((spec, index) => ({
  id: `rule-${index}`,
  name: `Rule ${index}`,
  isEnabled: true,
  action: { level: 'hierarchical', recipient: { kind: index === 1 ? 'manager' : 'lead' } },
  activeFrom: '2020-01-01T00:00:00.000Z',
  ...spec,
})) as EscalationRule[];

const officeDay = [{ start: '09:00', end: '17:00' }];
const office = businessCalendarSchema.parse({ id: 'office', name: 'Office', timeZone: 'Europe/London', weeklyHours: [[], officeDay, officeDay, officeDay, officeDay, officeDay, []], holidays: [] });
const policies: [string, ServiceLevelPolicy][] = [
  ['24x7', defaultServiceLevelPolicy],
  ['office hours for service incidents', { ...defaultServiceLevelPolicy, calendars: { security: alwaysOpenCalendar, service: office } }],
];

function plan(incident: Incident, policy: ServiceLevelPolicy) {
  return planEscalations(incident, () => computeServiceLevelWithPolicy(incident, policy, nowIso), rules, nowIso);
}

function time<T>(run: () => T): { result: T; ms: number } {
  const started = performance.now();
  const result = run();
  return { result, ms: performance.now() - started };
}

const generated = time(() => Array.from({ length: count }, (_, index) => generateSampleIncident({ seed: 11, count, periodDays: 365, endMs: nowMs }, index).incident));
const all = generated.result;
const open = all.filter((incident) => incident.deletedAt === null && openStages.includes(incident.stage));
console.log(`${count.toLocaleString()} incidents generated in ${generated.ms.toFixed(0)} ms; ${open.length.toLocaleString()} open`);

for (const [name, policy] of policies) {
  const first = time(() => open.map((incident) => plan(incident, policy)));
  const due = first.result.reduce((total, result) => total + result.due.length, 0);
  const next = first.result.reduce<string | null>((earliest, result) => (result.nextAtIso !== null && (earliest === null || result.nextAtIso < earliest) ? result.nextAtIso : earliest), null);
  const samples: number[] = [];
  for (let index = 0; index < 1000; index += 1) samples.push(time(() => plan(open[index % open.length]!, policy)).ms);
  samples.sort((left, right) => left - right);
  const everything = time(() => all.forEach((incident) => plan(incident, policy)));
  console.log(`\n${name}:`);
  console.log(`  first plan of the ${open.length.toLocaleString()} open incidents: ${first.ms.toFixed(0)} ms (${due.toLocaleString()} escalations due, next instant ${next ?? 'none'})`);
  console.log(`  one changed incident: median ${(samples[500]! * 1000).toFixed(0)} µs, p99 ${(samples[990]! * 1000).toFixed(0)} µs`);
  console.log(`  for scale, planning all ${count.toLocaleString()} (closed ones return at once): ${everything.ms.toFixed(0)} ms`);
}
