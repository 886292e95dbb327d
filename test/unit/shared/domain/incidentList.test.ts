import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  emptyIncidentListFilter,
  filterIncidentList,
  incidentSortFields,
  restrictToIds,
  sortIncidentList,
  toIncidentListItem,
  type IncidentListFilter,
  type IncidentListItem,
  type IncidentSortField,
} from '../../../../shared/domain/incidentList';
import type { Incident, IncidentStage } from '../../../../shared/domain/incident';
import type { Priority } from '../../../../shared/domain/priority';
import { createRandom } from '../../../../shared/domain/seededRandom';
import { hour, isoAt, makeIncident, testUuid } from '../fixtures';

/** Fisher-Yates with a seeded generator. */
function shuffle<T>(list: readonly T[], seed: number): T[] {
  const random = createRandom(seed);
  const out = [...list];
  for (let i = out.length - 1; i > 0; i -= 1) {
    const j = random.integer(0, i);
    [out[i], out[j]] = [out[j]!, out[i]!];
  }
  return out;
}

const ada = { id: 'person-ada', name: 'Ada' };
const bo = { id: 'person-bo', name: 'Bo' };

function item(overrides: Partial<Incident>): IncidentListItem {
  return toIncidentListItem(makeIncident({ id: testUuid(), ...overrides }));
}

const items: IncidentListItem[] = [
  item({ reference: 'INC-2026-K7QF-0001', title: 'Payments API DOWN', stage: 'new', priority: 'P1', category: 'outage', kind: 'service', mode: 'live', assignee: null, reportedAt: isoAt(-5 * hour) }),
  item({ reference: 'INC-2026-K7QF-0002', title: 'Phishing wave', stage: 'triaged', priority: 'P2', category: 'phishing', kind: 'security', mode: 'exercise', assignee: ada, reportedAt: isoAt(-4 * hour) }),
  item({ reference: 'INC-2026-AB12-0003', title: 'Disk failure', stage: 'in_progress', priority: 'P3', category: 'hardware', kind: 'service', mode: 'live', assignee: bo, reportedAt: isoAt(-3 * hour) }),
  item({ reference: 'INC-2026-AB12-0004', title: 'Vendor outage', stage: 'on_hold', priority: 'P3', category: 'supplier', kind: 'service', mode: 'imported', assignee: ada, reportedAt: isoAt(-2 * hour) }),
  item({ reference: 'INC-2026-AB12-0005', title: 'Old payments glitch', stage: 'resolved', priority: 'P4', category: 'outage', kind: 'service', mode: 'live', assignee: bo, reportedAt: isoAt(-hour) }),
  item({ reference: 'INC-2026-ZZ99-0006', title: 'Closed malware case', stage: 'closed', priority: 'P5', category: 'malware', kind: 'security', mode: 'live', assignee: ada, reportedAt: isoAt(-30 * 60_000) }),
  item({ reference: 'INC-2026-ZZ99-0007', title: 'Duplicate report', stage: 'cancelled', priority: 'P2', category: 'phishing', kind: 'security', mode: 'live', assignee: null, reportedAt: isoAt(0) }),
];

function refsFor(filter: Partial<IncidentListFilter>): string[] {
  return filterIncidentList(items, { ...emptyIncidentListFilter, ...filter }).map((entry) => entry.reference.slice(-4));
}

describe('toIncidentListItem', () => {
  it('copies the list fields and flattens the assignee', () => {
    const incident = makeIncident({ assignee: ada, title: 'Mixed Case Title', reference: 'INC-2026-K7QF-0042' });
    const listItem = toIncidentListItem(incident);
    expect(listItem).toMatchObject({ id: incident.id, assigneeId: 'person-ada', assigneeName: 'Ada', stage: incident.stage });
    expect(listItem.searchText).toContain('mixed case title');
    expect(listItem.searchText).toContain('inc-2026-k7qf-0042');
    expect(toIncidentListItem(makeIncident()).assigneeId).toBeNull();
  });
});

