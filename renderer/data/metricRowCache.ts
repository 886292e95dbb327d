/**
 * The Trends worker's compact rows, stored between visits so the page does not read 100,000 full
 * incident records (with every field's change stamp) each time it opens.
 *
 * The rows are stored column by column in typed arrays: IndexedDB copies a typed array as one
 * block of bytes, where an array of 100,000 small objects costs a structured clone per field.
 * The cache is only a shortcut: it names the highest `localSeq` and the list epoch it reflects, and
 * the worker reads every incident written after it (or everything, when the epoch moved).
 */
import { datePrecisions, incidentSources } from '../../shared/domain/incident';
import type { MetricIncident } from '../../shared/domain/metrics';
import { priorities } from '../../shared/domain/priority';
import { incidentCategories, incidentKinds } from '../../shared/domain/taxonomy';

/** Bumped whenever MetricIncident or this layout changes: an older cache is then ignored. */
export const metricRowCacheVersion = 2;

export type MetricRowColumns = {
  layoutVersion: number;
  /** The highest incidents.localSeq the rows include, and the list epoch they were read under. */
  highestSeq: number;
  epoch: number;
  count: number;
  /** Every id joined by line breaks: one string copies far faster than 100,000. */
  ids: string;
  /** The distinct (team id, team name) pairs; teamOf[i] is 1 + the pair's index, 0 for no team. */
  teams: { id: string; name: string | null }[];
  teamOf: Uint32Array;
  /** Per row: kind, category, priority, source, datePrecision, flags. */
  codes: Uint8Array;
  /** Per row: the ten numbers of numberFields; NaN stands for null. */
  numbers: Float64Array;
  /** Row i's holds are holds[2*holdStart[i] .. 2*holdStart[i+1]) as (fromMs, toMs|NaN) pairs. */
  holdStart: Uint32Array;
  holds: Float64Array;
  /** Row i's priority changes are changeStart[i] .. changeStart[i+1]. */
  changeStart: Uint32Array;
  changeAt: Float64Array;
  changeFromTo: Uint8Array;
};

const codeWidth = 6;
const numberFields = ['startedMs', 'detectedMs', 'reportedMs', 'acknowledgedMs', 'containedMs', 'resolvedMs', 'closedMs', 'cancelledMs', 'reopenCount', 'escalationCount'] as const;
const flagFields = ['isMajor', 'isExercise', 'isImported', 'isDeleted', 'hasUnknownEnd'] as const;

function codeBook<T extends string>(values: readonly T[]): { encode: (value: T) => number; decode: (code: number) => T } {
  const index = new Map(values.map((value, position) => [value, position]));
  return {
    encode: (value) => {
      const code = index.get(value);
      if (code === undefined) throw new RangeError(`Cannot cache the unknown value "${value}"`);
      return code;
    },
    decode: (code) => values[code]!,
  };
}

const kinds = codeBook(incidentKinds);
const categories = codeBook(incidentCategories);
const priorityCodes = codeBook(priorities);
const sources = codeBook(incidentSources);
const precisions = codeBook(datePrecisions);

