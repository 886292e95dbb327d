/**
 * Reporting periods in the user's time zone: days, ISO weeks, months and quarters, as instants.
 *
 * A period is a run of whole local days, from a local midnight to the next period's local
 * midnight, so it is as long as it really lasts: the day of the spring-forward change in London
 * is 23 hours, the autumn one 25. Weeks are ISO 8601 weeks: they start on Monday and belong to
 * the ISO week-year of their Thursday, so 2027-01-01 (a Friday) is in 2026-W53.
 *
 * Speed: the boundaries of a range are computed once (a few hundred Intl look-ups at most, through
 * businessCalendar's cached local-time resolution), and each instant is then placed by a binary
 * search over them (createPeriodLocator). Nothing here calls Intl per incident.
 */
import { z } from 'zod';
import { localInstant, zonedDateTime } from './businessCalendar';
import { toIso } from './time';

export const metricGranularities = ['day', 'week', 'month', 'quarter'] as const;
export const metricGranularitySchema = z.enum(metricGranularities);
export type MetricGranularity = z.infer<typeof metricGranularitySchema>;
export const metricGranularityLabels: Record<MetricGranularity, string> = { day: 'Day', week: 'Week', month: 'Month', quarter: 'Quarter' };

/** Instants in epoch ms, start inclusive, end exclusive. */
export const metricRangeSchema = z
  .strictObject({ startMs: z.number().int(), endMs: z.number().int() })
  .refine((range) => range.startMs < range.endMs, { message: 'The range must end after it starts', path: ['endMs'] });
export type MetricRange = z.infer<typeof metricRangeSchema>;

export type MetricPeriod = {
  /** Stable and sortable: '2026-03-29', '2026-W13', '2026-03', '2026-Q1'. */
  key: string;
  /** For axes and tooltips: '29 Mar 2026', '2026-W13 (23 Mar)', 'Mar 2026', 'Q1 2026'. */
  label: string;
  /** The local date of the whole period's first day, 'YYYY-MM-DD' (also for a partial period). */
  firstDate: string;
  /** Where the period starts within the range: its first local midnight, or the range start. */
  startMs: number;
  /** Exclusive: the next period's first local midnight, or the range end. */
  endMs: number;
  /** True when the range cuts the period (the range starts or ends inside it). */
  isPartial: boolean;
};

const dayMs = 24 * 60 * 60 * 1000;
const monthNames = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'] as const;

/**
 * The periods of a granularity that a range touches, oldest first, empty ones included, each
 * clipped to the range (so every instant of the range is in exactly one period and the periods
 * tile the range without gap or overlap).
 *
 * @throws RangeError for an empty range or an unknown time zone.
 */
export function listMetricPeriods(range: MetricRange, granularity: MetricGranularity, timeZone: string): MetricPeriod[] {
  if (!(range.startMs < range.endMs)) throw new RangeError('The range must end after it starts');
  const periods: MetricPeriod[] = [];
  let day = periodFirstDay(localDayOf(timeZone, range.startMs), granularity);
  let startMs = midnightOf(timeZone, day);
  while (startMs < range.endMs) {
    const nextDay = nextPeriodFirstDay(day, granularity);
    const endMs = midnightOf(timeZone, nextDay);
    periods.push({
      key: periodKey(day, granularity),
      label: periodLabel(day, granularity),
      firstDate: formatDay(day),
      startMs: Math.max(startMs, range.startMs),
      endMs: Math.min(endMs, range.endMs),
      isPartial: startMs < range.startMs || endMs > range.endMs,
    });
    day = nextDay;
    startMs = endMs;
  }
  return periods;
}

/**
 * A function that gives the index of the period an instant falls in, or -1 outside them. The
 * periods must tile a range (as listMetricPeriods returns them). A binary search: O(log n).
 */
