import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { incidentSchema } from '../../../../shared/domain/incident';
import { defaultPriorityMatrix } from '../../../../shared/domain/priority';
import type { HistoryImport, HistoryImportContext, ImportedIncident } from '../../../../shared/formats/incidentHistory';
import {
  guessServiceNowMapping,
  headerSignature,
  importServiceNowTable,
  parseServiceNowTimestamp,
  readCsvTable,
  type ServiceNowCsvTable,
  type ServiceNowMapping,
} from '../../../../shared/formats/serviceNowCsv';
import { fixedNowIso } from '../fixtures';

const repoRoot = fileURLToPath(new URL('../../../../', import.meta.url));
/** 5,998 audit rows of 890 incidents from the UCI event log, kept outside the repository. */
const auditLogPath = resolve(repoRoot, '../shared/fixtures/servicenow/incident_event_log_subset.csv');
if (!existsSync(auditLogPath)) throw new Error(`The ServiceNow sample is expected at ${auditLogPath}`);

const context: HistoryImportContext = { nowIso: fixedNowIso, matrix: defaultPriorityMatrix, importedBy: { id: 'person-lead', name: 'Lee Lead' }, deviceId: 'device-test' };

function tableOf(text: string): ServiceNowCsvTable {
  const parsed = readCsvTable(text);
  if (!parsed.ok) throw new Error(parsed.error);
  return parsed.table;
}

function imported(result: HistoryImport | { error: string }): HistoryImport {
  if ('error' in result) throw new Error(result.error);
  return result;
}

function countBy(incidents: readonly ImportedIncident[], key: (imported: ImportedIncident) => string): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const item of incidents) counts[key(item)] = (counts[key(item)] ?? 0) + 1;
  return counts;
}

describe('the ServiceNow audit log sample', () => {
  const table = tableOf(readFileSync(auditLogPath, 'utf8'));
  const guessed = guessServiceNowMapping(table, 'UTC');
  const mapping: ServiceNowMapping = { ...guessed, categories: { 'Category 45': 'software', 'Category 53': 'network', 'Category 26': 'hardware' } };
  const result = imported(importServiceNowTable(table, mapping, context));

  it('guesses ServiceNow column names and the day-month order from the values', () => {
    expect(table.rows).toHaveLength(5998);
    expect(guessed).toMatchObject({ dateOrder: 'day-month-year', kind: 'service' });
    expect(guessed.columns).toMatchObject({ number: 'number', openedAt: 'opened_at', state: 'incident_state', modCount: 'sys_mod_count', updatedAt: 'sys_updated_at', shortDescription: null });
  });

  // Expected counts were worked out separately with a short Python script over the raw CSV
  // (grouping by number, the last row by sys_mod_count), not from this importer's output.
  it('reads 890 incidents with the independently computed counts by year, month, category, priority and stage', () => {
    expect(result.incidents).toHaveLength(890);
    expect(result.skipped).toEqual([]);
    expect(countBy(result.incidents, ({ incident }) => incident.reportedAt.slice(0, 4))).toEqual({ '2016': 890 });
    expect(countBy(result.incidents, ({ incident }) => incident.reportedAt.slice(0, 7))).toEqual({ '2016-02': 207, '2016-03': 683 });
    expect(countBy(result.incidents, ({ incident }) => incident.category)).toEqual({ hardware: 62, network: 166, other: 458, software: 204 });
    expect(countBy(result.incidents, ({ incident }) => incident.priority)).toEqual({ P1: 15, P2: 33, P3: 757, P4: 85 });
    expect(countBy(result.incidents, ({ incident }) => incident.stage)).toEqual({ closed: 890 });
    expect(result.incidents.filter(({ incident }) => incident.reopenCount > 0)).toHaveLength(10);
    expect(result.incidents.every(({ incident }) => incidentSchema.safeParse(incident).success)).toBe(true);
  });

  it('derives acknowledgement, holds and resolution from the update rows (INC0000047, checked by hand)', () => {
    const incident = result.incidents.find((item) => item.sourceKey === 'INC0000047')!.incident;
    expect(incident).toMatchObject({
      reference: 'INC0000047',
      mode: 'imported',
      reportedAt: '2016-02-29T04:40:00.000Z',
      acknowledgedAt: '2016-02-29T05:30:00.000Z',
      resolvedAt: '2016-03-01T09:52:00.000Z',
      closedAt: '2016-03-06T10:00:00.000Z',
      holdIntervals: [{ from: '2016-03-01T09:14:00.000Z', to: '2016-03-01T09:52:00.000Z', reason: 'Awaiting User Info (from ServiceNow)' }],
      priority: 'P3',
      priorityOverride: null,
      routedTeam: { id: 'servicenow:Group 24', name: 'Group 24' },
      assignee: { id: 'servicenow:Resolver 89', name: 'Resolver 89' },
      category: 'other',
    });
    expect(result.warnings).toContain('28 ServiceNow categories had no mapping and became "Other".');
  });

  it('gives the same ids on a second import, so re-importing adds nothing new', () => {
    const again = imported(importServiceNowTable(table, mapping, { ...context, nowIso: '2027-01-01T00:00:00.000Z' }));
    expect(again.incidents.map(({ incident }) => incident.id)).toEqual(result.incidents.map(({ incident }) => incident.id));
  });

  it('reads the timestamps in the mapping’s time zone', () => {
    const inNewYork = imported(importServiceNowTable(table, { ...mapping, timeZone: 'America/New_York' }, context));
    expect(inNewYork.incidents.find((item) => item.sourceKey === 'INC0000047')!.incident.reportedAt).toBe('2016-02-29T09:40:00.000Z');
  });
});

