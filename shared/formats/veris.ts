/**
 * VERIS (Vocabulary for Event Recording and Incident Sharing) JSON records, as in the VERIS
 * Community Database, read as imported incident history.
 *
 * Honest dates: VERIS often gives only a year or a month. The record keeps the first instant of
 * the known period (UTC) and `datePrecision` says how much of it is real, so charts by day or week
 * leave it out instead of inventing a day. Durations (discovery, containment) are used only when
 * the incident's day is known and the unit is exact (seconds to weeks); "5 months" is a rough
 * figure, so it is reported, not converted.
 *
 * VERIS has no priority, assignee or close time. Imported records are closed history (false
 * positives are cancelled); they count in volumes and time to detect and contain where known,
 * never in backlog or time to resolve.
 */
import { toIso } from '../domain/time';
import type { DatePrecision } from '../domain/incident';
import type { Level } from '../domain/priority';
import { incidentCategoryLabels, type IncidentCategory } from '../domain/taxonomy';
import { buildImportedIncident, type HistoryImport, type HistoryImportContext, type ImportedIncident, type SkippedRecord } from './incidentHistory';
import { pluralize } from '../domain/wording';

export const verisSourceName = 'VERIS';
/** A VCDB record is a few kilobytes; anything this large is not one. */
export const maxVerisRecordCharacters = 2 * 1024 * 1024;
export const maxVerisRecordsPerImport = 20_000;

type JsonObject = Record<string, unknown>;

function isObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function objectAt(value: unknown, ...path: string[]): JsonObject | null {
  let current: unknown = value;
  for (const key of path) {
    if (!isObject(current)) return null;
    current = current[key];
  }
  return isObject(current) ? current : null;
}

function stringsAt(value: unknown): string[] {
  return Array.isArray(value) ? value.filter((item): item is string => typeof item === 'string') : [];
}

const actionCategories = ['hacking', 'malware', 'social', 'error', 'misuse', 'physical', 'environmental', 'unknown'] as const;
type VerisAction = (typeof actionCategories)[number];
type VerisActions = Partial<Record<VerisAction, string[]>>;

function readActions(record: JsonObject): VerisActions {
  const action = objectAt(record, 'action');
  const actions: VerisActions = {};
  if (!action) return actions;
  for (const name of actionCategories) {
    const entry = action[name];
    if (entry !== undefined) actions[name] = stringsAt(isObject(entry) ? entry.variety : undefined);
  }
  return actions;
}

/**
 * Our category for a VERIS action set. The most specific response wins: ransomware before
 * malware, a denial of service or phishing before generic hacking, and a disclosure caused by an
 * error (misdelivery, misconfiguration, disposal) is a data breach. The order is the order of
 * the checks below.
 */
export function categoryOfVerisActions(actions: VerisActions, hasDisclosure: boolean): IncidentCategory {
  const has = (action: VerisAction, variety?: string) =>
    actions[action] !== undefined && (variety === undefined || actions[action]!.includes(variety));
  if (has('malware', 'Ransomware')) return 'ransomware';
  if (has('hacking', 'DoS') || has('malware', 'DoS')) return 'denial_of_service';
  if (has('social', 'Phishing')) return 'phishing';
  if (has('hacking', 'Use of stolen creds') || has('hacking', 'Brute force') || has('malware', 'Password dumper')) return 'account_compromise';
  if (has('malware')) return 'malware';
  if (has('misuse')) return 'insider_misuse';
  if (has('hacking', 'Exploit vuln') || has('hacking', 'Exploit misconfig') || has('hacking', 'SQLi')) return 'vulnerability_exploitation';
  if (has('physical', 'Theft') || has('error', 'Loss')) return 'lost_or_stolen_device';
  if (hasDisclosure) return 'data_breach';
  return 'other';
}

const exactUnitsMs: Record<string, number> = {
  Seconds: 1000,
  Minutes: 60_000,
  Hours: 3_600_000,
  Days: 86_400_000,
  Weeks: 7 * 86_400_000,
};

type Duration = { kind: 'exact'; ms: number } | { kind: 'rough'; text: string } | { kind: 'unknown' };

function readDuration(value: unknown): Duration {
  if (!isObject(value) || typeof value.unit !== 'string') return { kind: 'unknown' };
  const amount = value.value;
  if (typeof amount !== 'number' || !Number.isFinite(amount) || amount < 0) return { kind: 'unknown' };
  const unitMs = exactUnitsMs[value.unit];
  if (unitMs !== undefined) return { kind: 'exact', ms: Math.round(amount * unitMs) };
  if (value.unit === 'Months' || value.unit === 'Years') return { kind: 'rough', text: `${amount} ${value.unit.toLowerCase()}` };
  return { kind: 'unknown' };
}

