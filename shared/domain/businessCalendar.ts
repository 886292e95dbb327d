/**
 * Business-hours calendars: when the service desk is open, in which time zone, and on which
 * holidays it is closed. Service-level clocks only run during working time (serviceLevel.ts).
 *
 * Opening hours are local wall-clock times, so a 09:00-17:00 day is 8 hours of working time on a
 * day when the clocks change, and a 23- or 25-hour civil day never shifts the window. Working time
 * itself is real elapsed time between instants: a window that spans a clock change (00:00-04:00 on
 * the spring-forward night) is as long as it really lasts (3 h in London).
 *
 * Time-zone arithmetic uses only Intl.DateTimeFormat (ECMAScript, so shared/ stays pure) and the
 * zone database of the runtime.
 */
import { z } from 'zod';
import { toIso, type IsoTimestamp } from './time';

const secondMs = 1000;
const minuteMs = 60 * secondMs;
const dayMs = 24 * 60 * minuteMs;

/** 'HH:MM' local wall-clock time; '24:00' is allowed as an end, meaning the following midnight. */
export const localTimeSchema = z
  .string()
  .regex(/^(?:(?:[01]\d|2[0-3]):[0-5]\d|24:00)$/, 'Enter a time as HH:MM, for example 09:00');

/** 'YYYY-MM-DD' local calendar date. */
export const localDateSchema = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'Enter a date as YYYY-MM-DD')
  .refine((value) => parseLocalDate(value) !== null, 'That date does not exist');

/** One opening interval of a weekday, local wall-clock, start inclusive and end exclusive. */
export const workingIntervalSchema = z
  .strictObject({ start: localTimeSchema, end: localTimeSchema })
  .refine((interval) => parseLocalTime(interval.start) < parseLocalTime(interval.end), {
    message: 'The end must be after the start; split overnight hours at midnight',
    path: ['end'],
  });
export type WorkingInterval = z.infer<typeof workingIntervalSchema>;

/** Indexed by weekday like Date#getDay: 0 = Sunday .. 6 = Saturday. */
export const weeklyHoursSchema = z
  .array(
    z
      .array(workingIntervalSchema)
      .max(12)
      .refine(isWithoutOverlap, 'Opening hours of one day must not overlap'),
  )
  .length(7)
  .refine((days) => days.some((intervals) => intervals.length > 0), 'The calendar must be open at some time of the week');
export type WeeklyHours = z.infer<typeof weeklyHoursSchema>;

/** True when the runtime knows the IANA time zone name ("Europe/London", "UTC"). */
export function isValidTimeZone(timeZone: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone });
    return true;
  } catch {
    return false;
  }
}

export const businessCalendarSchema = z.strictObject({
  id: z.string().min(1).max(64),
  name: z.string().trim().min(1, 'Name the calendar').max(100),
  timeZone: z.string().min(1).max(64).refine(isValidTimeZone, 'Choose a known time zone, for example Europe/London'),
  weeklyHours: weeklyHoursSchema,
  /** Whole local days closed, whatever the weekly hours say. */
  holidays: z.array(localDateSchema).max(2000),
});
export type BusinessCalendar = z.infer<typeof businessCalendarSchema>;

export const alwaysOpenCalendarId = '24x7';

const wholeDay: WorkingInterval[] = [{ start: '00:00', end: '24:00' }];

/** Built in: open every minute of every day. The default for security incidents. */
export const alwaysOpenCalendar: BusinessCalendar = {
  id: alwaysOpenCalendarId,
  name: 'Always open (24x7)',
  timeZone: 'UTC',
  weeklyHours: [wholeDay, wholeDay, wholeDay, wholeDay, wholeDay, wholeDay, wholeDay],
  holidays: [],
};

/**
 * True when the calendar is open at every instant: every weekday 00:00-24:00 and no holidays.
 * Working time is then plain elapsed time whatever the time zone, because consecutive local
 * midnights tile the timeline even across clock changes.
 */
export function isAlwaysOpen(calendar: BusinessCalendar): boolean {
  return prepareBusinessCalendar(calendar).isAlwaysOpen;
}

/** A calendar parsed once for repeated arithmetic on epoch milliseconds. */
export type PreparedCalendar = {
  readonly isAlwaysOpen: boolean;
  /**
   * Working time in ms between two instants. Antisymmetric: negative when end is before start,
   * so that workingMs(a, b) + workingMs(b, c) = workingMs(a, c) for any order.
   */
  workingMs(startMs: number, endMs: number): number;
  /**
   * The earliest instant at which `ms` of working time has elapsed since `startMs` (`startMs`
   * itself for 0). When the target is used up exactly at a closing time, that closing time.
   */
  addWorkingMs(startMs: number, ms: number): number;
};

