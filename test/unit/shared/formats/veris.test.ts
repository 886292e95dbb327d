import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { incidentSchema } from '../../../../shared/domain/incident';
import { defaultPriorityMatrix } from '../../../../shared/domain/priority';
import { timelineEntrySchema } from '../../../../shared/domain/timeline';
import { importedIncidentId, type HistoryImportContext, type ImportedIncident } from '../../../../shared/formats/incidentHistory';
import { categoryOfVerisActions, importVerisFiles } from '../../../../shared/formats/veris';
import { fixedNowIso } from '../fixtures';

const repoRoot = fileURLToPath(new URL('../../../../', import.meta.url));
/** The 30 real VCDB records, kept outside the repository (see the fixtures README). */
const vcdbFolder = resolve(repoRoot, '../shared/fixtures/vcdb');
const ownFolder = resolve(repoRoot, 'test/fixtures/veris');
if (!existsSync(vcdbFolder)) throw new Error(`The VCDB samples are expected at ${vcdbFolder}`);

const context: HistoryImportContext = {
  nowIso: fixedNowIso,
  matrix: defaultPriorityMatrix,
  importedBy: { id: 'person-lead', name: 'Lee Lead' },
  deviceId: 'device-test',
};

function readFolder(folder: string) {
  return readdirSync(folder)
    .filter((name) => /\.json$/i.test(name))
    .sort()
    .map((name) => ({ name, text: readFileSync(join(folder, name), 'utf8') }));
}

function countBy(incidents: readonly ImportedIncident[], key: (imported: ImportedIncident) => string): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const imported of incidents) counts[key(imported)] = (counts[key(imported)] ?? 0) + 1;
  return counts;
}

describe('importVerisFiles on the 30 VCDB records', () => {
  const files = readFolder(vcdbFolder);
  const result = importVerisFiles(files, context);

  it('reads all 30 files: 29 incidents, and the second record of one incident (same plus.master_id) skipped as a duplicate', () => {
    expect(files).toHaveLength(30);
    expect(result.incidents).toHaveLength(29);
    expect(result.skipped).toEqual([
      {
        sourceKey: '001A011B-8C28-46B9-BA86-186C18213E1A.json',
        reason: 'Skipped: the same incident as 00163384-B4D7-46D5-9E6F-543DFB00F598.json (plus.master_id 00163384-b4d7-46d5-9e6f-543dfb00f598)',
      },
    ]);
  });

  // Expected counts were worked out separately from the raw files (a short Python script over
  // timeline.incident, action varieties and data_disclosure), not from this importer's output.
  it('gives the independently computed counts by year, category and priority', () => {
    expect(countBy(result.incidents, ({ incident }) => incident.reportedAt.slice(0, 4))).toEqual({
      '2010': 2, '2011': 1, '2012': 3, '2014': 3, '2015': 2, '2016': 4, '2017': 3, '2018': 2, '2019': 2, '2020': 1, '2023': 4, '2024': 2,
    });
    expect(countBy(result.incidents, ({ incident }) => incident.category)).toEqual({
      data_breach: 12, insider_misuse: 3, lost_or_stolen_device: 5, malware: 1, other: 2, ransomware: 5, vulnerability_exploitation: 1,
    });
    expect(countBy(result.incidents, ({ incident }) => incident.priority)).toEqual({ P3: 18, P4: 11 });
    expect(countBy(result.incidents, ({ incident }) => incident.datePrecision)).toEqual({ year: 8, month: 9, day: 12 });
  });

  it('produces valid, imported, closed records that never invent a day', () => {
    for (const { incident, timeline } of result.incidents) {
      expect(incidentSchema.safeParse(incident).success).toBe(true);
      expect(timeline.every((entry) => timelineEntrySchema.safeParse(entry).success)).toBe(true);
      expect(incident).toMatchObject({ mode: 'imported', source: 'import', kind: 'security', stage: 'closed', closedAt: null, resolvedAt: null });
      if (incident.datePrecision === 'year') expect(incident.reportedAt.slice(4)).toBe('-01-01T00:00:00.000Z');
      if (incident.datePrecision === 'month') expect(incident.reportedAt.slice(7)).toBe('-01T00:00:00.000Z');
      if (incident.datePrecision !== 'day') expect(incident.startedAt).toBeNull();
    }
    expect(result.warnings).toEqual([
      '17 records give only a month or a year: they appear in monthly and quarterly charts, not by day or week.',
      '2 discovery or containment times given in months or years were kept in the description, not turned into dates.',
      'VERIS records have no close time: they count in volumes, not in backlog or time to resolve.',
    ]);
  });

  it('gives the same ids on a second import, so re-importing adds nothing new', () => {
    const again = importVerisFiles(files, { ...context, nowIso: '2027-01-01T00:00:00.000Z' });
    expect(again.incidents.map(({ incident }) => incident.id)).toEqual(result.incidents.map(({ incident }) => incident.id));
    expect(new Set(result.incidents.map(({ incident }) => incident.reference)).size).toBe(29);
  });
});