export function createPeriodLocator(periods: readonly MetricPeriod[]): (instantMs: number) => number {
  const count = periods.length;
  const starts = new Float64Array(count);
  periods.forEach((period, index) => (starts[index] = period.startMs));
  const firstMs = count > 0 ? periods[0]!.startMs : 0;
  const endMs = count > 0 ? periods[count - 1]!.endMs : 0;
  return (instantMs) => {
    if (!(instantMs >= firstMs && instantMs < endMs)) return -1;
    let low = 0;
    let high = count - 1;
    // The last start at or before the instant.
    while (low < high) {
      const middle = (low + high + 1) >> 1;
      if (starts[middle]! <= instantMs) low = middle;
      else high = middle - 1;
    }
    return low;
  };
}

/** The key of the period an instant falls in ('2026-W53'), in a time zone. One Intl look-up. */
export function metricPeriodKeyOf(instantMs: number, granularity: MetricGranularity, timeZone: string): string {
  return periodKey(periodFirstDay(localDayOf(timeZone, instantMs), granularity), granularity);
}

/** The ISO 8601 week of a local date: week-year and week number (1..53). */
export function isoWeekOf(localDate: string): { weekYear: number; week: number } {
  return isoWeekOfDay(parseDay(localDate));
}

/**
 * The range to compare a range with: the same range moved back by the fewest whole periods
 * (k days, weeks, months or quarters, in local wall-clock time) that make it end at or before
 * the range starts. Period i of the previous range lines up with period i of the range, and a
 * partial first or last period is compared with an equally partial one:
 * - Jan-Mar by month -> Oct-Dec of the year before (k = 3);
 * - 15 Mar - 15 Apr by month -> 15 Feb - 15 Mar (k = 1);
 * - 52 whole weeks and 2.5 days of the current week -> the 53 weeks before, ending 2.5 days into
 *   the week that is 53 weeks back (a like-for-like "to date" comparison).
 * Moving a date back by months keeps its day of the month, clamped to the month's length
 * (31 May - 3 months = 28 Feb). Local times that do not exist or occur twice resolve as in
 * businessCalendar.localInstant (the earliest instant that reads that time or later).
 */
export function previousComparableRange(range: MetricRange, granularity: MetricGranularity, timeZone: string): MetricRange {
  const count = listMetricPeriods(range, granularity, timeZone).length;
  const shifted = (k: number): MetricRange => ({
    startMs: shiftInstant(timeZone, range.startMs, granularity, k),
    endMs: shiftInstant(timeZone, range.endMs, granularity, k),
  });
  // The range touches `count` periods, so moving it back `count` periods is always enough, and
  // fewer than count - 1 never is.
  if (count > 1) {
    const candidate = shifted(count - 1);
    if (candidate.endMs <= range.startMs) return candidate;
  }
  return shifted(count);
}

/** The range from local midnight of `fromDate` to the local midnight after `toDate` (both 'YYYY-MM-DD', inclusive). */
export function localDateRange(timeZone: string, fromDate: string, toDate: string): MetricRange {
  const range = { startMs: midnightOf(timeZone, parseDay(fromDate)), endMs: midnightOf(timeZone, parseDay(toDate) + 1) };
  if (!(range.startMs < range.endMs)) throw new RangeError(`${toDate} is before ${fromDate}`);
  return range;
}

// ---- internals: local days as day numbers (days since 1970-01-01) -------------------------------

function localDayOf(timeZone: string, instantMs: number): number {
  const zoned = zonedDateTime(timeZone, toIso(instantMs));
  return Math.floor((instantMs + zoned.offsetMs) / dayMs);
}

/** The instant of local midnight at the start of a local day. */
function midnightOf(timeZone: string, day: number): number {
  return Date.parse(localInstant(timeZone, formatDay(day), '00:00'));
}

function parseDay(localDate: string): number {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(localDate);
  const day = match ? Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3])) / dayMs : Number.NaN;
  if (!Number.isInteger(day) || formatDay(day) !== localDate) throw new RangeError(`Invalid local date: ${localDate}`);
  return day;
}

function formatDay(day: number): string {
  const date = new Date(day * dayMs);
  return `${String(date.getUTCFullYear()).padStart(4, '0')}-${pad2(date.getUTCMonth() + 1)}-${pad2(date.getUTCDate())}`;
}

function pad2(value: number): string {
  return String(value).padStart(2, '0');
}

/** 0 = Monday .. 6 = Sunday (1970-01-01 was a Thursday). */
function isoWeekdayIndex(day: number): number {
  return (((day + 3) % 7) + 7) % 7;
}

