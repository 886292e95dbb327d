/**
 * ServiceNow-style incident CSV exports, read as imported incident history. Two shapes:
 * - one row per incident (a list export): each row is the incident as it ended;
 * - an audit log with one row per update (the same number on many rows, ordered by
 *   sys_mod_count): the rows give when it was first acknowledged, when it waited on hold, and
 *   how it ended.
 *
 * Columns differ between instances, so a mapping names the column for each of our fields; the
 * app remembers it per set of headers. Timestamps in these exports carry no zone: the mapping
 * says which zone they were written in and which day-month order they use.
 */
import Papa from 'papaparse';
import { z } from 'zod';
import { isValidTimeZone, localInstant } from '../domain/businessCalendar';
import type { HoldInterval, IncidentStage } from '../domain/incident';
import { prioritySchema, type Level, type Priority } from '../domain/priority';
import { incidentCategorySchema, incidentKindSchema, isCategoryOfKind } from '../domain/taxonomy';
import { buildImportedIncident, type HistoryImport, type HistoryImportContext, type ImportedIncident, type SkippedRecord } from './incidentHistory';
import { pluralize } from '../domain/wording';

export const serviceNowSourceName = 'ServiceNow';
export const maxServiceNowCsvCharacters = 100 * 1024 * 1024;

/** Our fields a column can fill. `number` and `openedAt` are required; the rest are optional. */
export const serviceNowFields = [
  'number',
  'openedAt',
  'state',
  'shortDescription',
  'updatedAt',
  'modCount',
  'resolvedAt',
  'closedAt',
  'impact',
  'urgency',
  'priority',
  'category',
  'subcategory',
  'assignmentGroup',
  'assignedTo',
  'reopenCount',
] as const;
export type ServiceNowField = (typeof serviceNowFields)[number];

export const serviceNowFieldLabels: Record<ServiceNowField, string> = {
  number: 'Incident number',
  openedAt: 'Opened at',
  state: 'State',
  shortDescription: 'Short description',
  updatedAt: 'Updated at (audit log)',
  modCount: 'Update count (audit log)',
  resolvedAt: 'Resolved at',
  closedAt: 'Closed at',
  impact: 'Impact',
  urgency: 'Urgency',
  priority: 'Priority',
  category: 'Category',
  subcategory: 'Subcategory',
  assignmentGroup: 'Assignment group',
  assignedTo: 'Assigned to',
  reopenCount: 'Reopen count',
};

/** The column names ServiceNow itself uses, for the first guess at a mapping. */
const serviceNowColumnNames: Record<ServiceNowField, readonly string[]> = {
  number: ['number'],
  openedAt: ['opened_at', 'opened'],
  state: ['incident_state', 'state'],
  shortDescription: ['short_description'],
  updatedAt: ['sys_updated_at', 'updated'],
  modCount: ['sys_mod_count'],
  resolvedAt: ['resolved_at', 'resolved'],
  closedAt: ['closed_at', 'closed'],
  impact: ['impact'],
  urgency: ['urgency'],
  priority: ['priority'],
  category: ['category'],
  subcategory: ['subcategory'],
  assignmentGroup: ['assignment_group'],
  assignedTo: ['assigned_to'],
  reopenCount: ['reopen_count'],
};

export const dateOrders = ['day-month-year', 'month-day-year', 'year-month-day'] as const;

export const serviceNowMappingSchema = z.strictObject({
  /** Column name per field; null leaves the field out. */
  columns: z.record(z.enum(serviceNowFields), z.string().max(200).nullable()),
  dateOrder: z.enum(dateOrders),
  timeZone: z.string().refine(isValidTimeZone, 'Choose a time zone such as Europe/London or UTC'),
  kind: incidentKindSchema,
  /** Source category value ("Category 45", "Network") to ours; anything not listed becomes "Other". */
  categories: z.record(z.string().max(200), incidentCategorySchema),
});
export type ServiceNowMapping = z.infer<typeof serviceNowMappingSchema>;

export type ServiceNowCsvTable = { headers: string[]; rows: string[][] };

export type ParsedCsv = { ok: true; table: ServiceNowCsvTable } | { ok: false; error: string };

/** Reads the CSV text into rows of strings (quotes, commas and line breaks in fields handled). */
export function readCsvTable(text: string): ParsedCsv {
  if (text.length > maxServiceNowCsvCharacters) return { ok: false, error: 'The file is over 100 MB; export fewer incidents at a time.' };
  const parsed = Papa.parse<string[]>(text.replace(/^\uFEFF/, ''), { skipEmptyLines: 'greedy' });
  const fatal = parsed.errors.find((error) => error.type === 'Quotes');
  if (fatal) return { ok: false, error: `Row ${(fatal.row ?? 0) + 1}: ${fatal.message}. Check the file is a CSV export.` };
  const [headers, ...rows] = parsed.data;
  if (!headers || headers.length < 2) return { ok: false, error: 'The file has no header row with column names.' };
  return { ok: true, table: { headers: headers.map((header) => header.trim()), rows } };
}

