import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  addWorkingMs,
  alwaysOpenCalendar,
  businessCalendarSchema,
  isAlwaysOpen,
  isValidTimeZone,
  localInstant,
  prepareBusinessCalendar,
  workingMsBetween,
  zonedDateTime,
  type BusinessCalendar,
  type WorkingInterval,
} from '../../../../shared/domain/businessCalendar';

const minute = 60_000;
const hour = 60 * minute;
const day = 24 * hour;

const officeDay: WorkingInterval[] = [{ start: '09:00', end: '17:00' }];

function calendar(timeZone: string, weeklyHours: WorkingInterval[][], holidays: string[] = []): BusinessCalendar {
  return businessCalendarSchema.parse({ id: `test-${timeZone}`, name: `Test ${timeZone}`, timeZone, weeklyHours, holidays });
}

/** Mon-Fri 09:00-17:00 local. */
function officeHours(timeZone: string, holidays: string[] = []): BusinessCalendar {
  return calendar(timeZone, [[], officeDay, officeDay, officeDay, officeDay, officeDay, []], holidays);
}

function everyDay(timeZone: string, intervals: WorkingInterval[], holidays: string[] = []): BusinessCalendar {
  return calendar(timeZone, Array.from({ length: 7 }, () => intervals), holidays);
}

const london = officeHours('Europe/London');
const newYork = officeHours('America/New_York');

// 2026 clock changes. London: 29 Mar 01:00Z (GMT -> BST), 25 Oct 01:00Z (BST -> GMT).
// New York: 8 Mar 07:00Z (EST -> EDT), 1 Nov 06:00Z (EDT -> EST).
const transitions = ['2026-03-29T01:00:00Z', '2026-10-25T01:00:00Z', '2026-03-08T07:00:00Z', '2026-11-01T06:00:00Z'].map(Date.parse);

describe('businessCalendarSchema', () => {
  it('accepts a valid calendar and the built-in 24x7 one', () => {
    expect(businessCalendarSchema.safeParse(london).success).toBe(true);
    expect(businessCalendarSchema.safeParse(alwaysOpenCalendar).success).toBe(true);
    expect(alwaysOpenCalendar.id).toBe('24x7');
  });

  it.each([
    ['an unknown time zone', { timeZone: 'Mars/Olympus_Mons' }],
    ['a malformed time', { weeklyHours: [[], [{ start: '9:00', end: '17:00' }], [], [], [], [], []] }],
    ['an end before the start', { weeklyHours: [[], [{ start: '17:00', end: '09:00' }], [], [], [], [], []] }],
    ['an empty interval', { weeklyHours: [[], [{ start: '09:00', end: '09:00' }], [], [], [], [], []] }],
    ['overlapping intervals', { weeklyHours: [[], [{ start: '09:00', end: '13:00' }, { start: '12:00', end: '17:00' }], [], [], [], [], []] }],
    ['a week that is never open', { weeklyHours: [[], [], [], [], [], [], []] }],
    ['six weekdays', { weeklyHours: [[], officeDay, officeDay, officeDay, officeDay, officeDay] }],
    ['a holiday that does not exist', { holidays: ['2026-02-30'] }],
    ['a holiday that is not a date', { holidays: ['25/12/2026'] }],
  ])('rejects %s', (_label, change) => {
    expect(businessCalendarSchema.safeParse({ ...london, ...change }).success).toBe(false);
  });

  it('accepts touching intervals and 24:00 as an end', () => {
    const split = [{ start: '00:00', end: '12:00' }, { start: '12:00', end: '24:00' }];
    expect(businessCalendarSchema.safeParse({ ...london, weeklyHours: Array.from({ length: 7 }, () => split) }).success).toBe(true);
  });

  it('validates time zones with Intl', () => {
    expect(isValidTimeZone('Europe/London')).toBe(true);
    expect(isValidTimeZone('UTC')).toBe(true);
    expect(isValidTimeZone('Europe/Atlantis')).toBe(false);
  });
});

