/**
 * Realistic sample incidents with full lifecycles and timelines, for demos, training and
 * benchmarks. Deterministic: the same options always give the same records (ids included), and
 * each incident depends only on (seed, index), so large sets are generated in independent chunks.
 */
import { z } from 'zod';
import { createIncident, type Incident, type IncidentStage } from './incident';
import type { PersonRef } from './people';
import { defaultPriorityMatrix, levels, type Level, type PriorityMatrix } from './priority';
import { createRandom, deterministicUuidV7, mixSeed, type Random } from './seededRandom';
import { categoriesByKind, type IncidentCategory, type IncidentKind } from './taxonomy';
import type { Task } from './task';
import { createTimelineEntry, type TimelineEntry } from './timeline';
import { toIso } from './time';
import { formatIncidentReference } from './reference';
import { tlpMarkings } from './tlp';

export const sampleDataOptionsSchema = z.strictObject({
  seed: z.number({ message: 'Enter a whole number seed' }).int('Enter a whole number seed').min(0).max(2 ** 31 - 1),
  count: z.number({ message: 'Enter how many incidents' }).int().min(1, 'Generate at least 1 incident').max(200_000, 'Generate at most 200,000 incidents at once'),
  periodDays: z.number({ message: 'Enter a period in days' }).int().min(1, 'The period is at least 1 day').max(3650, 'The period is at most 10 years'),
  /** The end of the period; rounded down to a UTC midnight so one day's runs match. */
  endMs: z.number().int().positive(),
});
export type SampleDataOptions = z.infer<typeof sampleDataOptionsSchema>;

export type SampleIncident = { incident: Incident; timeline: TimelineEntry[]; tasks: Task[] };

const dayMs = 24 * 60 * 60 * 1000;
const minuteMs = 60 * 1000;

const responders: PersonRef[] = [
  { id: 'sample-person-amara', name: 'Amara Okafor' },
  { id: 'sample-person-bjorn', name: 'Björn Lindqvist' },
  { id: 'sample-person-chen', name: 'Chen Wei' },
  { id: 'sample-person-dana', name: 'Dana Levi' },
  { id: 'sample-person-esteban', name: 'Esteban Ruiz' },
  { id: 'sample-person-fatima', name: 'Fatima Zahra' },
  { id: 'sample-person-grace', name: 'Grace Mensah' },
  { id: 'sample-person-hiro', name: 'Hiro Tanaka' },
];
const reporters: PersonRef[] = [
  { id: 'sample-person-soc', name: 'SOC monitoring' },
  { id: 'sample-person-helpdesk', name: 'Service desk' },
  { id: 'sample-person-noc', name: 'NOC on-call' },
];
const hosts = ['fin-laptop-042', 'web-prod-03', 'db-core-01', 'mail-gw-02', 'hr-ws-117', 'vpn-edge-1', 'build-agent-7', 'k8s-node-12'];
const services = ['Payments API', 'Customer portal', 'Email', 'VPN', 'Payroll', 'Identity provider', 'Data warehouse', 'Order service'];

const titleTemplates: Record<IncidentCategory, readonly string[]> = {
  malware: ['EDR quarantined a trojan on {host}', 'Suspicious PowerShell launched by Office on {host}', 'Cryptominer detected on {host}'],
  ransomware: ['Files renamed with .lock extension on {host}', 'Ransom note found on file share served by {host}'],
  phishing: ['Credential phishing campaign reported by staff', 'Invoice lure with macro attachment reached 40 mailboxes', 'Fake login page impersonating {service}'],
  account_compromise: ['Impossible-travel sign-in for a finance account', 'MFA fatigue prompts accepted by an admin', 'Mailbox forwarding rule created to external address'],
  data_breach: ['Customer export found on a public bucket', 'Misdirected email with payroll data', 'Bulk download from {service} by departing employee'],
  denial_of_service: ['Volumetric DDoS against {service}', 'Layer-7 flood on login endpoint of {service}'],
  insider_misuse: ['Privileged account used outside change window', 'Unauthorised access to HR records'],
  vulnerability_exploitation: ['Exploitation attempts of edge VPN vulnerability on {host}', 'Web shell found on {host}'],
  lost_or_stolen_device: ['Laptop stolen from car, disk encryption unconfirmed', 'Phone with work email lost abroad'],
  other: ['Unusual outbound traffic from {host}', 'Security alert with no clear category from {host}'],
  outage: ['{service} unavailable for all users', '{service} returns 503 in one region'],
  degradation: ['{service} latency above 2 s at p95', 'Intermittent timeouts on {service}'],
  data_corruption: ['Duplicate orders written by {service}', 'Corrupted index on {host}'],
  hardware: ['Disk failure on {host}', 'Power supply fault in rack hosting {host}'],
  software: ['Release broke checkout in {service}', 'Memory leak crashes {service} nightly'],
  network: ['Packet loss between data centres', 'DNS resolution failures for {service}'],
  capacity: ['Database storage at 95% on {host}', 'Queue backlog growing on {service}'],
  supplier: ['Cloud provider incident affects {service}', 'Payment processor outage hits {service}'],
};