describe('one row per incident, and bad rows', () => {
  const csv = [
    'number,short_description,state,opened,resolved,closed,priority,impact,urgency,category,assignment_group',
    'INC100,"Mail relay down, queue growing",Closed,2026-03-29 00:30:00,2026-03-29 03:10:00,2026-03-30 09:00:00,1 - Critical,1 - High,2 - Medium,Network,Messaging',
    'INC101,VPN slow,In Progress,2026-03-28 23:00:00,,,4 - Low,3 - Low,3 - Low,Network,',
    ',no number,New,2026-03-28 10:00:00,,,3 - Moderate,2 - Medium,2 - Medium,Software,',
    'INC102,Printer,New,31-31-2026 10:00,,,3 - Moderate,2 - Medium,2 - Medium,Hardware,',
  ].join('\n');
  const table = tableOf(csv);
  const mapping: ServiceNowMapping = { ...guessServiceNowMapping(table, 'Europe/London'), categories: { Network: 'network' } };
  const result = imported(importServiceNowTable(table, mapping, context));

  it('maps a list export, keeps a priority the matrix would not give as an override, and crosses the spring-forward night in London', () => {
    expect(mapping.dateOrder).toBe('year-month-day');
    const mail = result.incidents.find((item) => item.sourceKey === 'INC100')!.incident;
    expect(mail).toMatchObject({
      title: 'Mail relay down, queue growing',
      category: 'network',
      // 00:30 GMT, then 03:10 BST (02:10Z): clocks went forward at 01:00 GMT on 29 March 2026.
      reportedAt: '2026-03-29T00:30:00.000Z',
      resolvedAt: '2026-03-29T02:10:00.000Z',
      closedAt: '2026-03-30T08:00:00.000Z',
      acknowledgedAt: null,
      priority: 'P1',
      priorityOverride: { priority: 'P1', justification: 'Priority as recorded in ServiceNow' },
      stage: 'closed',
    });
    expect(result.incidents.find((item) => item.sourceKey === 'INC101')!.incident).toMatchObject({ stage: 'in_progress', resolvedAt: null, routedTeam: null, priority: 'P4', priorityOverride: { priority: 'P4' } });
  });

  it('skips a row without a number and an unreadable date, each with its row and reason', () => {
    expect(result.incidents).toHaveLength(2);
    expect(result.skipped).toEqual([
      { sourceKey: 'Row 4', reason: 'Skipped: no incident number' },
      { sourceKey: 'INC102', reason: 'Skipped: Row 5: "31-31-2026 10:00" in opened is not a date in year-month-day order' },
    ]);
    expect(result.warnings).toContain('One row per incident: acknowledgement times and holds are not in this kind of export, so time to acknowledge is left out.');
  });

  it('refuses a mapping that names a column the file lacks, or leaves out the required ones', () => {
    expect(importServiceNowTable(table, { ...mapping, columns: { ...mapping.columns, category: 'u_category' } }, context)).toEqual({ error: 'The file has no column named "u_category"' });
    expect(importServiceNowTable(table, { ...mapping, columns: { ...mapping.columns, openedAt: null } }, context)).toEqual({ error: 'Choose the column that holds when the incident was opened' });
    expect(importServiceNowTable(table, { ...mapping, timeZone: 'Mars/Olympus' }, context)).toEqual({ error: 'Choose a time zone such as Europe/London or UTC' });
  });
});

describe('parsing', () => {
  it('reads each date order and refuses impossible dates', () => {
    expect(parseServiceNowTimestamp('29-02-2016 01:16', 'day-month-year', 'UTC')).toBe('2016-02-29T01:16:00.000Z');
    expect(parseServiceNowTimestamp('02/29/2016 1:16:05', 'month-day-year', 'UTC')).toBe('2016-02-29T01:16:05.000Z');
    expect(parseServiceNowTimestamp('2016-02-29', 'year-month-day', 'UTC')).toBe('2016-02-29T00:00:00.000Z');
    expect(parseServiceNowTimestamp('29-02-2015 01:16', 'day-month-year', 'UTC')).toBeNull();
    expect(parseServiceNowTimestamp('yesterday', 'day-month-year', 'UTC')).toBeNull();
  });

  it('refuses a file without a header row or with a broken quote', () => {
    expect(readCsvTable('')).toEqual({ ok: false, error: 'The file has no header row with column names.' });
    expect(readCsvTable('number,opened_at\n"INC1,01-01-2016 10:00\n')).toMatchObject({ ok: false });
  });

  it('remembers a mapping by its headers in any order', () => {
    expect(headerSignature(['Number', 'opened_at'])).toBe(headerSignature(['opened_at', 'number']));
  });
});