describe('localInstant and zonedDateTime', () => {
  it('converts ordinary local times', () => {
    expect(localInstant('Europe/London', '2026-01-15', '09:00')).toBe('2026-01-15T09:00:00.000Z');
    expect(localInstant('Europe/London', '2026-07-01', '09:00')).toBe('2026-07-01T08:00:00.000Z');
    expect(localInstant('America/New_York', '2026-01-15', '09:00')).toBe('2026-01-15T14:00:00.000Z');
    expect(localInstant('America/New_York', '2026-07-01', '09:00')).toBe('2026-07-01T13:00:00.000Z');
    expect(localInstant('Europe/London', '2026-07-01', '24:00')).toBe('2026-07-01T23:00:00.000Z');
  });

  it('maps a time in a spring-forward gap to the moment of the change', () => {
    // London clocks go 01:00 GMT -> 02:00 BST: 01:30 never appears on the clock.
    expect(localInstant('Europe/London', '2026-03-29', '01:30')).toBe('2026-03-29T01:00:00.000Z');
    expect(localInstant('Europe/London', '2026-03-29', '01:00')).toBe('2026-03-29T01:00:00.000Z');
    expect(localInstant('Europe/London', '2026-03-29', '02:00')).toBe('2026-03-29T01:00:00.000Z');
    expect(localInstant('Europe/London', '2026-03-29', '02:30')).toBe('2026-03-29T01:30:00.000Z');
    // New York 02:00 EST -> 03:00 EDT.
    expect(localInstant('America/New_York', '2026-03-08', '02:30')).toBe('2026-03-08T07:00:00.000Z');
    expect(localInstant('America/New_York', '2026-03-08', '03:00')).toBe('2026-03-08T07:00:00.000Z');
  });

  it('maps a time that occurs twice in a fall-back overlap to its first occurrence', () => {
    expect(localInstant('Europe/London', '2026-10-25', '01:30')).toBe('2026-10-25T00:30:00.000Z');
    expect(localInstant('Europe/London', '2026-10-25', '02:00')).toBe('2026-10-25T02:00:00.000Z');
    expect(localInstant('America/New_York', '2026-11-01', '01:30')).toBe('2026-11-01T05:30:00.000Z');
    expect(localInstant('America/New_York', '2026-11-01', '02:00')).toBe('2026-11-01T07:00:00.000Z');
  });

  it('reads both passes of a repeated hour with their offsets', () => {
    expect(zonedDateTime('Europe/London', '2026-10-25T00:30:00Z')).toEqual({ date: '2026-10-25', time: '01:30:00', weekday: 0, offsetMs: hour });
    expect(zonedDateTime('Europe/London', '2026-10-25T01:30:00Z')).toEqual({ date: '2026-10-25', time: '01:30:00', weekday: 0, offsetMs: 0 });
    expect(zonedDateTime('America/New_York', '2026-03-08T07:00:00Z')).toEqual({ date: '2026-03-08', time: '03:00:00', weekday: 0, offsetMs: -4 * hour });
  });

  it('reads offsets exactly on a day that holds a clock change off the UTC hour (offsets are cached per UTC day)', () => {
    // Lord Howe Island moves from +10:30 to +11:00 at 02:00 local on 2026-10-04, 15:30Z the day before.
    const lordHowe = 'Australia/Lord_Howe';
    expect(zonedDateTime(lordHowe, '2026-10-03T15:00:00Z').offsetMs).toBe(10.5 * hour);
    expect(zonedDateTime(lordHowe, '2026-10-03T15:29:59Z')).toMatchObject({ time: '01:59:59', offsetMs: 10.5 * hour });
    expect(zonedDateTime(lordHowe, '2026-10-03T15:30:00Z')).toMatchObject({ time: '02:30:00', offsetMs: 11 * hour });
    expect(zonedDateTime(lordHowe, '2026-10-03T15:29:59Z').offsetMs).toBe(10.5 * hour);
    expect(zonedDateTime(lordHowe, '2026-10-03T16:00:00Z').offsetMs).toBe(11 * hour);
    // The UTC days either side hold no change: one offset each.
    expect(zonedDateTime(lordHowe, '2026-10-02T23:59:59Z').offsetMs).toBe(10.5 * hour);
    expect(zonedDateTime(lordHowe, '2026-10-04T00:00:00Z').offsetMs).toBe(11 * hour);
  });

  it('rejects dates that do not exist', () => {
    expect(() => localInstant('Europe/London', '2026-02-29', '09:00')).toThrow(RangeError);
  });
});