/** Parses the calendar's hours and holidays once; use it when computing many clocks. */
export function prepareBusinessCalendar(calendar: BusinessCalendar): PreparedCalendar {
  // Intervals as ms after local midnight, sorted, with touching or overlapping ones merged so
  // that an always-open week written as 00:00-12:00 + 12:00-24:00 is still recognised.
  const weekly = calendar.weeklyHours.map((intervals) => mergeIntervals(intervals));
  if (weekly.length !== 7) throw new RangeError('weeklyHours must list the 7 weekdays');
  if (weekly.every((intervals) => intervals.length === 0)) throw new RangeError('The calendar is never open');
  const holidays = new Set<number>();
  for (const date of calendar.holidays) {
    const day = parseLocalDate(date);
    if (day === null) throw new RangeError(`Invalid holiday date: ${date}`);
    holidays.add(day);
  }
  const isOpenAllDay = (intervals: readonly [number, number][]) =>
    intervals.length === 1 && intervals[0]![0] === 0 && intervals[0]![1] === dayMs;
  const alwaysOpen = holidays.size === 0 && weekly.every(isOpenAllDay);
  const timeZone = calendar.timeZone;
  if (!alwaysOpen) zoneFormatter(timeZone); // fail fast on an unknown zone

  /** Calls visit(openMs, closeMs) for each opening window of each local day that may reach [fromMs, untilMs). */
  function forEachWindow(fromMs: number, visit: (openMs: number, closeMs: number) => boolean): void {
    // Start a day early: with a clock change near midnight an instant can belong to the previous
    // local day's windows. Windows of later days never come earlier, because local -> UTC is
    // monotonic (see localToUtcMs).
    for (let day = localDayNumber(timeZone, fromMs) - 1; ; day++) {
      if (holidays.has(day)) continue;
      const intervals = weekly[weekdayOfDayNumber(day)]!;
      for (const [start, end] of intervals) {
        const openMs = localToUtcMs(timeZone, day * dayMs + start);
        const closeMs = localToUtcMs(timeZone, day * dayMs + end);
        if (closeMs <= fromMs) continue;
        if (!visit(openMs, closeMs)) return;
      }
    }
  }

  function forwardWorkingMs(startMs: number, endMs: number): number {
    if (alwaysOpen) return endMs - startMs;
    let total = 0;
    forEachWindow(startMs, (openMs, closeMs) => {
      if (openMs >= endMs) return false;
      total += Math.min(closeMs, endMs) - Math.max(openMs, startMs);
      return true;
    });
    return total;
  }

  return {
    isAlwaysOpen: alwaysOpen,
    workingMs(startMs, endMs) {
      assertInstant(startMs);
      assertInstant(endMs);
      if (endMs === startMs) return 0;
      // 0 - x rather than -x: no -0 when the span is all closed time.
      return endMs > startMs ? forwardWorkingMs(startMs, endMs) : 0 - forwardWorkingMs(endMs, startMs);
    },
    addWorkingMs(startMs, ms) {
      assertInstant(startMs);
      if (!Number.isInteger(ms) || ms < 0) throw new RangeError(`Working time must be a whole, non-negative number of ms: ${ms}`);
      if (ms === 0 || alwaysOpen) return startMs + ms;
      let remaining = ms;
      let result = Number.NaN;
      forEachWindow(startMs, (openMs, closeMs) => {
        const from = Math.max(openMs, startMs);
        const available = closeMs - from;
        if (remaining <= available) {
          result = from + remaining;
          return false;
        }
        remaining -= available;
        return true;
      });
      return result;
    },
  };
}

/**
 * Working time between two instants, exact to the millisecond: the time during which the
 * calendar is open. Negative when end is before start.
 */
export function workingMsBetween(calendar: BusinessCalendar, startIso: IsoTimestamp, endIso: IsoTimestamp): number {
  return prepareBusinessCalendar(calendar).workingMs(parseInstant(startIso), parseInstant(endIso));
}

/**
 * The earliest instant at which `ms` of working time has elapsed after `startIso`; the inverse of
 * workingMsBetween: workingMsBetween(c, s, addWorkingMs(c, s, m)) === m.
 */
export function addWorkingMs(calendar: BusinessCalendar, startIso: IsoTimestamp, ms: number): IsoTimestamp {
  return toIso(prepareBusinessCalendar(calendar).addWorkingMs(parseInstant(startIso), ms));
}