type KnownDate = { anchorMs: number; precision: Exclude<DatePrecision, 'exact'>; label: string };

function readIncidentDate(record: JsonObject): KnownDate | string {
  const when = objectAt(record, 'timeline', 'incident');
  if (!when) return 'it has no timeline.incident, so its year is unknown';
  const { year, month, day } = when;
  if (typeof year !== 'number' || !Number.isInteger(year) || year < 1970 || year > 2100) return 'timeline.incident.year is missing or not a year between 1970 and 2100';
  const hasMonth = typeof month === 'number' && Number.isInteger(month) && month >= 1 && month <= 12;
  if (!hasMonth) return { anchorMs: Date.UTC(year, 0, 1), precision: 'year', label: String(year) };
  const monthLabel = `${year}-${String(month).padStart(2, '0')}`;
  const isRealDay = typeof day === 'number' && Number.isInteger(day) && day >= 1 && new Date(Date.UTC(year, month - 1, day)).getUTCMonth() === month - 1;
  if (!isRealDay) return { anchorMs: Date.UTC(year, month - 1, 1), precision: 'month', label: monthLabel };
  return { anchorMs: Date.UTC(year, month - 1, day), precision: 'day', label: `${monthLabel}-${String(day).padStart(2, '0')}` };
}

function fileStem(fileName: string): string {
  const base = fileName.split(/[\\/]/).at(-1) ?? fileName;
  return base.replace(/\.json$/i, '');
}

/** Records of one incident share plus.master_id; without it the file name is the key (incident_id is often a copy). */
function recordKey(record: JsonObject, fileName: string): string {
  const masterId = objectAt(record, 'plus')?.master_id;
  return (typeof masterId === 'string' && masterId.trim() !== '' ? masterId.trim() : fileStem(fileName)).toLowerCase();
}

function firstSentence(text: string): string {
  const line = text.trim().split(/\r?\n/)[0]!.trim();
  const sentence = /^(.{20,}?[.!?])\s/.exec(`${line} `)?.[1] ?? line;
  return sentence.length > 160 ? `${sentence.slice(0, 157).trimEnd()}…` : sentence;
}

function describeActions(actions: VerisActions): string {
  return Object.entries(actions)
    .map(([name, varieties]) => (varieties.length > 0 ? `${name} (${varieties.join(', ')})` : name))
    .join('; ');
}

type RecordOutcome = { ok: true; imported: ImportedIncident; roughDurations: number } | { ok: false; reason: string };

function importRecord(file: { name: string; text: string }, key: string, record: JsonObject, context: HistoryImportContext): RecordOutcome {
  const date = readIncidentDate(record);
  if (typeof date === 'string') return { ok: false, reason: `Skipped: ${date}` };

  const confidentiality = objectAt(record, 'attribute', 'confidentiality');
  const disclosure = typeof confidentiality?.data_disclosure === 'string' ? confidentiality.data_disclosure : 'Unknown';
  const hasDisclosure = disclosure === 'Yes' || disclosure === 'Potentially';
  const dataVarieties = Array.isArray(confidentiality?.data) ? confidentiality.data.filter(isObject).map((item) => String(item.variety ?? '')) : [];
  const actions = readActions(record);
  const category = categoryOfVerisActions(actions, hasDisclosure);

  const timeline = objectAt(record, 'timeline');
  const discovery = readDuration(timeline?.discovery);
  const containment = readDuration(timeline?.containment);
  const roughDurations = [discovery, containment].filter((duration) => duration.kind === 'rough').length;
  const isDetectionKnown = date.precision === 'day' && discovery.kind === 'exact';
  const detectedMs = isDetectionKnown ? date.anchorMs + discovery.ms : date.anchorMs;
  const containedAt = isDetectionKnown && containment.kind === 'exact' ? toIso(detectedMs + containment.ms) : null;

  const status = typeof record.security_incident === 'string' ? record.security_incident : 'Confirmed';
  const isFalsePositive = status === 'False positive';
  const summary = typeof record.summary === 'string' ? record.summary.trim() : '';
  const victim = objectAt(record, 'victim');
  const victimName = typeof victim?.victim_id === 'string' ? victim.victim_id : null;
  const title = summary !== '' ? firstSentence(summary) : `${incidentCategoryLabels[category]}${victimName ? ` at ${victimName}` : ''} (${date.label})`;
  const assets = objectAt(record, 'asset');
  const assetVarieties = Array.isArray(assets?.assets) ? assets.assets.filter(isObject).map((asset) => String(asset.variety ?? '')).filter(Boolean) : [];
  const impact: Level = disclosure === 'Yes' ? 'high' : 'medium';

  const facts = [
    `VERIS record from ${file.name} (key ${key}), security incident: ${status}.`,
    `Incident date: ${date.label} (${date.precision === 'day' ? 'day known' : `only the ${date.precision} is known`}).`,
    `Actions: ${describeActions(actions) || 'none recorded'}.`,
    `Data disclosure: ${disclosure}${dataVarieties.length > 0 ? ` (${dataVarieties.join(', ')})` : ''}.`,
    discovery.kind === 'rough' ? `Discovered after about ${discovery.text} (too rough to set a detection time).` : null,
    containment.kind === 'rough' ? `Contained after about ${containment.text} (too rough to set a containment time).` : null,
  ].filter((line): line is string => line !== null);

  const imported = buildImportedIncident(
    {
      sourceName: verisSourceName,
      sourceKey: key,
      reference: `VCDB-${key.replace(/-/g, '').slice(0, 12).toUpperCase()}`,
      title: title.slice(0, 200),
      description: `${summary}${summary ? '\n\n' : ''}${facts.join('\n')}`.slice(0, 20_000),
      kind: 'security',
      category,
      impact,
      urgency: 'low',
      stage: isFalsePositive ? 'cancelled' : 'closed',
      datePrecision: date.precision,
      startedAt: isDetectionKnown ? toIso(date.anchorMs) : null,
      detectedAt: toIso(detectedMs),
      reportedAt: toIso(detectedMs),
      acknowledgedAt: null,
      containedAt,
      resolvedAt: null,
      closedAt: null,
      cancelledAt: null,
      cancelReason: isFalsePositive ? 'false_positive' : null,
      reopenCount: 0,
      escalationCount: 0,
      hasPersonalData: dataVarieties.some((variety) => ['Personal', 'Medical', 'Payment', 'Bank'].includes(variety)),
      affectedServices: assetVarieties.join(', ').slice(0, 500),
      assignee: null,
      routedTeam: null,
      holdIntervals: [],
    },
    context,
  );
  return { ok: true, imported, roughDurations };
}