describe('workingMsBetween and addWorkingMs: office hours, nights and weekends', () => {
  it('counts a working day as 8 h and a week as 40 h', () => {
    expect(workingMsBetween(london, '2026-06-01T00:00:00Z', '2026-06-02T00:00:00Z')).toBe(8 * hour);
    expect(workingMsBetween(london, '2026-06-01T00:00:00Z', '2026-06-08T00:00:00Z')).toBe(40 * hour);
  });

  it('counts nothing at night or at the weekend', () => {
    // Monday 17:00 BST to Tuesday 09:00 BST.
    expect(workingMsBetween(london, '2026-06-01T16:00:00Z', '2026-06-02T08:00:00Z')).toBe(0);
    expect(workingMsBetween(london, '2026-06-06T00:00:00Z', '2026-06-08T08:00:00Z')).toBe(0);
  });

  it('starts a clock set at night at the next opening', () => {
    expect(addWorkingMs(london, '2026-06-01T20:00:00Z', hour)).toBe('2026-06-02T09:00:00.000Z');
    expect(addWorkingMs(london, '2026-06-06T10:00:00Z', 1)).toBe('2026-06-08T08:00:00.001Z');
  });

  it('returns the closing time when the time is used up exactly at closing', () => {
    expect(addWorkingMs(london, '2026-06-01T08:00:00Z', 8 * hour)).toBe('2026-06-01T16:00:00.000Z');
    expect(addWorkingMs(london, '2026-06-01T08:00:00Z', 8 * hour + 1)).toBe('2026-06-02T08:00:00.001Z');
  });

  it('is exact to the millisecond and antisymmetric', () => {
    expect(workingMsBetween(london, '2026-06-01T08:00:00.000Z', '2026-06-01T08:00:01.234Z')).toBe(1234);
    expect(workingMsBetween(london, '2026-06-02T00:00:00Z', '2026-06-01T00:00:00Z')).toBe(-8 * hour);
    expect(addWorkingMs(london, '2026-06-01T12:00:00Z', 0)).toBe('2026-06-01T12:00:00.000Z');
  });

  it('rejects negative or fractional durations and invalid instants', () => {
    expect(() => addWorkingMs(london, '2026-06-01T08:00:00Z', -1)).toThrow(RangeError);
    expect(() => addWorkingMs(london, '2026-06-01T08:00:00Z', 0.5)).toThrow(RangeError);
    expect(() => workingMsBetween(london, 'yesterday', '2026-06-01T08:00:00Z')).toThrow(RangeError);
  });
});