describe('filterIncidentList', () => {
  it('the empty filter keeps everything in the original order', () => {
    expect(filterIncidentList(items, emptyIncidentListFilter)).toEqual(items);
  });

  it.each<[IncidentStage, string[]]>([
    ['new', ['0001']],
    ['triaged', ['0002']],
    ['in_progress', ['0003']],
    ['on_hold', ['0004']],
    ['resolved', ['0005']],
    ['closed', ['0006']],
    ['cancelled', ['0007']],
  ])('stage %s', (stage, expected) => {
    expect(refsFor({ stage })).toEqual(expected);
  });

  it("stage 'open' means new, triaged, in progress and on hold", () => {
    expect(refsFor({ stage: 'open' })).toEqual(['0001', '0002', '0003', '0004']);
  });

  it.each<[Priority, string[]]>([
    ['P1', ['0001']],
    ['P2', ['0002', '0007']],
    ['P3', ['0003', '0004']],
    ['P4', ['0005']],
    ['P5', ['0006']],
  ])('priority %s', (priority, expected) => {
    expect(refsFor({ priority })).toEqual(expected);
  });

  it('category', () => {
    expect(refsFor({ category: 'outage' })).toEqual(['0001', '0005']);
    expect(refsFor({ category: 'phishing' })).toEqual(['0002', '0007']);
    expect(refsFor({ category: 'ransomware' })).toEqual([]);
  });

  it('mode', () => {
    expect(refsFor({ mode: 'live' })).toEqual(['0001', '0003', '0005', '0006', '0007']);
    expect(refsFor({ mode: 'exercise' })).toEqual(['0002']);
    expect(refsFor({ mode: 'imported' })).toEqual(['0004']);
  });

  it("assignee: a person id, 'unassigned', or an unknown id", () => {
    expect(refsFor({ assignee: 'person-ada' })).toEqual(['0002', '0004', '0006']);
    expect(refsFor({ assignee: 'person-bo' })).toEqual(['0003', '0005']);
    expect(refsFor({ assignee: 'unassigned' })).toEqual(['0001', '0007']);
    expect(refsFor({ assignee: 'person-nobody' })).toEqual([]);
  });

  it('search matches the title case-insensitively', () => {
    expect(refsFor({ search: 'payments' })).toEqual(['0001', '0005']);
    expect(refsFor({ search: 'PAYMENTS api' })).toEqual(['0001']);
    expect(refsFor({ search: '  down ' })).toEqual(['0001']);
  });

  it('search matches the reference case-insensitively', () => {
    expect(refsFor({ search: 'inc-2026-ab12' })).toEqual(['0003', '0004', '0005']);
    expect(refsFor({ search: 'zz99-0007' })).toEqual(['0007']);
    expect(refsFor({ search: 'no such thing' })).toEqual([]);
  });

  it("origin: 'real' hides generated sample incidents, 'sample' shows only them", () => {
    const sample = { ...items[0]!, id: 'sample-1', isSample: true };
    const list = [...items, sample];
    expect(filterIncidentList(list, { ...emptyIncidentListFilter, origin: 'sample' })).toEqual([sample]);
    expect(filterIncidentList(list, { ...emptyIncidentListFilter, origin: 'real' })).toEqual(items);
    expect(filterIncidentList(list, { ...emptyIncidentListFilter, origin: 'all' })).toEqual(list);
  });

  it('combines dimensions with AND', () => {
    expect(refsFor({ stage: 'open', assignee: 'person-ada' })).toEqual(['0002', '0004']);
    expect(refsFor({ stage: 'open', assignee: 'person-ada', mode: 'imported', search: 'vendor' })).toEqual(['0004']);
    expect(refsFor({ priority: 'P2', mode: 'exercise', category: 'outage' })).toEqual([]);
  });

  it('keeps the order of its input', () => {
    const reversed = [...items].reverse();
    expect(filterIncidentList(reversed, { ...emptyIncidentListFilter, stage: 'open' }).map((entry) => entry.reference.slice(-4))).toEqual([
      '0004',
      '0003',
      '0002',
      '0001',
    ]);
  });
});

describe('restrictToIds (the incidents behind a trend chart point)', () => {
  it('keeps only the given ids, in the list order, ignoring ids no longer in the list', () => {
    const ids = [items[4]!.id, items[1]!.id, 'deleted-since'];
    expect(restrictToIds(items, ids).map((entry) => entry.reference.slice(-4))).toEqual(['0002', '0005']);
    expect(restrictToIds(items, [])).toEqual([]);
  });

  it('leaves the list alone when there is no restriction, and composes with filters', () => {
    expect(restrictToIds(items, null)).toBe(items);
    expect(restrictToIds(filterIncidentList(items, { ...emptyIncidentListFilter, mode: 'live' }), [items[1]!.id, items[2]!.id]).map((entry) => entry.reference.slice(-4))).toEqual(['0003']);
  });
});

