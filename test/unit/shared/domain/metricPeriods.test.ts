import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  createPeriodLocator,
  isoWeekOf,
  listMetricPeriods,
  localDateRange,
  metricGranularities,
  metricPeriodKeyOf,
  previousComparableRange,
  type MetricGranularity,
  type MetricRange,
} from '../../../../shared/domain/metricPeriods';

const hour = 3_600_000;
const day = 24 * hour;
const ms = (iso: string) => Date.parse(iso);
const utcRange = (from: string, to: string): MetricRange => ({ startMs: ms(from), endMs: ms(to) });

describe('days in a time zone', () => {
  it('makes the spring-forward day in London 23 hours and the autumn one 25', () => {
    const spring = listMetricPeriods(localDateRange('Europe/London', '2026-03-28', '2026-03-30'), 'day', 'Europe/London');
    expect(spring.map((period) => [period.key, period.endMs - period.startMs])).toEqual([
      ['2026-03-28', 24 * hour],
      // 00:00 GMT (00:00Z) to 00:00 BST (23:00Z): the clocks skip 01:00-02:00.
      ['2026-03-29', 23 * hour],
      ['2026-03-30', 24 * hour],
    ]);
    expect(spring[1]).toEqual({
      key: '2026-03-29',
      label: '29 Mar 2026',
      firstDate: '2026-03-29',
      startMs: ms('2026-03-29T00:00:00Z'),
      endMs: ms('2026-03-29T23:00:00Z'),
      isPartial: false,
    });
    const autumn = listMetricPeriods(localDateRange('Europe/London', '2026-10-25', '2026-10-25'), 'day', 'Europe/London');
    // 00:00 BST (2026-10-24T23:00Z) to 00:00 GMT (2026-10-26T00:00Z).
    expect(autumn).toEqual([{ key: '2026-10-25', label: '25 Oct 2026', firstDate: '2026-10-25', startMs: ms('2026-10-24T23:00:00Z'), endMs: ms('2026-10-26T00:00:00Z'), isPartial: false }]);
  });

  it('makes the New York change days 23 and 25 hours', () => {
    // 2026-03-08: 00:00 EST = 05:00Z to 00:00 EDT on the 9th = 04:00Z.
    const [march] = listMetricPeriods(localDateRange('America/New_York', '2026-03-08', '2026-03-08'), 'day', 'America/New_York');
    expect([march!.startMs, march!.endMs]).toEqual([ms('2026-03-08T05:00:00Z'), ms('2026-03-09T04:00:00Z')]);
    // 2026-11-01: 00:00 EDT = 04:00Z to 00:00 EST on the 2nd = 05:00Z.
    const [november] = listMetricPeriods(localDateRange('America/New_York', '2026-11-01', '2026-11-01'), 'day', 'America/New_York');
    expect(november!.endMs - november!.startMs).toBe(25 * hour);
  });

  it('puts 23:30 UTC on the next day in Berlin', () => {
    expect(metricPeriodKeyOf(ms('2026-05-10T23:30:00Z'), 'day', 'UTC')).toBe('2026-05-10');
    // CEST is UTC+2: 01:30 on the 11th.
    expect(metricPeriodKeyOf(ms('2026-05-10T23:30:00Z'), 'day', 'Europe/Berlin')).toBe('2026-05-11');
    // And in New York (EDT, UTC-4) 02:30Z is still the evening before.
    expect(metricPeriodKeyOf(ms('2026-05-11T02:30:00Z'), 'day', 'America/New_York')).toBe('2026-05-10');
  });
});

describe('ISO weeks', () => {
  it('numbers weeks by the ISO week-year of their Thursday', () => {
    expect(isoWeekOf('2026-12-31')).toEqual({ weekYear: 2026, week: 53 }); // a Thursday
    expect(isoWeekOf('2027-01-01')).toEqual({ weekYear: 2026, week: 53 }); // Friday of the same week
    expect(isoWeekOf('2027-01-03')).toEqual({ weekYear: 2026, week: 53 }); // its Sunday
    expect(isoWeekOf('2027-01-04')).toEqual({ weekYear: 2027, week: 1 }); // Monday
    expect(isoWeekOf('2025-12-29')).toEqual({ weekYear: 2026, week: 1 }); // Monday of the week of 2026-01-01 (a Thursday)
    expect(isoWeekOf('2021-01-03')).toEqual({ weekYear: 2020, week: 53 });
    expect(isoWeekOf('2024-12-30')).toEqual({ weekYear: 2025, week: 1 });
  });

  it('lists Monday-to-Monday weeks across the year end, with keys and labels', () => {
    const weeks = listMetricPeriods(utcRange('2026-12-28T00:00:00Z', '2027-01-11T00:00:00Z'), 'week', 'UTC');
    expect(weeks.map(({ key, label, firstDate }) => ({ key, label, firstDate }))).toEqual([
      { key: '2026-W53', label: '2026-W53 (28 Dec)', firstDate: '2026-12-28' },
      { key: '2027-W01', label: '2027-W01 (4 Jan)', firstDate: '2027-01-04' },
    ]);
    expect(metricPeriodKeyOf(ms('2027-01-01T12:00:00Z'), 'week', 'UTC')).toBe('2026-W53');
    expect(metricPeriodKeyOf(ms('2026-12-31T12:00:00Z'), 'week', 'UTC')).toBe('2026-W53');
  });

  it('makes the week of a clock change 167 hours long in London', () => {
    // Monday 2026-03-23 00:00 GMT to Monday 2026-03-30 00:00 BST.
    const [week] = listMetricPeriods(localDateRange('Europe/London', '2026-03-23', '2026-03-29'), 'week', 'Europe/London');
    expect(week).toMatchObject({ key: '2026-W13', startMs: ms('2026-03-23T00:00:00Z'), endMs: ms('2026-03-29T23:00:00Z') });
    expect(week!.endMs - week!.startMs).toBe(7 * day - hour);
  });
});