describe('daylight-saving changes', () => {
  it('keeps 09:00-17:00 at 8 h on the days the clocks change (Europe/London)', () => {
    const daily = everyDay('Europe/London', officeDay);
    expect(workingMsBetween(daily, '2026-03-29T00:00:00Z', '2026-03-30T00:00:00Z')).toBe(8 * hour);
    expect(addWorkingMs(daily, '2026-03-29T00:00:00Z', 8 * hour)).toBe('2026-03-29T16:00:00.000Z'); // 17:00 BST
    expect(workingMsBetween(daily, '2026-10-25T00:00:00Z', '2026-10-26T00:00:00Z')).toBe(8 * hour);
    expect(addWorkingMs(daily, '2026-10-25T00:00:00Z', 8 * hour)).toBe('2026-10-25T17:00:00.000Z'); // 17:00 GMT
  });

  it('keeps 09:00-17:00 at 8 h on the days the clocks change (America/New_York)', () => {
    const daily = everyDay('America/New_York', officeDay);
    expect(addWorkingMs(daily, '2026-03-08T00:00:00Z', 0 + 1)).toBe('2026-03-08T13:00:00.001Z'); // 09:00 EDT
    expect(workingMsBetween(daily, '2026-03-08T05:00:00Z', '2026-03-09T04:00:00Z')).toBe(8 * hour);
    expect(addWorkingMs(daily, '2026-11-01T00:00:00Z', 8 * hour)).toBe('2026-11-01T22:00:00.000Z'); // 17:00 EST
    expect(workingMsBetween(daily, '2026-11-01T04:00:00Z', '2026-11-02T05:00:00Z')).toBe(8 * hour);
  });

  it('counts a window that spans the change at its real length', () => {
    const night = everyDay('Europe/London', [{ start: '00:00', end: '04:00' }]);
    expect(workingMsBetween(night, '2026-03-28T12:00:00Z', '2026-03-29T12:00:00Z')).toBe(3 * hour);
    expect(workingMsBetween(night, '2026-10-24T12:00:00Z', '2026-10-25T12:00:00Z')).toBe(5 * hour);
    const newYorkNight = everyDay('America/New_York', [{ start: '01:30', end: '03:30' }]);
    expect(workingMsBetween(newYorkNight, '2026-03-08T00:00:00Z', '2026-03-09T00:00:00Z')).toBe(hour);
    expect(workingMsBetween(newYorkNight, '2026-11-01T00:00:00Z', '2026-11-02T00:00:00Z')).toBe(3 * hour);
  });

  it('cuts a window at the change when it starts in the gap, and opens it once in the overlap', () => {
    const gapWindow = everyDay('Europe/London', [{ start: '01:30', end: '02:30' }]);
    // 29 Mar: open from the change (01:00Z, clocks read 02:00) to 02:30 BST (01:30Z).
    expect(workingMsBetween(gapWindow, '2026-03-28T12:00:00Z', '2026-03-29T12:00:00Z')).toBe(30 * minute);
    // 25 Oct: from the first 01:30 (BST, 00:30Z) to 02:30 GMT (02:30Z).
    expect(workingMsBetween(gapWindow, '2026-10-24T12:00:00Z', '2026-10-25T12:00:00Z')).toBe(2 * hour);
  });

  it('has 23- and 25-hour civil days when open around the clock in a zone', () => {
    // A far-away holiday keeps the general path (not the 24x7 shortcut) in use.
    const fullDays = everyDay('Europe/London', [{ start: '00:00', end: '24:00' }], ['1999-12-31']);
    expect(isAlwaysOpen(fullDays)).toBe(false);
    expect(addWorkingMs(fullDays, '2026-03-29T00:00:00Z', 23 * hour)).toBe('2026-03-29T23:00:00.000Z');
    expect(workingMsBetween(fullDays, '2026-10-24T23:00:00Z', '2026-10-26T00:00:00Z')).toBe(25 * hour);
  });

  it('carries office-hours clocks across the London spring and autumn weekends', () => {
    // Friday 16:00 GMT + 2 h: 1 h on Friday, 1 h from Monday 09:00 BST (08:00Z).
    expect(addWorkingMs(london, '2026-03-27T16:00:00Z', 2 * hour)).toBe('2026-03-30T09:00:00.000Z');
    expect(workingMsBetween(london, '2026-03-27T09:00:00Z', '2026-03-30T16:00:00Z')).toBe(16 * hour);
    expect(workingMsBetween(london, '2026-03-23T00:00:00Z', '2026-03-30T00:00:00Z')).toBe(40 * hour);
    // Friday 16:30 BST (15:30Z) + 2 h: 30 min on Friday, 1 h 30 from Monday 09:00 GMT.
    expect(addWorkingMs(london, '2026-10-23T15:30:00Z', 2 * hour)).toBe('2026-10-26T10:30:00.000Z');
    expect(workingMsBetween(london, '2026-10-19T00:00:00Z', '2026-10-26T00:00:00Z')).toBe(40 * hour);
  });

  it('carries office-hours clocks across the New York spring and autumn weekends', () => {
    // Friday 16:00 EST (21:00Z) + 2 h: Monday 09:00 EDT is 13:00Z.
    expect(addWorkingMs(newYork, '2026-03-06T21:00:00Z', 2 * hour)).toBe('2026-03-09T14:00:00.000Z');
    // Friday 16:00 EDT (20:00Z) + 2 h: Monday 09:00 EST is 14:00Z.
    expect(addWorkingMs(newYork, '2026-10-30T20:00:00Z', 2 * hour)).toBe('2026-11-02T15:00:00.000Z');
    expect(workingMsBetween(newYork, '2026-03-02T05:00:00Z', '2026-03-09T04:00:00Z')).toBe(40 * hour);
    expect(workingMsBetween(newYork, '2026-10-26T04:00:00Z', '2026-11-02T05:00:00Z')).toBe(40 * hour);
  });
});