/** A first mapping from the headers alone: ServiceNow's own names, dates in the order the values show. */
export function guessServiceNowMapping(table: ServiceNowCsvTable, timeZone: string): ServiceNowMapping {
  const lower = table.headers.map((header) => header.toLowerCase());
  const columns = {} as Record<ServiceNowField, string | null>;
  for (const field of serviceNowFields) {
    const index = lower.findIndex((header) => serviceNowColumnNames[field].includes(header));
    columns[field] = index >= 0 ? table.headers[index]! : null;
  }
  const openedIndex = columns.openedAt === null ? -1 : table.headers.indexOf(columns.openedAt);
  const samples = openedIndex < 0 ? [] : table.rows.slice(0, 200).map((row) => row[openedIndex] ?? '');
  return { columns, dateOrder: guessDateOrder(samples), timeZone, kind: 'service', categories: {} };
}

function guessDateOrder(samples: readonly string[]): ServiceNowMapping['dateOrder'] {
  let firstAbove12 = false;
  let secondAbove12 = false;
  for (const sample of samples) {
    const match = /^(\d{1,4})[-/.](\d{1,2})[-/.](\d{1,4})/.exec(sample.trim());
    if (!match) continue;
    if (match[1]!.length === 4) return 'year-month-day';
    if (Number(match[1]) > 12) firstAbove12 = true;
    if (Number(match[2]) > 12) secondAbove12 = true;
  }
  return secondAbove12 && !firstAbove12 ? 'month-day-year' : 'day-month-year';
}

/** The key under which a mapping is remembered: the same headers in any order. */
export function headerSignature(headers: readonly string[]): string {
  return [...headers].map((header) => header.toLowerCase()).sort().join('|');
}

const missingValues = new Set(['', '?', 'null', 'NULL', 'N/A']);
const clean = (value: string | undefined): string | null => {
  const trimmed = value?.trim() ?? '';
  return missingValues.has(trimmed) ? null : trimmed;
};

/** Parses "29-02-2016 01:16", "02/29/2016 1:16:05" or "2016-02-29 01:16:05" in the mapping's zone. */
export function parseServiceNowTimestamp(value: string, dateOrder: ServiceNowMapping['dateOrder'], timeZone: string): string | null {
  const match = /^(\d{1,4})[-/.](\d{1,2})[-/.](\d{1,4})(?:[ T](\d{1,2}):(\d{2})(?::(\d{2}))?)?$/.exec(value.trim());
  if (!match) return null;
  const [first, second, third] = [match[1]!, match[2]!, match[3]!];
  const [year, month, day] =
    dateOrder === 'year-month-day' ? [first, second, third] : dateOrder === 'day-month-year' ? [third, second, first] : [third, first, second];
  if (year.length !== 4) return null;
  const monthNumber = Number(month);
  const dayNumber = Number(day);
  if (monthNumber < 1 || monthNumber > 12 || dayNumber < 1 || dayNumber > 31) return null;
  const date = `${year}-${month.padStart(2, '0')}-${day.padStart(2, '0')}`;
  if (new Date(`${date}T00:00:00Z`).getUTCDate() !== dayNumber) return null;
  const hour = Number(match[4] ?? 0);
  const minute = Number(match[5] ?? 0);
  const seconds = Number(match[6] ?? 0);
  if (hour > 23 || minute > 59 || seconds > 59) return null;
  const instant = localInstant(timeZone, date, `${String(hour).padStart(2, '0')}:${String(minute).padStart(2, '0')}`);
  return new Date(Date.parse(instant) + seconds * 1000).toISOString();
}

/** "1 - High" → high; ServiceNow numbers impact and urgency 1 (high) to 3 (low). */
function levelOf(value: string | null): Level | null {
  const digit = value === null ? null : /^\s*(\d)/.exec(value)?.[1];
  if (digit === '1') return 'high';
  if (digit === '2') return 'medium';
  if (digit === '3') return 'low';
  const word = value?.toLowerCase() ?? '';
  return word.includes('high') ? 'high' : word.includes('medium') ? 'medium' : word.includes('low') ? 'low' : null;
}

