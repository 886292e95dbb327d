/**
 * The console's live timeline: released injects and what players did (exercise incidents opened,
 * their timeline entries such as playbook steps and containment, decisions, acknowledgements), in
 * exercise-time order. Pure, so the order and wording are tested without a browser.
 */
import { exerciseTimeAt, type ExerciseRunState } from '../../../../shared/domain/exerciseClock';
import type { ExerciseDecision, InjectDelivery } from '../../../../shared/domain/exercisePlay';
import { injectChannelLabels } from '../../../../shared/domain/exerciseScenario';
import type { Incident } from '../../../../shared/domain/incident';
import { timelineEntryKindLabels, type TimelineEntry } from '../../../../shared/domain/timeline';
import { toMs } from '../../../../shared/domain/time';

export type RunTimelineItemKind = 'inject' | 'incident' | 'incident_entry' | 'decision' | 'acknowledgement';

export type RunTimelineItem = { id: string; kind: RunTimelineItemKind; wallMs: number; exerciseMs: number; text: string };

export type RunTimelineInput = {
  state: Pick<ExerciseRunState, 'injects' | 'released' | 'segments' | 'startedAtMs' | 'finishedAtMs'>;
  evidence: {
    incidents: readonly Pick<Incident, 'id' | 'mode' | 'deletedAt' | 'reference' | 'reporter' | 'createdAt' | 'title'>[];
    timeline: readonly Pick<TimelineEntry, 'id' | 'incidentId' | 'kind' | 'text' | 'recordedAt' | 'author'>[];
  };
  decisions: readonly Pick<ExerciseDecision, 'id' | 'at' | 'by' | 'question' | 'choice'>[];
  deliveries: readonly Pick<InjectDelivery, 'id' | 'injectId' | 'player' | 'acknowledgedAt'>[];
};

const kindOrder: Record<RunTimelineItemKind, number> = { inject: 0, acknowledgement: 1, incident: 2, incident_entry: 3, decision: 4 };

/** Everything that happened between the start and the finish, oldest first (ties: injects first, then by text). */
export function buildRunTimeline({ state, evidence, decisions, deliveries }: RunTimelineInput): RunTimelineItem[] {
  if (state.startedAtMs === null) return [];
  const startMs = state.startedAtMs;
  const endMs = state.finishedAtMs ?? Number.POSITIVE_INFINITY;
  const items: RunTimelineItem[] = [];
  const add = (id: string, kind: RunTimelineItemKind, wallMs: number, text: string) => {
    if (wallMs < startMs || wallMs > endMs) return;
    items.push({ id, kind, wallMs, exerciseMs: exerciseTimeAt(state.segments, wallMs), text });
  };
  const injectById = new Map(state.injects.map((inject) => [inject.id, inject]));
  for (const release of state.released.values()) {
    const inject = injectById.get(release.injectId);
    if (!inject) continue;
    items.push({
      id: `inject:${inject.id}`,
      kind: 'inject',
      wallMs: release.wallMs,
      exerciseMs: release.exerciseMs,
      text: `Inject ${inject.mselNumber} released${release.manual ? ' by hand' : ''} (${injectChannelLabels[inject.channel]}): ${inject.title}`,
    });
  }
  const references = new Map<string, string>();
  for (const incident of evidence.incidents) {
    if (incident.mode !== 'exercise' || incident.deletedAt !== null) continue;
    references.set(incident.id, incident.reference);
    add(`incident:${incident.id}`, 'incident', toMs(incident.createdAt), `${incident.reporter.name} opened exercise incident ${incident.reference}: ${incident.title}`);
  }
  for (const entry of evidence.timeline) {
    const reference = references.get(entry.incidentId);
    // The incident's own "created" entry repeats the line above.
    if (reference === undefined || entry.kind === 'created') continue;
    add(`entry:${entry.id}`, 'incident_entry', toMs(entry.recordedAt), `${reference} ${timelineEntryKindLabels[entry.kind].toLowerCase()} by ${entry.author.name}: ${entry.text}`);
  }
  for (const decision of decisions) {
    add(`decision:${decision.id}`, 'decision', toMs(decision.at), `Decision by ${decision.by.name}: ${decision.question} Chose: ${decision.choice}`);
  }
  for (const delivery of deliveries) {
    const inject = injectById.get(delivery.injectId);
    if (delivery.acknowledgedAt === null || !inject) continue;
    add(`ack:${delivery.id}`, 'acknowledgement', toMs(delivery.acknowledgedAt), `${delivery.player.name} acknowledged inject ${inject.mselNumber}: ${inject.title}`);
  }
  return items.sort((left, right) => left.exerciseMs - right.exerciseMs || left.wallMs - right.wallMs || kindOrder[left.kind] - kindOrder[right.kind] || left.text.localeCompare(right.text, 'en'));
}