describe('months and quarters', () => {
  it('cuts months and quarters at local midnight', () => {
    const range = localDateRange('America/New_York', '2026-01-01', '2026-06-30');
    const months = listMetricPeriods(range, 'month', 'America/New_York');
    expect(months.map((period) => period.key)).toEqual(['2026-01', '2026-02', '2026-03', '2026-04', '2026-05', '2026-06']);
    expect(months[2]).toMatchObject({ label: 'Mar 2026', startMs: ms('2026-03-01T05:00:00Z'), endMs: ms('2026-04-01T04:00:00Z') });
    const quarters = listMetricPeriods(range, 'quarter', 'America/New_York');
    expect(quarters.map(({ key, label, startMs, endMs }) => ({ key, label, startMs, endMs }))).toEqual([
      { key: '2026-Q1', label: 'Q1 2026', startMs: ms('2026-01-01T05:00:00Z'), endMs: ms('2026-04-01T04:00:00Z') },
      { key: '2026-Q2', label: 'Q2 2026', startMs: ms('2026-04-01T04:00:00Z'), endMs: ms('2026-07-01T04:00:00Z') },
    ]);
  });

  it('clips the first and last periods to the range and marks them partial', () => {
    const periods = listMetricPeriods(utcRange('2026-03-15T00:00:00Z', '2026-05-10T12:00:00Z'), 'month', 'UTC');
    expect(periods.map(({ key, startMs, endMs, isPartial }) => ({ key, startMs, endMs, isPartial }))).toEqual([
      { key: '2026-03', startMs: ms('2026-03-15T00:00:00Z'), endMs: ms('2026-04-01T00:00:00Z'), isPartial: true },
      { key: '2026-04', startMs: ms('2026-04-01T00:00:00Z'), endMs: ms('2026-05-01T00:00:00Z'), isPartial: false },
      { key: '2026-05', startMs: ms('2026-05-01T00:00:00Z'), endMs: ms('2026-05-10T12:00:00Z'), isPartial: true },
    ]);
    expect(periods[0]!.firstDate).toBe('2026-03-01');
  });

  it('refuses an empty range, an unknown zone and an impossible date', () => {
    expect(() => listMetricPeriods({ startMs: 5, endMs: 5 }, 'day', 'UTC')).toThrow(RangeError);
    expect(() => listMetricPeriods(utcRange('2026-01-01T00:00:00Z', '2026-01-02T00:00:00Z'), 'day', 'Mars/Olympus')).toThrow(RangeError);
    expect(() => localDateRange('UTC', '2026-02-30', '2026-03-01')).toThrow(RangeError);
    expect(() => localDateRange('UTC', '2026-03-02', '2026-03-01')).toThrow(RangeError);
  });
});

describe('createPeriodLocator', () => {
  it('finds the period of an instant, start inclusive and end exclusive, and -1 outside', () => {
    const periods = listMetricPeriods(localDateRange('Europe/London', '2026-03-28', '2026-03-30'), 'day', 'Europe/London');
    const locate = createPeriodLocator(periods);
    expect(locate(ms('2026-03-27T23:59:59.999Z'))).toBe(-1);
    expect(locate(ms('2026-03-28T00:00:00Z'))).toBe(0);
    expect(locate(ms('2026-03-29T22:59:59.999Z'))).toBe(1);
    // 00:00 BST on the 30th.
    expect(locate(ms('2026-03-29T23:00:00Z'))).toBe(2);
    expect(locate(ms('2026-03-30T22:59:59.999Z'))).toBe(2);
    expect(locate(ms('2026-03-30T23:00:00Z'))).toBe(-1);
    expect(locate(Number.NaN)).toBe(-1);
    expect(createPeriodLocator([])(0)).toBe(-1);
  });
});