/** "1 - Critical" → P1 … "5 - Planning" → P5. */
function priorityOf(value: string | null): Priority | null {
  const digit = value === null ? null : /^\s*P?(\d)/i.exec(value)?.[1];
  const parsed = prioritySchema.safeParse(`P${digit}`);
  return parsed.success ? parsed.data : null;
}

type StateMeaning = { stage: IncidentStage; isHold: boolean };

function stateOf(value: string | null): StateMeaning | null {
  const state = value?.toLowerCase() ?? '';
  if (state === 'new' || state === '1') return { stage: 'new', isHold: false };
  if (state === 'active' || state === 'in progress' || state === '2') return { stage: 'in_progress', isHold: false };
  if (state.startsWith('awaiting') || state === 'on hold' || state === '3') return { stage: 'on_hold', isHold: true };
  if (state === 'resolved' || state === '6') return { stage: 'resolved', isHold: false };
  if (state === 'closed' || state === '7') return { stage: 'closed', isHold: false };
  if (state === 'canceled' || state === 'cancelled' || state === '8') return { stage: 'cancelled', isHold: false };
  return null;
}

type Row = Record<ServiceNowField, string | null>;

function rowsOf(table: ServiceNowCsvTable, mapping: ServiceNowMapping): { rows: { line: number; row: Row }[]; missingColumns: string[] } {
  const indexes = {} as Record<ServiceNowField, number>;
  const missingColumns: string[] = [];
  for (const field of serviceNowFields) {
    const column = mapping.columns[field] ?? null;
    const index = column === null ? -1 : table.headers.indexOf(column);
    if (column !== null && index < 0) missingColumns.push(column);
    indexes[field] = index;
  }
  const rows = table.rows.map((cells, position) => {
    const row = {} as Row;
    for (const field of serviceNowFields) row[field] = indexes[field] < 0 ? null : clean(cells[indexes[field]]);
    return { line: position + 2, row };
  });
  return { rows, missingColumns };
}

type Outcome = { ok: true; imported: ImportedIncident } | { ok: false; reason: string };

function importOne(number: string, updates: { line: number; row: Row }[], mapping: ServiceNowMapping, context: HistoryImportContext): Outcome {
  const time = (value: string | null) => (value === null ? null : parseServiceNowTimestamp(value, mapping.dateOrder, mapping.timeZone));
  const ordered = [...updates].sort((left, right) => {
    const byCount = Number(left.row.modCount ?? 0) - Number(right.row.modCount ?? 0);
    return byCount !== 0 ? byCount : (time(left.row.updatedAt) ?? '').localeCompare(time(right.row.updatedAt) ?? '') || left.line - right.line;
  });
  const first = ordered[0]!;
  const last = ordered.at(-1)!;
  const openedText = first.row.openedAt;
  const reportedAt = time(openedText);
  if (reportedAt === null) {
    return { ok: false, reason: `Row ${first.line}: "${openedText ?? ''}" in ${mapping.columns.openedAt ?? 'opened at'} is not a date in ${mapping.dateOrder} order` };
  }
  const finalState = stateOf(last.row.state) ?? { stage: last.row.closedAt ? 'closed' : last.row.resolvedAt ? 'resolved' : 'in_progress', isHold: false };

  // Audit rows: the first update out of "New" acknowledges it; "Awaiting …" rows are holds.
  let acknowledgedAt: string | null = null;
  const holdIntervals: HoldInterval[] = [];
  let holdFrom: { at: string; reason: string } | null = null;
  if (ordered.length > 1) {
    for (const { row } of ordered) {
      const at = time(row.updatedAt);
      const state = stateOf(row.state);
      if (at === null || state === null || at < reportedAt) continue;
      if (acknowledgedAt === null && state.stage !== 'new') acknowledgedAt = at;
      if (state.isHold && holdFrom === null) holdFrom = { at, reason: row.state ?? 'On hold' };
      if (!state.isHold && holdFrom !== null) {
        if (at > holdFrom.at) holdIntervals.push({ from: holdFrom.at, to: at, reason: `${holdFrom.reason} (from ServiceNow)` });
        holdFrom = null;
      }
    }
    if (holdFrom !== null && finalState.isHold) holdIntervals.push({ from: holdFrom.at, to: null, reason: `${holdFrom.reason} (from ServiceNow)` });
  }

  const isEnded = finalState.stage === 'resolved' || finalState.stage === 'closed';
  let resolvedAt = isEnded ? time(last.row.resolvedAt) : null;
  let closedAt = finalState.stage === 'closed' ? time(last.row.closedAt) : null;
  if (finalState.stage === 'closed' && resolvedAt === null) resolvedAt = closedAt;
  if (resolvedAt !== null && resolvedAt < reportedAt) resolvedAt = null;
  if (closedAt !== null && closedAt < reportedAt) closedAt = null;
  if (acknowledgedAt === null && resolvedAt !== null && ordered.length > 1) acknowledgedAt = resolvedAt;

  const impact = levelOf(last.row.impact) ?? 'medium';
  const urgency = levelOf(last.row.urgency) ?? 'medium';
  const sourceCategory = last.row.category;
  const mapped = sourceCategory === null ? undefined : mapping.categories[sourceCategory];
  const category = mapped !== undefined && isCategoryOfKind(mapping.kind, mapped) ? mapped : 'other';
  const team = last.row.assignmentGroup;
  const person = last.row.assignedTo;
  const description = [
    `Imported from ServiceNow (${pluralize(ordered.length, 'row')}, rows ${first.line}${ordered.length > 1 ? `–${last.line}` : ''}).`,
    sourceCategory ? `ServiceNow category: ${sourceCategory}${last.row.subcategory ? ` / ${last.row.subcategory}` : ''}.` : null,
    last.row.priority ? `ServiceNow priority: ${last.row.priority}.` : null,
  ]
    .filter(Boolean)
    .join('\n');

  const imported = buildImportedIncident(
    {
      sourceName: serviceNowSourceName,
      sourceKey: number,
      reference: number.slice(0, 40),
      title: (last.row.shortDescription ?? `ServiceNow incident ${number}`).slice(0, 200),
      description,
      kind: mapping.kind,
      category,
      impact,
      urgency,
      recordedPriority: priorityOf(last.row.priority),
      stage: finalState.stage,
      datePrecision: 'exact',
      startedAt: null,
      detectedAt: reportedAt,
      reportedAt,
      acknowledgedAt,
      containedAt: null,
      resolvedAt,
      closedAt,
      cancelledAt: null,
      cancelReason: finalState.stage === 'cancelled' ? 'raised_in_error' : null,
      reopenCount: Math.max(0, ...ordered.map(({ row }) => Number.parseInt(row.reopenCount ?? '0', 10) || 0)),
      escalationCount: 0,
      hasPersonalData: false,
      affectedServices: '',
      assignee: person ? { id: `servicenow:${person}`.slice(0, 64), name: person.slice(0, 120) } : null,
      routedTeam: team ? { id: `servicenow:${team}`.slice(0, 128), name: team.slice(0, 120) } : null,
      holdIntervals,
    },
    context,
  );
  return { ok: true, imported };
}