/**
 * The instant of a local wall-clock time in a time zone. Local times that do not exist or occur
 * twice are resolved by one rule: the earliest instant at which the zone's clock reads that time
 * or later.
 * - In a spring-forward gap (London 2026-03-29 01:30) that is the moment of the change
 *   (01:00Z, when clocks jump to 02:00), so an interval that starts or ends in the gap is cut at
 *   the change. (Temporal's "compatible" would give 01:30Z, which is not monotonic: 01:30 would
 *   come after 02:00.)
 * - In a fall-back overlap (London 2026-10-25 01:30) it is the first occurrence (00:30Z, BST).
 * The mapping is monotonic, which keeps every working window non-negative and in order.
 */
export function localInstant(timeZone: string, localDate: string, localTime: string): IsoTimestamp {
  const day = parseLocalDate(localDate);
  if (day === null) throw new RangeError(`Invalid local date: ${localDate}`);
  const time = parseLocalTime(localTime);
  zoneFormatter(timeZone);
  return toIso(localToUtcMs(timeZone, day * dayMs + time));
}

/** The local wall-clock reading of an instant in a time zone, for display and tests. */
export type ZonedDateTime = {
  /** 'YYYY-MM-DD' */
  date: string;
  /** 'HH:MM:SS' */
  time: string;
  /** 0 = Sunday .. 6 = Saturday */
  weekday: number;
  /** Local minus UTC, in ms (3_600_000 for BST). */
  offsetMs: number;
};

export function zonedDateTime(timeZone: string, iso: IsoTimestamp): ZonedDateTime {
  const instant = parseInstant(iso);
  const offset = offsetMsAt(timeZone, instant);
  const local = new Date(instant + offset);
  const pad = (value: number, length = 2) => String(value).padStart(length, '0');
  return {
    date: `${pad(local.getUTCFullYear(), 4)}-${pad(local.getUTCMonth() + 1)}-${pad(local.getUTCDate())}`,
    time: `${pad(local.getUTCHours())}:${pad(local.getUTCMinutes())}:${pad(local.getUTCSeconds())}`,
    weekday: local.getUTCDay(),
    offsetMs: offset,
  };
}

// ---- internals -------------------------------------------------------------------------------

function parseInstant(iso: IsoTimestamp): number {
  const ms = Date.parse(iso);
  if (!Number.isFinite(ms)) throw new RangeError(`Invalid timestamp: ${iso}`);
  return ms;
}

function assertInstant(ms: number): void {
  if (!Number.isFinite(ms)) throw new RangeError(`Invalid instant: ${ms}`);
}

/** ms after local midnight; NaN when malformed. */
function parseLocalTime(value: string): number {
  const match = /^(\d{2}):(\d{2})$/.exec(value);
  if (!match) return Number.NaN;
  const hours = Number(match[1]);
  const minutes = Number(match[2]);
  if (minutes > 59 || hours > 24 || (hours === 24 && minutes > 0)) return Number.NaN;
  return (hours * 60 + minutes) * minuteMs;
}

/** Days since 1970-01-01 of a local calendar date, or null when it is not a real date. */
function parseLocalDate(value: string): number | null {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  if (!match) return null;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const date = new Date(0);
  date.setUTCFullYear(year, month - 1, day);
  if (date.getUTCFullYear() !== year || date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day) return null;
  return Math.round(date.getTime() / dayMs);
}

function weekdayOfDayNumber(day: number): number {
  // 1970-01-01 was a Thursday.
  return (((day + 4) % 7) + 7) % 7;
}

function isWithoutOverlap(intervals: readonly WorkingInterval[]): boolean {
  const sorted = intervals.map((interval) => [parseLocalTime(interval.start), parseLocalTime(interval.end)] as const).sort((a, b) => a[0] - b[0]);
  return sorted.every((interval, index) => index === 0 || interval[0] >= sorted[index - 1]![1]);
}

function mergeIntervals(intervals: readonly WorkingInterval[]): [number, number][] {
  const parsed = intervals.map((interval): [number, number] => {
    const start = parseLocalTime(interval.start);
    const end = parseLocalTime(interval.end);
    if (!(start < end)) throw new RangeError(`Invalid working interval ${interval.start}-${interval.end}`);
    return [start, end];
  });
  parsed.sort((a, b) => a[0] - b[0]);
  const merged: [number, number][] = [];
  for (const interval of parsed) {
    const last = merged[merged.length - 1];
    if (last && interval[0] <= last[1]) last[1] = Math.max(last[1], interval[1]);
    else merged.push([interval[0], interval[1]]);
  }
  return merged;
}

const formatters = new Map<string, Intl.DateTimeFormat>();