describe('previousComparableRange', () => {
  it('moves whole periods back by as many periods', () => {
    // Jan-Mar by month -> Oct-Dec of the year before (k = 3), in London local midnights.
    const quarter = localDateRange('Europe/London', '2026-01-01', '2026-03-31');
    expect(previousComparableRange(quarter, 'month', 'Europe/London')).toEqual(localDateRange('Europe/London', '2025-10-01', '2025-12-31'));
    expect(previousComparableRange(localDateRange('UTC', '2026-04-01', '2026-06-30'), 'quarter', 'UTC')).toEqual(localDateRange('UTC', '2026-01-01', '2026-03-31'));
    // Two ISO weeks -> the two before.
    expect(previousComparableRange(localDateRange('UTC', '2027-01-04', '2027-01-17'), 'week', 'UTC')).toEqual(localDateRange('UTC', '2026-12-21', '2027-01-03'));
  });

  it('compares the 23-hour London day with the whole day before', () => {
    const previous = previousComparableRange(localDateRange('Europe/London', '2026-03-29', '2026-03-29'), 'day', 'Europe/London');
    expect(previous).toEqual({ startMs: ms('2026-03-28T00:00:00Z'), endMs: ms('2026-03-29T00:00:00Z') });
  });

  it('moves a range that cuts periods back by the fewest periods that clear it', () => {
    // 15 Mar - 15 Apr touches March and April, but one month back is enough.
    expect(previousComparableRange(utcRange('2026-03-15T00:00:00Z', '2026-04-15T00:00:00Z'), 'month', 'UTC')).toEqual(utcRange('2026-02-15T00:00:00Z', '2026-03-15T00:00:00Z'));
    // 31 May - 29 Jun by month: one month back, 31 April clamped to 30 April.
    expect(previousComparableRange(localDateRange('UTC', '2026-05-31', '2026-06-29'), 'month', 'UTC')).toEqual(localDateRange('UTC', '2026-04-30', '2026-05-29'));
    // Two whole weeks and 2.5 days of a third (to Wednesday noon) -> three weeks back, to date.
    const toDate = utcRange('2026-06-01T00:00:00Z', '2026-06-17T12:00:00Z');
    expect(previousComparableRange(toDate, 'week', 'UTC')).toEqual(utcRange('2026-05-11T00:00:00Z', '2026-05-27T12:00:00Z'));
    // Keeps the time of day, milliseconds included, across a change of offset (BST -> GMT).
    const evening = { startMs: ms('2026-11-02T18:30:15.250Z'), endMs: ms('2026-11-03T18:30:15.250Z') };
    expect(previousComparableRange(evening, 'week', 'Europe/London')).toEqual({ startMs: ms('2026-10-26T18:30:15.250Z'), endMs: ms('2026-10-27T18:30:15.250Z') });
    expect(previousComparableRange(evening, 'month', 'Europe/London')).toEqual({ startMs: ms('2026-10-02T17:30:15.250Z'), endMs: ms('2026-10-03T17:30:15.250Z') });
  });
});

describe('period properties', () => {
  const zones = ['UTC', 'Europe/London', 'Europe/Berlin', 'America/New_York', 'Australia/Lord_Howe', 'Asia/Kathmandu'];
  const start = ms('2025-09-01T00:00:00Z');
  const rangeArb = fc
    .record({ from: fc.integer({ min: start, max: start + 500 * day }), length: fc.integer({ min: 1, max: 200 * day }) })
    .map(({ from, length }) => ({ startMs: from, endMs: from + length }));
  const granularityArb = fc.constantFrom<MetricGranularity>(...metricGranularities);

  it('tiles the range: every instant of it lands in exactly one period, the one its key names', () => {
    fc.assert(
      fc.property(rangeArb, granularityArb, fc.constantFrom(...zones), fc.array(fc.double({ min: 0, max: 1, noNaN: true }), { minLength: 1, maxLength: 10 }), (range, granularity, zone, fractions) => {
        const periods = listMetricPeriods(range, granularity, zone);
        expect(periods[0]!.startMs).toBe(range.startMs);
        expect(periods.at(-1)!.endMs).toBe(range.endMs);
        periods.forEach((period, index) => {
          expect(period.startMs).toBeLessThan(period.endMs);
          if (index > 0) expect(period.startMs).toBe(periods[index - 1]!.endMs);
        });
        expect(new Set(periods.map((period) => period.key)).size).toBe(periods.length);
        const locate = createPeriodLocator(periods);
        for (const fraction of fractions) {
          const instant = Math.min(range.endMs - 1, range.startMs + Math.floor(fraction * (range.endMs - range.startMs)));
          const index = locate(instant);
          expect(periods.filter((period) => period.startMs <= instant && instant < period.endMs)).toEqual([periods[index]]);
          expect(periods[index]!.key).toBe(metricPeriodKeyOf(instant, granularity, zone));
        }
      }),
      { numRuns: 80 },
    );
  });

  it('gives a previous range that ends by the start and touches as many periods', () => {
    fc.assert(
      fc.property(rangeArb, granularityArb, fc.constantFrom(...zones), (range, granularity, zone) => {
        const previous = previousComparableRange(range, granularity, zone);
        expect(previous.endMs).toBeLessThanOrEqual(range.startMs);
        expect(previous.startMs).toBeLessThan(previous.endMs);
        const count = listMetricPeriods(range, granularity, zone).length;
        // Month clamping can shorten the range by a few days, never by a whole period more than one.
        expect(Math.abs(listMetricPeriods(previous, granularity, zone).length - count)).toBeLessThanOrEqual(1);
      }),
      { numRuns: 60 },
    );
  });
});