const noteTemplates = [
  'Collected logs from {host} and attached hashes to the evidence list.',
  'Spoke with the service owner of {service}; business impact confirmed.',
  'Blocked the indicator at the perimeter firewall.',
  'Vendor ticket opened; awaiting response.',
  'Rolled back the last change to {service}; monitoring.',
  'Users informed through the status page.',
  'Root cause hypothesis: expired certificate on {host}.',
  'Isolated {host} from the network pending forensic image.',
];

function fill(template: string, random: Random): string {
  return template.replace('{host}', random.pick(hosts)).replace('{service}', random.pick(services));
}

function weightedLevel(random: Random): Level {
  const roll = random.next();
  return roll < 0.2 ? 'high' : roll < 0.6 ? 'medium' : 'low';
}

/** A stable 4-character device code for sample data of one seed, from the Crockford alphabet. */
export function sampleDeviceCode(seed: number): string {
  const alphabet = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
  const random = createRandom(mixSeed(seed, 0x5a3b));
  let code = '';
  for (let index = 0; index < 4; index += 1) code += alphabet[random.integer(0, 31)];
  return code;
}

/**
 * Generates incident `index` (0-based) of the set described by `options`. Older incidents are
 * mostly closed; the newest are still open, as in a real queue.
 */
export function generateSampleIncident(
  options: SampleDataOptions,
  index: number,
  matrix: PriorityMatrix = defaultPriorityMatrix,
): SampleIncident {
  const random = createRandom(mixSeed(options.seed, index));
  const endMs = Math.floor(options.endMs / dayMs) * dayMs;
  const startMs = endMs - options.periodDays * dayMs;
  const slot = (endMs - startMs) / options.count;
  const reportedMs = Math.floor(startMs + slot * index + random.next() * slot);
  const ageMs = endMs - reportedMs;

  const kind: IncidentKind = random.chance(0.55) ? 'security' : 'service';
  const category = random.pick(categoriesByKind[kind]);
  const impact = weightedLevel(random);
  const urgency = random.pick(levels);
  const reporter = random.pick(reporters);
  const assignee = random.pick(responders);
  const detectedMs = reportedMs - random.integer(1, 90) * minuteMs;
  const startedMs = kind === 'security' && random.chance(0.4) ? detectedMs - random.integer(1, 72 * 60) * minuteMs : null;
  const id = deterministicUuidV7(reportedMs, random);
  const reference = formatIncidentReference({
    year: new Date(reportedMs).getUTCFullYear(),
    deviceCode: sampleDeviceCode(options.seed),
    sequence: index + 1,
  });

  let incident = createIncident(
    {
      title: fill(random.pick(titleTemplates[category]), random),
      description: `Sample incident generated for demonstration (seed ${options.seed}).`,
      kind,
      category,
      affectedServices: random.pick(services),
      impact,
      urgency,
      detectedAt: toIso(detectedMs),
      startedAt: startedMs === null ? null : toIso(startedMs),
      tlp: random.pick(tlpMarkings),
      hasPersonalData: category === 'data_breach' || random.chance(0.08),
      isMajor: impact === 'high' && urgency === 'high' && random.chance(0.3),
      priorityOverride: null,
      mode: 'live',
    },
    { id, reference, reporter, matrix, nowIso: toIso(reportedMs) },
  );
  incident = { ...incident, source: 'sample' };

  const timeline: TimelineEntry[] = [];
  const tasks: Task[] = [];
  const entry = (atMs: number, entryKind: TimelineEntry['kind'], text: string, author: PersonRef): void => {
    timeline.push(
      createTimelineEntry(
        { id: deterministicUuidV7(atMs, random), incidentId: id, author, deviceId: 'sample-data', nowIso: toIso(atMs) },
        entryKind,
        text,
      ),
    );
  };
  entry(reportedMs, 'created', `Reported by ${reporter.name}`, reporter);

  // How far along the lifecycle this incident got, by age: today's are mostly open.
  const progress = ageMs > 14 * dayMs ? 1 : Math.min(1, ageMs / (14 * dayMs) + random.next() * 0.5);
  const target: IncidentStage =
    random.chance(0.03) ? 'cancelled' : progress >= 0.95 ? 'closed' : progress > 0.8 ? 'resolved' : progress > 0.5 ? 'in_progress' : progress > 0.3 ? 'on_hold' : progress > 0.15 ? 'triaged' : 'new';

  let clock = reportedMs;
  const step = (maxMinutes: number): number => {
    // Capped just before the period end, but never earlier than the previous step: an incident
    // reported in the last second must not get timestamps before its reportedAt.
    clock = Math.max(clock, Math.min(endMs - 1000, clock + random.integer(1, maxMinutes) * minuteMs));
    return clock;
  };

  if (target === 'cancelled') {
    const at = step(240);
    incident = { ...incident, stage: 'cancelled', cancelledAt: toIso(at), cancelReason: random.pick(['duplicate', 'false_positive'] as const), updatedAt: toIso(at) };
    entry(at, 'status_change', `Cancelled (${incident.cancelReason?.replace('_', ' ')})`, assignee);
    return { incident, timeline, tasks };
  }
  if (target === 'new') return { incident, timeline, tasks };

  const acknowledgedAt = step(impact === 'high' ? 30 : 240);
  incident = { ...incident, stage: 'triaged', acknowledgedAt: toIso(acknowledgedAt), updatedAt: toIso(acknowledgedAt) };
  entry(acknowledgedAt, 'status_change', 'Acknowledged', assignee);
  if (target === 'triaged') return { incident, timeline, tasks };

  const assignedAt = step(30);
  incident = { ...incident, stage: 'in_progress', assignee, updatedAt: toIso(assignedAt) };
  entry(assignedAt, 'assignment', `Assigned to ${assignee.name}`, assignee);
  for (let count = random.integer(1, 3); count > 0; count -= 1) entry(step(120), 'note', fill(random.pick(noteTemplates), random), assignee);
  for (let count = random.integer(0, 3); count > 0; count -= 1) {
    const createdMs = step(20);
    const done = target !== 'in_progress' || random.chance(0.5);
    const completedMs = createdMs + 30 * minuteMs;
    tasks.push({
      id: deterministicUuidV7(createdMs, random),
      incidentId: id,
      title: random.pick(['Preserve evidence', 'Notify service owner', 'Reset credentials', 'Update status page', 'Confirm backups', 'Brief the duty manager']),
      state: done ? 'done' : 'open',
      assignee,
      dueAt: toIso(createdMs + 4 * 60 * minuteMs),
      playbookStepId: null,
      fromPlaybook: null,
      createdAt: toIso(createdMs),
      updatedAt: toIso(done ? completedMs : createdMs),
      completedAt: done ? toIso(completedMs) : null,
      deletedAt: null,
    });
  }
  if (kind === 'security' && (target !== 'in_progress' || random.chance(0.5))) {
    const containedAt = step(180);
    incident = { ...incident, containedAt: toIso(containedAt), responsePhase: 'eradication', updatedAt: toIso(containedAt) };
    entry(containedAt, 'status_change', 'Marked contained', assignee);
  }
  if (target === 'in_progress') return { incident, timeline, tasks };

  if (target === 'on_hold' || random.chance(0.2)) {
    const holdFrom = step(60);
    const reason = random.pick(['Waiting for the vendor', 'Waiting for the user to reply', 'Change freeze until Monday']);
    incident = { ...incident, stage: 'on_hold', holdReason: reason, holdIntervals: [{ from: toIso(holdFrom), to: null, reason }], updatedAt: toIso(holdFrom) };
    entry(holdFrom, 'status_change', `Put on hold: ${reason}`, assignee);
    if (target === 'on_hold') return { incident, timeline, tasks };
    const holdTo = step(600);
    incident = { ...incident, stage: 'in_progress', holdReason: null, holdIntervals: [{ from: toIso(holdFrom), to: toIso(holdTo), reason }], updatedAt: toIso(holdTo) };
    entry(holdTo, 'status_change', 'Resumed', assignee);
  }

  const resolvedAt = step(impact === 'high' ? 300 : 1800);
  const resolutionCode = kind === 'security' ? random.pick(['contained_and_eradicated', 'mitigated'] as const) : random.pick(['fixed', 'workaround', 'third_party_fix'] as const);
  const resolutionSummary = kind === 'security' ? 'Threat removed, credentials rotated, monitoring extended.' : 'Service restored; permanent fix tracked as a problem record.';
  incident = { ...incident, stage: 'resolved', resolvedAt: toIso(resolvedAt), resolutionCode, resolutionSummary, updatedAt: toIso(resolvedAt) };
  entry(resolvedAt, 'status_change', `Resolved: ${resolutionSummary}`, assignee);
  if (target === 'resolved') return { incident, timeline, tasks };

  const closedAt = step(2880);
  incident = { ...incident, stage: 'closed', closedAt: toIso(closedAt), updatedAt: toIso(closedAt) };
  entry(closedAt, 'status_change', 'Closed', assignee);
  return { incident, timeline, tasks };
}