describe('sortIncidentList', () => {
  const stageRank: Record<IncidentStage, number> = { new: 0, triaged: 1, in_progress: 2, on_hold: 3, resolved: 4, closed: 5, cancelled: 6 };
  const priorityRank: Record<Priority, number> = { P1: 1, P2: 2, P3: 3, P4: 4, P5: 5 };

  /** The documented order, written independently: the field, then newest reported, then id. */
  function expectedCompare(field: Exclude<IncidentSortField, 'timeLeft'>, direction: 'asc' | 'desc') {
    const primary = (a: IncidentListItem, b: IncidentListItem): number => {
      switch (field) {
        case 'priority':
          return priorityRank[a.priority] - priorityRank[b.priority];
        case 'stage':
          return stageRank[a.stage] - stageRank[b.stage];
        case 'title':
          return a.title.toLowerCase() < b.title.toLowerCase() ? -1 : a.title.toLowerCase() > b.title.toLowerCase() ? 1 : 0;
        default:
          return a[field] < b[field] ? -1 : a[field] > b[field] ? 1 : 0;
      }
    };
    return (a: IncidentListItem, b: IncidentListItem): number => {
      const byField = primary(a, b) * (direction === 'asc' ? 1 : -1);
      if (byField !== 0) return byField;
      if (a.reportedAt !== b.reportedAt) return a.reportedAt < b.reportedAt ? 1 : -1;
      return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
    };
  }

  // Small domains so that ties on every field are frequent.
  const itemArb = fc
    .record({
      n: fc.integer({ min: 1, max: 1_000_000 }),
      stage: fc.constantFrom<IncidentStage>('new', 'triaged', 'in_progress', 'on_hold', 'resolved', 'closed', 'cancelled'),
      priority: fc.constantFrom<Priority>('P1', 'P2', 'P3', 'P4', 'P5'),
      reportedHour: fc.integer({ min: 0, max: 3 }),
      updatedHour: fc.integer({ min: 0, max: 3 }),
      title: fc.constantFrom('alpha', 'Alpha', 'beta', 'Beta outage', 'gamma', 'Zulu'),
      reference: fc.constantFrom('INC-2026-AAAA-0001', 'INC-2026-AAAA-0002', 'INC-2026-BBBB-0001'),
    })
    .map((r) =>
      toIncidentListItem(
        makeIncident({
          id: testUuid(r.n),
          stage: r.stage,
          priority: r.priority,
          reportedAt: isoAt(-r.reportedHour * hour),
          updatedAt: isoAt(-r.updatedHour * hour),
          title: r.title,
          reference: r.reference,
        }),
      ),
    );
  const listArb = fc.uniqueArray(itemArb, { selector: (entry) => entry.id, maxLength: 40 });

  // timeLeft needs each row's service level; it has its own tests in listServiceLevel.test.ts.
  for (const field of incidentSortFields.filter((candidate): candidate is Exclude<IncidentSortField, 'timeLeft'> => candidate !== 'timeLeft')) {
    for (const direction of ['asc', 'desc'] as const) {
      it(`${field} ${direction}: ordered by the field, ties newest first then by id, independent of input order`, () => {
        const compare = expectedCompare(field, direction);
        fc.assert(
          fc.property(listArb, fc.nat(), (list, shuffleSeed) => {
            const snapshot = [...list];
            const sorted = sortIncidentList(list, { field, direction });
            expect(list).toEqual(snapshot); // input untouched
            expect([...sorted].sort(compare)).toEqual(sorted);
            for (let i = 1; i < sorted.length; i += 1) expect(compare(sorted[i - 1]!, sorted[i]!)).toBeLessThan(0);
            // same set, any input order -> identical output (a total order)
            const shuffled = shuffle(list, shuffleSeed);
            expect(sortIncidentList(shuffled, { field, direction })).toEqual(sorted);
            expect(sortIncidentList([...list].reverse(), { field, direction })).toEqual(sorted);
          }),
          { numRuns: 60 },
        );
      });
    }
  }

  it('filtering a sorted list equals sorting the filtered list, so a view may do either', () => {
    const filterArb = fc.record({
      stage: fc.constantFrom<IncidentListFilter['stage']>('all', 'open', 'new', 'closed'),
      priority: fc.constantFrom<IncidentListFilter['priority']>('all', 'P1', 'P3'),
      search: fc.constantFrom('', 'alpha', 'inc-2026-aaaa'),
    });
    fc.assert(
      fc.property(listArb, filterArb, fc.constantFrom(...incidentSortFields), fc.constantFrom('asc' as const, 'desc' as const), (list, partial, field, direction) => {
        const filter = { ...emptyIncidentListFilter, ...partial };
        const sort = { field, direction };
        expect(filterIncidentList(sortIncidentList(list, sort), filter)).toEqual(sortIncidentList(filterIncidentList(list, filter), sort));
      }),
      { numRuns: 200 },
    );
  });

  it('priority asc puts P1 first; desc puts P5 first', () => {
    expect(sortIncidentList(items, { field: 'priority', direction: 'asc' }).map((entry) => entry.priority)).toEqual(['P1', 'P2', 'P2', 'P3', 'P3', 'P4', 'P5']);
    expect(sortIncidentList(items, { field: 'priority', direction: 'desc' })[0]!.priority).toBe('P5');
  });

  it('within equal priority, the newest reported comes first in both directions', () => {
    const asc = sortIncidentList(items, { field: 'priority', direction: 'asc' }).map((entry) => entry.reference.slice(-4));
    const desc = sortIncidentList(items, { field: 'priority', direction: 'desc' }).map((entry) => entry.reference.slice(-4));
    expect(asc).toEqual(['0001', '0007', '0002', '0004', '0003', '0005', '0006']);
    expect(desc).toEqual(['0006', '0005', '0004', '0003', '0007', '0002', '0001']);
  });

  it('title sort ignores case', () => {
    const list = [item({ title: 'banana' }), item({ title: 'Apple' }), item({ title: 'cherry' })];
    expect(sortIncidentList(list, { field: 'title', direction: 'asc' }).map((entry) => entry.title)).toEqual(['Apple', 'banana', 'cherry']);
  });

  it('stage sort follows the lifecycle order, not the alphabet', () => {
    expect(sortIncidentList(items, { field: 'stage', direction: 'asc' }).map((entry) => entry.stage)).toEqual([
      'new',
      'triaged',
      'in_progress',
      'on_hold',
      'resolved',
      'closed',
      'cancelled',
    ]);
  });
});