describe('holidays', () => {
  const londonChristmas = officeHours('Europe/London', ['2026-12-25', '2026-12-28']);

  it('closes whole local days', () => {
    // Thursday 16:00 + 4 h: 1 h Thursday, Friday and Monday holidays, 3 h on Tuesday.
    expect(addWorkingMs(londonChristmas, '2026-12-24T16:00:00Z', 4 * hour)).toBe('2026-12-29T12:00:00.000Z');
    expect(workingMsBetween(londonChristmas, '2026-12-24T00:00:00Z', '2027-01-01T00:00:00Z')).toBe(32 * hour);
  });

  it('takes the holiday date in the calendar time zone', () => {
    // Auckland is UTC+12 in July: 1 July local is 30 June 12:00Z to 1 July 12:00Z.
    const auckland = everyDay('Pacific/Auckland', [{ start: '00:00', end: '24:00' }], ['2026-07-01']);
    expect(workingMsBetween(auckland, '2026-06-30T00:00:00Z', '2026-07-02T00:00:00Z')).toBe(24 * hour);
    expect(addWorkingMs(auckland, '2026-06-30T11:00:00Z', 2 * hour)).toBe('2026-07-01T13:00:00.000Z');
  });
});

describe('24x7', () => {
  it('recognises always-open calendars however the day is split', () => {
    expect(isAlwaysOpen(alwaysOpenCalendar)).toBe(true);
    const split = everyDay('Europe/London', [{ start: '00:00', end: '12:00' }, { start: '12:00', end: '24:00' }]);
    expect(isAlwaysOpen(split)).toBe(true);
    expect(isAlwaysOpen(london)).toBe(false);
  });
});

