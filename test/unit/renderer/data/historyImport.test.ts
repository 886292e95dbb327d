/**
 * History import on a real (fake-indexeddb) database: the plan separates new records from ones
 * imported before; the write adds incidents, list rows, timeline entries and outbox entries
 * together; a second run adds nothing; viewers change nothing; mappings are remembered.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  commitHistoryImport,
  planServiceNowImport,
  planVerisImport,
  readRememberedMapping,
  rememberMapping,
  type HistoryImportPlan,
} from '../../../../renderer/data/historyImport';
import { guessServiceNowMapping, headerSignature, readCsvTable } from '../../../../shared/formats/serviceNowCsv';
import { createTestEnvironment, databaseText, saveTestProfile } from '../../../support/dataEnvironment';

// Relative to the repository root, where vitest runs (jsdom gives import.meta.url no file path).
const verisFolder = 'test/fixtures/veris';
const verisFiles = readdirSync(verisFolder)
  .filter((name) => name.endsWith('.json'))
  .sort()
  .map((name) => ({ name, text: readFileSync(join(verisFolder, name), 'utf8') }));

async function device(role: string) {
  const test = createTestEnvironment();
  await saveTestProfile(test.env, { name: 'Lee Lead', initials: 'LL', role });
  return test;
}

function planOf(result: Awaited<ReturnType<typeof planVerisImport>>): HistoryImportPlan {
  if (!result.ok) throw new Error(JSON.stringify(result.errors));
  return result.value;
}

describe('VERIS history import', () => {
  it('previews, writes with progress and outbox entries, and a second import adds nothing', async () => {
    const { env, db } = await device('lead');
    const plan = planOf(await planVerisImport(env, verisFiles));
    expect(plan.toAdd).toHaveLength(3);
    expect(plan.alreadyImported).toHaveLength(0);
    expect(plan.skipped.map((skip) => skip.sourceKey)).toEqual(['no-year.json', 'not-json.json']);

    const progress: number[] = [];
    const outcome = await commitHistoryImport(env, plan, ({ written }) => progress.push(written));
    expect(outcome).toEqual({ ok: true, value: { added: 3, alreadyImported: 0, skipped: 2, cancelled: false } });
    expect(progress).toEqual([3]);
    expect(await db.incidents.count()).toBe(3);
    expect(await db.incidentListRows.count()).toBe(3);
    expect(await db.timelineEntries.count()).toBe(3);
    expect((await db.outbox.toArray()).filter((row) => row.table === 'incidents')).toHaveLength(3);
    expect((await db.incidents.toArray()).every((incident) => incident.mode === 'imported' && incident.source === 'import')).toBe(true);

    const again = planOf(await planVerisImport(env, verisFiles));
    expect(again.toAdd).toHaveLength(0);
    expect(again.alreadyImported).toHaveLength(3);
    expect(await commitHistoryImport(env, again)).toEqual({ ok: true, value: { added: 0, alreadyImported: 3, skipped: 2, cancelled: false } });
    expect(await db.incidents.count()).toBe(3);
  });

  it('refuses viewers and trainers and writes nothing', async () => {
    for (const role of ['viewer', 'trainer']) {
      const { env, db } = await device(role);
      const before = await databaseText(db);
      expect(await planVerisImport(env, verisFiles)).toEqual({ ok: false, errors: { form: 'Only responders, leads and administrators import incident history' } });
      expect(await databaseText(db)).toBe(before);
    }
  });

  it('asks for files when none are chosen', async () => {
    const { env } = await device('lead');
    expect(await planVerisImport(env, [])).toEqual({ ok: false, errors: { file: 'Choose one or more VERIS JSON files' } });
  });
});

describe('ServiceNow history import', () => {
  const csv = 'number,opened_at,incident_state,resolved_at,closed_at,priority,category\nINC1,01-03-2026 09:00,Closed,01-03-2026 10:00,02-03-2026 10:00,2 - High,Network\n';

  it('imports with a confirmed mapping and reports a mapping error under its field', async () => {
    const { env, db } = await device('responder');
    const parsed = readCsvTable(csv);
    if (!parsed.ok) throw new Error(parsed.error);
    const mapping = guessServiceNowMapping(parsed.table, 'UTC');
    const plan = planOf(await planServiceNowImport(env, parsed.table, mapping));
    expect(plan.toAdd.map(({ incident }) => incident.reference)).toEqual(['INC1']);
    await commitHistoryImport(env, plan);
    expect((await db.incidents.toArray())[0]).toMatchObject({ reference: 'INC1', reportedAt: '2026-03-01T09:00:00.000Z', priority: 'P2', stage: 'closed' });

    expect(await planServiceNowImport(env, parsed.table, { ...mapping, columns: { ...mapping.columns, number: null } })).toEqual({
      ok: false,
      errors: { mapping: 'Choose the column that holds the incident number' },
    });
  });

  it('remembers a mapping per set of headers', async () => {
    const { env } = await device('lead');
    const parsed = readCsvTable(csv);
    if (!parsed.ok) throw new Error(parsed.error);
    const signature = headerSignature(parsed.table.headers);
    expect(await readRememberedMapping(env, signature)).toBeNull();
    const mapping = { ...guessServiceNowMapping(parsed.table, 'Europe/London'), categories: { Network: 'network' as const } };
    await rememberMapping(env, signature, mapping);
    expect(await readRememberedMapping(env, signature)).toEqual(mapping);
  });
});