describe('importVerisFiles on our own records', () => {
  const result = importVerisFiles(readFolder(ownFolder), context);
  const byName = (fragment: string) => result.incidents.find(({ incident }) => incident.description.includes(fragment))!.incident;

  it('sets detection and containment from exact durations when the day is known', () => {
    expect(byName('phishing-with-times.json')).toMatchObject({
      id: importedIncidentId('VERIS', '6f1d2a44-1c0e-4b8e-9a51-0d2f6e7b9c01'),
      category: 'phishing',
      datePrecision: 'day',
      startedAt: '2025-03-14T00:00:00.000Z',
      detectedAt: '2025-03-14T06:00:00.000Z',
      reportedAt: '2025-03-14T06:00:00.000Z',
      containedAt: '2025-03-15T06:00:00.000Z',
      impact: 'medium',
      priority: 'P4',
      title: 'Finance clerk entered mailbox credentials on a fake invoice portal.',
      affectedServices: 'S - Mail, P - Finance',
    });
  });

  it('lets a discovery cross into the next year, keeps a rough containment in the text only, and marks personal data', () => {
    const incident = byName('credential-stuffing-new-year.json');
    expect(incident).toMatchObject({ category: 'account_compromise', reportedAt: '2025-01-03T00:00:00.000Z', containedAt: null, priority: 'P3', hasPersonalData: true });
    expect(incident.title).toBe('Account compromise at Example Retail (2024-12-31)');
    expect(incident.description).toContain('Contained after about 2 months (too rough to set a containment time).');
  });

  it('cancels a false positive and keeps a month-only date at the first of the month', () => {
    expect(byName('ddos-false-positive.json')).toMatchObject({
      category: 'denial_of_service',
      stage: 'cancelled',
      cancelReason: 'false_positive',
      datePrecision: 'month',
      reportedAt: '2025-11-01T00:00:00.000Z',
      startedAt: null,
    });
  });

  it('skips a record without a year and a broken file, each with its reason', () => {
    expect(result.incidents).toHaveLength(3);
    expect(result.skipped).toEqual([
      { sourceKey: 'no-year.json', reason: 'Skipped: timeline.incident.year is missing or not a year between 1970 and 2100' },
      { sourceKey: 'not-json.json', reason: expect.stringMatching(/^Skipped: not valid JSON \(/) },
    ]);
  });
});

describe('categoryOfVerisActions', () => {
  it('prefers the most specific response', () => {
    expect(categoryOfVerisActions({ malware: ['Ransomware'], hacking: ['Exploit vuln'] }, true)).toBe('ransomware');
    expect(categoryOfVerisActions({ hacking: ['DoS'] }, false)).toBe('denial_of_service');
    expect(categoryOfVerisActions({ social: ['Phishing'], hacking: ['Use of stolen creds'] }, true)).toBe('phishing');
    expect(categoryOfVerisActions({ misuse: ['Privilege abuse'], physical: ['Theft'] }, true)).toBe('insider_misuse');
    expect(categoryOfVerisActions({ error: ['Misdelivery'] }, true)).toBe('data_breach');
    expect(categoryOfVerisActions({ error: ['Misdelivery'] }, false)).toBe('other');
    expect(categoryOfVerisActions({ environmental: ['Flood'] }, false)).toBe('other');
  });
});
