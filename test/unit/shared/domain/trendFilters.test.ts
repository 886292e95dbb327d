import { describe, expect, it } from 'vitest';
import { previousComparableRange } from '../../../../shared/domain/metricPeriods';
import { buildTrendQuery, defaultTrendFilters, type TrendFilters } from '../../../../shared/domain/trendFilters';

const now = Date.parse('2026-03-15T10:00:00Z');
const defaults = defaultTrendFilters(now, 'UTC');

describe('defaultTrendFilters', () => {
  it('covers the last 12 months to today, by month, comparing, with imported history and without exercises', () => {
    expect(defaults).toEqual({
      from: '2025-04-01',
      to: '2026-03-15',
      granularity: 'month',
      team: 'all',
      kind: 'all',
      category: 'all',
      priority: 'all',
      isComparing: true,
      includeImported: true,
      includeExercises: false,
    });
  });

  it("takes today in the user's zone", () => {
    const lateInUtc = Date.parse('2026-03-31T23:30:00Z');
    expect(defaultTrendFilters(lateInUtc, 'Asia/Tokyo')).toMatchObject({ from: '2025-05-01', to: '2026-04-01' });
    expect(defaultTrendFilters(lateInUtc, 'UTC')).toMatchObject({ from: '2025-04-01', to: '2026-03-31' });
  });
});

describe('buildTrendQuery', () => {
  it('runs from local midnight of From to now, with the previous comparable range', () => {
    const result = buildTrendQuery(defaults, 'UTC', now);
    expect(result).toEqual({
      ok: true,
      query: { range: { startMs: Date.parse('2025-04-01T00:00:00Z'), endMs: now }, granularity: 'month', timeZone: 'UTC', includeImported: true, includeExercises: false },
      previousQuery: {
        range: previousComparableRange({ startMs: Date.parse('2025-04-01T00:00:00Z'), endMs: now }, 'month', 'UTC'),
        granularity: 'month',
        timeZone: 'UTC',
        includeImported: true,
        includeExercises: false,
      },
    });
  });

  it('ends a past range at the end of its To day, in the zone, and passes the filters on', () => {
    const filters: TrendFilters = { ...defaults, from: '2026-01-05', to: '2026-01-11', granularity: 'day', team: 'team-1', kind: 'security', category: 'phishing', priority: 'P1', isComparing: false, includeImported: false, includeExercises: true };
    expect(buildTrendQuery(filters, 'Europe/Paris', now)).toEqual({
      ok: true,
      query: {
        range: { startMs: Date.parse('2026-01-04T23:00:00Z'), endMs: Date.parse('2026-01-11T23:00:00Z') },
        granularity: 'day',
        timeZone: 'Europe/Paris',
        teamIds: ['team-1'],
        kinds: ['security'],
        categories: ['phishing'],
        priorities: ['P1'],
        includeImported: false,
        includeExercises: true,
      },
      previousQuery: null,
    });
  });

  it.each([
    [{ from: '' }, { from: 'Enter a start date' }],
    [{ to: '' }, { to: 'Enter an end date' }],
    [{ to: '2026-03-16' }, { to: 'The end date cannot be after today' }],
    [{ from: '2026-03-20', to: '2026-03-15' }, { from: 'The start date cannot be after today' }],
    [{ from: '2026-03-10', to: '2026-03-01' }, { to: 'The end date must be on or after the start date' }],
    [{ from: '2026-02-30' }, { from: 'Enter valid dates' }],
    [{ from: '1969-12-31' }, { from: 'Choose a start date from 1970 on' }],
    [{ from: '2024-12-01', granularity: 'day' as const }, { granularity: 'Day is too fine for 470 days: choose Week, Month or Quarter, or a range of 400 days or less' }],
  ])('refuses %o with a reason: %o', (patch, errors) => {
    expect(buildTrendQuery({ ...defaults, ...patch }, 'UTC', now)).toEqual({ ok: false, errors });
  });

  it('accepts Day over exactly 400 days and refuses it over 401', () => {
    const endOfDay = Date.parse('2026-03-16T00:00:00Z');
    expect(buildTrendQuery({ ...defaults, from: '2025-02-09', to: '2026-03-15', granularity: 'day' }, 'UTC', endOfDay).ok).toBe(true);
    expect(buildTrendQuery({ ...defaults, from: '2025-02-08', to: '2026-03-15', granularity: 'day' }, 'UTC', endOfDay).ok).toBe(false);
    expect(buildTrendQuery({ ...defaults, from: '2025-02-08', to: '2026-03-15', granularity: 'week' }, 'UTC', endOfDay).ok).toBe(true);
  });
});