export function encodeMetricRows(rows: readonly MetricIncident[], highestSeq: number, epoch: number): MetricRowColumns {
  const count = rows.length;
  const codes = new Uint8Array(count * codeWidth);
  const numbers = new Float64Array(count * numberFields.length);
  const holdStart = new Uint32Array(count + 1);
  const changeStart = new Uint32Array(count + 1);
  let holdCount = 0;
  let changeCount = 0;
  rows.forEach((row, index) => {
    holdStart[index] = holdCount;
    changeStart[index] = changeCount;
    holdCount += row.holds.length;
    changeCount += row.priorityChanges.length;
  });
  holdStart[count] = holdCount;
  changeStart[count] = changeCount;
  const holds = new Float64Array(holdCount * 2);
  const changeAt = new Float64Array(changeCount);
  const changeFromTo = new Uint8Array(changeCount * 2);

  const teams: { id: string; name: string | null }[] = [];
  const teamIndex = new Map<string, number>();
  const teamOf = new Uint32Array(count);
  rows.forEach((row, index) => {
    if (row.teamId === null) return;
    const key = `${row.teamId}\u0000${row.teamName ?? '\u0001'}`;
    let position = teamIndex.get(key);
    if (position === undefined) {
      position = teams.length;
      teams.push({ id: row.teamId, name: row.teamName });
      teamIndex.set(key, position);
    }
    teamOf[index] = position + 1;
  });

  rows.forEach((row, index) => {
    const codeBase = index * codeWidth;
    codes[codeBase] = kinds.encode(row.kind);
    codes[codeBase + 1] = categories.encode(row.category);
    codes[codeBase + 2] = priorityCodes.encode(row.priority);
    codes[codeBase + 3] = sources.encode(row.source);
    codes[codeBase + 4] = precisions.encode(row.datePrecision);
    codes[codeBase + 5] = flagFields.reduce((bits, field, bit) => (row[field] ? bits | (1 << bit) : bits), 0);
    numberFields.forEach((field, offset) => {
      numbers[index * numberFields.length + offset] = row[field] ?? Number.NaN;
    });
    row.holds.forEach((hold, offset) => {
      const at = (holdStart[index]! + offset) * 2;
      holds[at] = hold.fromMs;
      holds[at + 1] = hold.toMs ?? Number.NaN;
    });
    row.priorityChanges.forEach((change, offset) => {
      const at = changeStart[index]! + offset;
      changeAt[at] = change.atMs;
      changeFromTo[at * 2] = priorityCodes.encode(change.from);
      changeFromTo[at * 2 + 1] = priorityCodes.encode(change.to);
    });
  });
  return {
    layoutVersion: metricRowCacheVersion,
    highestSeq,
    epoch,
    count,
    ids: rows.map((row) => row.id).join('\n'),
    teams,
    teamOf,
    codes,
    numbers,
    holdStart,
    holds,
    changeStart,
    changeAt,
    changeFromTo,
  };
}

const orNull = (value: number): number | null => (Number.isNaN(value) ? null : value);

/** The rows back; null when the cache was written by another layout (then it is ignored). */
export function decodeMetricRows(columns: MetricRowColumns): MetricIncident[] | null {
  if (columns.layoutVersion !== metricRowCacheVersion) return null;
  const rows: MetricIncident[] = new Array(columns.count);
  const width = numberFields.length;
  const ids = columns.count === 0 ? [] : columns.ids.split('\n');
  for (let index = 0; index < columns.count; index += 1) {
    const codeBase = index * codeWidth;
    const flags = columns.codes[codeBase + 5]!;
    const number = (offset: number) => columns.numbers[index * width + offset]!;
    const holds: { fromMs: number; toMs: number | null }[] = [];
    for (let hold = columns.holdStart[index]!; hold < columns.holdStart[index + 1]!; hold += 1) {
      holds.push({ fromMs: columns.holds[hold * 2]!, toMs: orNull(columns.holds[hold * 2 + 1]!) });
    }
    const priorityChanges: MetricIncident['priorityChanges'][number][] = [];
    for (let change = columns.changeStart[index]!; change < columns.changeStart[index + 1]!; change += 1) {
      priorityChanges.push({ atMs: columns.changeAt[change]!, from: priorityCodes.decode(columns.changeFromTo[change * 2]!), to: priorityCodes.decode(columns.changeFromTo[change * 2 + 1]!) });
    }
    rows[index] = {
      id: ids[index]!,
      kind: kinds.decode(columns.codes[codeBase]!),
      category: categories.decode(columns.codes[codeBase + 1]!),
      priority: priorityCodes.decode(columns.codes[codeBase + 2]!),
      source: sources.decode(columns.codes[codeBase + 3]!),
      datePrecision: precisions.decode(columns.codes[codeBase + 4]!),
      teamId: columns.teamOf[index] === 0 ? null : columns.teams[columns.teamOf[index]! - 1]!.id,
      teamName: columns.teamOf[index] === 0 ? null : columns.teams[columns.teamOf[index]! - 1]!.name,
      isMajor: (flags & 1) !== 0,
      isExercise: (flags & 2) !== 0,
      isImported: (flags & 4) !== 0,
      isDeleted: (flags & 8) !== 0,
      hasUnknownEnd: (flags & 16) !== 0,
      startedMs: orNull(number(0)),
      detectedMs: number(1),
      reportedMs: number(2),
      acknowledgedMs: orNull(number(3)),
      containedMs: orNull(number(4)),
      resolvedMs: orNull(number(5)),
      closedMs: orNull(number(6)),
      cancelledMs: orNull(number(7)),
      reopenCount: number(8),
      escalationCount: number(9),
      holds,
      priorityChanges,
    };
  }
  return rows;
}