/**
 * Reads VERIS JSON files. Each file is one record; unreadable ones are skipped with the reason,
 * and a second record of an incident already read (same plus.master_id) is skipped as a duplicate.
 */
export function importVerisFiles(files: readonly { name: string; text: string }[], context: HistoryImportContext): HistoryImport {
  const incidents: ImportedIncident[] = [];
  const skipped: SkippedRecord[] = [];
  const warnings: string[] = [];
  if (files.length > maxVerisRecordsPerImport) {
    return { incidents, skipped: [], warnings: [`Choose at most ${maxVerisRecordsPerImport.toLocaleString('en-GB')} VERIS files at a time; nothing was read.`] };
  }
  const seen = new Map<string, string>();
  let rough = 0;
  for (const file of files) {
    if (file.text.length > maxVerisRecordCharacters) {
      skipped.push({ sourceKey: file.name, reason: 'Skipped: the file is over 2 MB, far larger than any VERIS record' });
      continue;
    }
    let record: unknown;
    try {
      record = JSON.parse(file.text);
    } catch (error) {
      skipped.push({ sourceKey: file.name, reason: `Skipped: not valid JSON (${error instanceof Error ? error.message : String(error)})` });
      continue;
    }
    if (!isObject(record) || (!('timeline' in record) && !('action' in record))) {
      skipped.push({ sourceKey: file.name, reason: 'Skipped: not a VERIS record (no timeline or action)' });
      continue;
    }
    const key = recordKey(record, file.name);
    const firstFile = seen.get(key);
    if (firstFile !== undefined) {
      skipped.push({ sourceKey: file.name, reason: `Skipped: the same incident as ${firstFile} (plus.master_id ${key})` });
      continue;
    }
    const outcome = importRecord(file, key, record, context);
    if (!outcome.ok) {
      skipped.push({ sourceKey: file.name, reason: outcome.reason });
      continue;
    }
    seen.set(key, file.name);
    rough += outcome.roughDurations;
    incidents.push(outcome.imported);
  }
  const coarse = incidents.filter(({ incident }) => incident.datePrecision !== 'day').length;
  if (coarse > 0) warnings.push(`${pluralize(coarse, 'record')} give only a month or a year: they appear in monthly and quarterly charts, not by day or week.`);
  if (rough > 0) warnings.push(`${pluralize(rough, 'discovery or containment time')} given in months or years ${rough === 1 ? 'was' : 'were'} kept in the description, not turned into dates.`);
  if (incidents.length > 0) warnings.push('VERIS records have no close time: they count in volumes, not in backlog or time to resolve.');
  return { incidents, skipped, warnings };
}