describe('calendar arithmetic properties', () => {
  const calendars: BusinessCalendar[] = [
    london,
    newYork,
    officeHours('Europe/London', ['2026-03-30', '2026-10-26', '2026-12-25']),
    everyDay('Europe/London', [
      { start: '00:30', end: '02:30' },
      { start: '09:00', end: '12:00' },
      { start: '13:00', end: '17:30' },
      { start: '23:00', end: '24:00' },
    ]),
    everyDay('America/New_York', [{ start: '00:00', end: '03:00' }, { start: '22:00', end: '24:00' }], ['2026-11-01']),
    everyDay('America/New_York', [{ start: '00:00', end: '24:00' }], ['2026-03-08']),
    alwaysOpenCalendar,
  ];
  const calendarArb = fc.constantFrom(...calendars.map((value) => prepareBusinessCalendar(value)));
  const from = Date.parse('2026-01-01T00:00:00Z');
  const to = Date.parse('2027-01-01T00:00:00Z');
  // Half the instants fall within three days of a clock change, where mistakes would hide.
  const instantArb = fc.oneof(
    fc.integer({ min: from, max: to }),
    fc.tuple(fc.constantFrom(...transitions), fc.integer({ min: -3 * day, max: 3 * day })).map(([at, offset]) => at + offset),
  );
  const durationArb = fc.oneof(fc.integer({ min: 0, max: 2 * hour }), fc.integer({ min: 0, max: 15 * day }));

  it('addWorkingMs inverts workingMsBetween', () => {
    fc.assert(
      fc.property(calendarArb, instantArb, durationArb, (prepared, start, ms) => {
        const end = prepared.addWorkingMs(start, ms);
        expect(end).toBeGreaterThanOrEqual(start);
        expect(prepared.workingMs(start, end)).toBe(ms);
        // It is the earliest such instant.
        if (ms > 0) expect(prepared.workingMs(start, end - 1)).toBe(ms - 1);
      }),
    );
  });

  it('workingMsBetween inverts addWorkingMs up to closed time', () => {
    fc.assert(
      fc.property(calendarArb, instantArb, instantArb, (prepared, a, b) => {
        const [start, end] = a <= b ? [a, b] : [b, a];
        const reached = prepared.addWorkingMs(start, prepared.workingMs(start, end));
        expect(reached).toBeLessThanOrEqual(end);
        expect(prepared.workingMs(reached, end)).toBe(0);
      }),
    );
  });

  it('is additive in any order', () => {
    fc.assert(
      fc.property(calendarArb, instantArb, instantArb, instantArb, (prepared, a, b, c) => {
        expect(prepared.workingMs(a, b) + prepared.workingMs(b, c)).toBe(prepared.workingMs(a, c));
      }),
    );
  });

  it('is monotonic and never exceeds elapsed time', () => {
    fc.assert(
      fc.property(calendarArb, fc.array(instantArb, { minLength: 3, maxLength: 3 }), (prepared, instants) => {
        const [start, middle, end] = [...instants].sort((x, y) => x - y) as [number, number, number];
        const shorter = prepared.workingMs(start, middle);
        const longer = prepared.workingMs(start, end);
        expect(shorter).toBeGreaterThanOrEqual(0);
        expect(shorter).toBeLessThanOrEqual(longer);
        expect(longer).toBeLessThanOrEqual(end - start);
      }),
    );
  });

  it('addWorkingMs is monotonic in the duration', () => {
    fc.assert(
      fc.property(calendarArb, instantArb, durationArb, durationArb, (prepared, start, x, y) => {
        const [small, large] = x <= y ? [x, y] : [y, x];
        expect(prepared.addWorkingMs(start, small)).toBeLessThanOrEqual(prepared.addWorkingMs(start, large));
      }),
    );
  });

  it('equals plain subtraction when open around the clock, in any zone', () => {
    const zones = ['UTC', 'Europe/London', 'America/New_York', 'Australia/Lord_Howe', 'Asia/Kolkata'];
    const openArb = fc.constantFrom(
      prepareBusinessCalendar(alwaysOpenCalendar),
      // The far-away holiday forces the general day-by-day path.
      ...zones.map((zone) => prepareBusinessCalendar(everyDay(zone, [{ start: '00:00', end: '24:00' }], ['1990-01-01']))),
    );
    fc.assert(
      fc.property(openArb, instantArb, instantArb, durationArb, (prepared, a, b, ms) => {
        expect(prepared.workingMs(a, b)).toBe(b - a);
        expect(prepared.addWorkingMs(a, ms)).toBe(a + ms);
      }),
    );
  });
});
