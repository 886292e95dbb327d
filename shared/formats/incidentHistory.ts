/**
 * What every importer of incident history produces: finished incident records with a stable id
 * derived from the source's own key, so importing the same file twice (on any device) yields the
 * same ids and the second import adds nothing. Records that cannot be read are skipped with a
 * reason a lead can act on; nothing is guessed.
 */
import { effectivePriority, type Level, type Priority, type PriorityMatrix } from '../domain/priority';
import type { DatePrecision, Incident, IncidentStage } from '../domain/incident';
import type { PersonRef } from '../domain/people';
import type { IncidentCategory, IncidentKind } from '../domain/taxonomy';
import { createTimelineEntry, type TimelineEntry } from '../domain/timeline';
import type { IsoTimestamp } from '../domain/time';
import { uuidFromText } from './cacao';

export type HistoryImportContext = {
  nowIso: IsoTimestamp;
  matrix: PriorityMatrix;
  /** Who ran the import: the author of each record's "Imported" timeline entry. */
  importedBy: PersonRef;
  deviceId: string;
};

export type ImportedIncident = {
  /** The record's key in its source ("VCDB 00163384…", "INC0000045"): shown in previews and skips. */
  sourceKey: string;
  incident: Incident;
  timeline: TimelineEntry[];
};

export type SkippedRecord = { sourceKey: string; reason: string };

export type HistoryImport = { incidents: ImportedIncident[]; skipped: SkippedRecord[]; warnings: string[] };

/** Stable ids: the same source key always gives the same incident and timeline ids. */
export function importedIncidentId(sourceName: string, sourceKey: string): string {
  return uuidFromText(`firebreak-import:${sourceName}:${sourceKey}`);
}

export type HistoricalIncidentFields = {
  sourceName: string;
  sourceKey: string;
  reference: string;
  title: string;
  description: string;
  kind: IncidentKind;
  category: IncidentCategory;
  impact: Level;
  urgency: Level;
  /** The priority the source recorded; when our matrix gives another, it is kept as an override. */
  recordedPriority?: Priority | null;
  stage: IncidentStage;
  datePrecision: DatePrecision;
  startedAt: IsoTimestamp | null;
  detectedAt: IsoTimestamp;
  reportedAt: IsoTimestamp;
  acknowledgedAt: IsoTimestamp | null;
  containedAt: IsoTimestamp | null;
  resolvedAt: IsoTimestamp | null;
  closedAt: IsoTimestamp | null;
  cancelledAt: IsoTimestamp | null;
  cancelReason: Incident['cancelReason'];
  reopenCount: number;
  escalationCount: number;
  hasPersonalData: boolean;
  affectedServices: string;
  assignee: PersonRef | null;
  routedTeam: Incident['routedTeam'];
  holdIntervals: Incident['holdIntervals'];
};

/** Builds the incident record and its one timeline entry that says where it came from. */
export function buildImportedIncident(fields: HistoricalIncidentFields, context: HistoryImportContext): ImportedIncident {
  const id = importedIncidentId(fields.sourceName, fields.sourceKey);
  const lastKnownAt = [fields.closedAt, fields.cancelledAt, fields.resolvedAt, fields.containedAt, fields.acknowledgedAt, fields.reportedAt]
    .filter((value): value is IsoTimestamp => value !== null)
    .sort()
    .at(-1)!;
  const matrixPriority = effectivePriority(context.matrix, fields.impact, fields.urgency, null);
  const recorded = fields.recordedPriority ?? null;
  const priorityOverride =
    recorded !== null && recorded !== matrixPriority ? { priority: recorded, justification: `Priority as recorded in ${fields.sourceName}` } : null;
  const incident: Incident = {
    id,
    teamId: null,
    reference: fields.reference,
    title: fields.title,
    description: fields.description,
    kind: fields.kind,
    category: fields.category,
    affectedServices: fields.affectedServices,
    reporter: context.importedBy,
    source: 'import',
    impact: fields.impact,
    urgency: fields.urgency,
    priority: priorityOverride?.priority ?? matrixPriority,
    priorityOverride,
    tlp: 'AMBER',
    isMajor: false,
    hasPersonalData: fields.hasPersonalData,
    mode: 'imported',
    stage: fields.stage,
    responsePhase: null,
    assignee: fields.assignee,
    routedTeam: fields.routedTeam,
    routedByRule: null,
    exerciseRunId: null,
    holdReason: null,
    resolutionCode: null,
    resolutionSummary: null,
    cancelReason: fields.cancelReason,
    reopenCount: fields.reopenCount,
    escalationCount: fields.escalationCount,
    startedAt: fields.startedAt,
    detectedAt: fields.detectedAt,
    reportedAt: fields.reportedAt,
    datePrecision: fields.datePrecision,
    acknowledgedAt: fields.acknowledgedAt,
    containedAt: fields.containedAt,
    resolvedAt: fields.resolvedAt,
    closedAt: fields.closedAt,
    cancelledAt: fields.cancelledAt,
    holdIntervals: fields.holdIntervals,
    priorityChanges: [],
    createdAt: context.nowIso,
    // The record's own last change, so a re-import of the same history never looks newer than an
    // edit made here since (last writer wins by updatedAt).
    updatedAt: lastKnownAt < context.nowIso ? lastKnownAt : context.nowIso,
    deletedAt: null,
  };
  const entry = createTimelineEntry(
    { id: uuidFromText(`${id}:imported`), incidentId: id, author: context.importedBy, deviceId: context.deviceId, nowIso: context.nowIso },
    'created',
    `Imported from ${fields.sourceName} record ${fields.sourceKey}`,
    fields.reportedAt,
  );
  return { sourceKey: fields.sourceKey, incident, timeline: [entry] };
}