/** Creating a DateTimeFormat is far slower than using one, so keep one per zone. */
function zoneFormatter(timeZone: string): Intl.DateTimeFormat {
  let formatter = formatters.get(timeZone);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat('en-US', {
      timeZone,
      // h23 avoids the "24:00" some engines print for midnight with hour12: false.
      hourCycle: 'h23',
      era: 'short',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
    formatters.set(timeZone, formatter);
  }
  return formatter;
}

/** Per zone: UTC day number -> the offset throughout that day, or NaN when it changes within it. */
const offsetCache = new Map<string, Map<number, number>>();

/**
 * The zone's UTC offset in ms at an instant (local = utc + offset). Cached per UTC day, because
 * formatting with Intl is the slowest step of every calendar calculation (metrics compute clocks
 * for 100,000 incidents). A day is cached only when the offsets at its first and last second
 * agree; zones change their offset at most once in two days (see resolveLocal), so the offset is
 * then the same all day. A day holding a change is computed exactly every time.
 */
function offsetMsAt(timeZone: string, instantMs: number): number {
  const day = Math.floor(instantMs / dayMs);
  let cache = offsetCache.get(timeZone);
  if (!cache) {
    cache = new Map();
    offsetCache.set(timeZone, cache);
  }
  let offset = cache.get(day);
  if (offset === undefined) {
    const atStart = uncachedOffsetMsAt(timeZone, day * dayMs);
    offset = atStart === uncachedOffsetMsAt(timeZone, (day + 1) * dayMs - secondMs) ? atStart : Number.NaN;
    if (cache.size >= maxCachedPerZone) cache.clear();
    cache.set(day, offset);
  }
  return Number.isNaN(offset) ? uncachedOffsetMsAt(timeZone, instantMs) : offset;
}

function uncachedOffsetMsAt(timeZone: string, instantMs: number): number {
  const wholeSecond = Math.floor(instantMs / secondMs) * secondMs;
  const fields: Record<string, string> = {};
  for (const part of zoneFormatter(timeZone).formatToParts(wholeSecond)) fields[part.type] = part.value;
  let year = Number(fields.year);
  if (fields.era === 'BC' || fields.era === 'B') year = 1 - year;
  const local = new Date(0);
  local.setUTCFullYear(year, Number(fields.month) - 1, Number(fields.day));
  local.setUTCHours(Number(fields.hour) % 24, Number(fields.minute), Number(fields.second), 0);
  return local.getTime() - wholeSecond;
}

function localDayNumber(timeZone: string, instantMs: number): number {
  return Math.floor((instantMs + offsetMsAt(timeZone, instantMs)) / dayMs);
}

/** Results depend only on the zone database, so they can be cached for the life of the process. */
const localToUtcCache = new Map<string, Map<number, number>>();
const maxCachedPerZone = 100_000;

/**
 * Local wall-clock (as ms since the local epoch) to the instant: the earliest instant at which
 * the zone's clock reads that time or later (see localInstant).
 */
function localToUtcMs(timeZone: string, localMs: number): number {
  let cache = localToUtcCache.get(timeZone);
  if (!cache) {
    cache = new Map();
    localToUtcCache.set(timeZone, cache);
  }
  const cached = cache.get(localMs);
  if (cached !== undefined) return cached;
  const result = resolveLocal(timeZone, localMs);
  if (cache.size >= maxCachedPerZone) cache.clear();
  cache.set(localMs, result);
  return result;
}

function resolveLocal(timeZone: string, localMs: number): number {
  // Offsets are at most ~14 h, so the offsets a day either side bracket every offset that can
  // apply to this wall-clock time (zones change their offset at most once in two days).
  const offsetBefore = offsetMsAt(timeZone, localMs - dayMs);
  const offsetAfter = offsetMsAt(timeZone, localMs + dayMs);
  const candidates = [localMs - offsetBefore, localMs - offsetAfter].filter(
    (instant) => offsetMsAt(timeZone, instant) === localMs - instant,
  );
  // Overlap: both occurrences read this time; the first one is the earliest.
  if (candidates.length > 0) return Math.min(...candidates);
  // Gap: no instant reads this time; the earliest that reads later is the moment of the change.
  let low = Math.floor(Math.min(localMs - offsetBefore, localMs - offsetAfter) / secondMs);
  let high = Math.ceil(Math.max(localMs - offsetBefore, localMs - offsetAfter) / secondMs);
  const offsetAtLow = offsetMsAt(timeZone, low * secondMs);
  if (offsetMsAt(timeZone, high * secondMs) === offsetAtLow) return localMs - offsetAfter;
  while (high - low > 1) {
    const middle = Math.floor((low + high) / 2);
    if (offsetMsAt(timeZone, middle * secondMs) === offsetAtLow) low = middle;
    else high = middle;
  }
  return high * secondMs;
}