function periodFirstDay(day: number, granularity: MetricGranularity): number {
  if (granularity === 'day') return day;
  if (granularity === 'week') return day - isoWeekdayIndex(day);
  const date = new Date(day * dayMs);
  const month = date.getUTCMonth();
  return Date.UTC(date.getUTCFullYear(), granularity === 'month' ? month : month - (month % 3), 1) / dayMs;
}

function nextPeriodFirstDay(firstDay: number, granularity: MetricGranularity): number {
  if (granularity === 'day') return firstDay + 1;
  if (granularity === 'week') return firstDay + 7;
  const date = new Date(firstDay * dayMs);
  return Date.UTC(date.getUTCFullYear(), date.getUTCMonth() + (granularity === 'month' ? 1 : 3), 1) / dayMs;
}

function isoWeekOfDay(day: number): { weekYear: number; week: number } {
  const thursday = day - isoWeekdayIndex(day) + 3;
  const weekYear = new Date(thursday * dayMs).getUTCFullYear();
  const firstOfYear = Date.UTC(weekYear, 0, 1) / dayMs;
  return { weekYear, week: Math.floor((thursday - firstOfYear) / 7) + 1 };
}

function periodKey(firstDay: number, granularity: MetricGranularity): string {
  const date = new Date(firstDay * dayMs);
  const year = String(date.getUTCFullYear()).padStart(4, '0');
  switch (granularity) {
    case 'day':
      return formatDay(firstDay);
    case 'week': {
      const { weekYear, week } = isoWeekOfDay(firstDay);
      return `${String(weekYear).padStart(4, '0')}-W${pad2(week)}`;
    }
    case 'month':
      return `${year}-${pad2(date.getUTCMonth() + 1)}`;
    case 'quarter':
      return `${year}-Q${Math.floor(date.getUTCMonth() / 3) + 1}`;
  }
}

function periodLabel(firstDay: number, granularity: MetricGranularity): string {
  const date = new Date(firstDay * dayMs);
  const year = date.getUTCFullYear();
  const month = monthNames[date.getUTCMonth()]!;
  switch (granularity) {
    case 'day':
      return `${date.getUTCDate()} ${month} ${year}`;
    case 'week':
      return `${periodKey(firstDay, 'week')} (${date.getUTCDate()} ${month})`;
    case 'month':
      return `${month} ${year}`;
    case 'quarter':
      return `Q${Math.floor(date.getUTCMonth() / 3) + 1} ${year}`;
  }
}

/** An instant moved back by k periods in local wall-clock time (same time of day). */
function shiftInstant(timeZone: string, instantMs: number, granularity: MetricGranularity, k: number): number {
  const zoned = zonedDateTime(timeZone, toIso(instantMs));
  const localMs = instantMs + zoned.offsetMs;
  const day = Math.floor(localMs / dayMs);
  const timeOfDayMs = localMs - day * dayMs;
  let targetDay: number;
  if (granularity === 'day' || granularity === 'week') {
    targetDay = day - k * (granularity === 'week' ? 7 : 1);
  } else {
    const date = new Date(day * dayMs);
    const months = k * (granularity === 'quarter' ? 3 : 1);
    const firstOfTarget = new Date(Date.UTC(date.getUTCFullYear(), date.getUTCMonth() - months, 1));
    const lastDayOfTarget = new Date(Date.UTC(firstOfTarget.getUTCFullYear(), firstOfTarget.getUTCMonth() + 1, 0)).getUTCDate();
    targetDay = firstOfTarget.getTime() / dayMs + Math.min(date.getUTCDate(), lastDayOfTarget) - 1;
  }
  // Resolve the wall-clock minute like a calendar does, then add the seconds and milliseconds.
  const minuteMs = 60_000;
  const wholeMinutes = Math.floor(timeOfDayMs / minuteMs);
  const hhmm = `${pad2(Math.floor(wholeMinutes / 60))}:${pad2(wholeMinutes % 60)}`;
  return Date.parse(localInstant(timeZone, formatDay(targetDay), hhmm)) + (timeOfDayMs - wholeMinutes * minuteMs);
}