/**
 * Turns the table into incidents with the given mapping. Rows without a number, and incidents
 * whose opening time cannot be read, are skipped with the row and the reason.
 */
export function importServiceNowTable(table: ServiceNowCsvTable, mapping: ServiceNowMapping, context: HistoryImportContext): HistoryImport | { error: string } {
  const checked = serviceNowMappingSchema.safeParse(mapping);
  if (!checked.success) return { error: checked.error.issues[0]?.message ?? 'The column mapping is not valid' };
  if (!mapping.columns.number) return { error: 'Choose the column that holds the incident number' };
  if (!mapping.columns.openedAt) return { error: 'Choose the column that holds when the incident was opened' };
  const { rows, missingColumns } = rowsOf(table, mapping);
  if (missingColumns.length > 0) return { error: `The file has no column named ${missingColumns.map((name) => `"${name}"`).join(', ')}` };

  const skipped: SkippedRecord[] = [];
  const byNumber = new Map<string, { line: number; row: Row }[]>();
  for (const entry of rows) {
    const number = entry.row.number;
    if (number === null) {
      skipped.push({ sourceKey: `Row ${entry.line}`, reason: 'Skipped: no incident number' });
      continue;
    }
    const list = byNumber.get(number);
    if (list) list.push(entry);
    else byNumber.set(number, [entry]);
  }
  const incidents: ImportedIncident[] = [];
  for (const [number, updates] of byNumber) {
    const outcome = importOne(number, updates, mapping, context);
    if (outcome.ok) incidents.push(outcome.imported);
    else skipped.push({ sourceKey: number, reason: `Skipped: ${outcome.reason}` });
  }
  const warnings: string[] = [];
  const unmapped = new Set(
    rows.map(({ row }) => row.category).filter((value): value is string => value !== null && mapping.categories[value] === undefined),
  );
  if (unmapped.size > 0) warnings.push(`${pluralize(unmapped.size, 'ServiceNow category', 'ServiceNow categories')} had no mapping and became "Other".`);
  const isAuditLog = byNumber.size < rows.length - skipped.length;
  if (!isAuditLog && incidents.length > 0) warnings.push('One row per incident: acknowledgement times and holds are not in this kind of export, so time to acknowledge is left out.');
  return { incidents, skipped, warnings };
}
