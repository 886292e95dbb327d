/**
 * Commands that change the exercise scenario library: seed the starters, create, edit (a new
 * version of the lineage), delete (tombstones), and import our scenario file or an MSEL CSV.
 * Each checks the role (renderer/data/exerciseAccess.ts), validates with the domain
 * (shared/domain/exerciseScenario.ts) and writes in one runWriteCommand, so rows and outbox
 * entries commit together. Runs keep the version they were made from, so edits never change a
 * run already played or being played.
 */
import { validateScenario, scenarioHeaderSchema, type Scenario, type ScenarioHeader } from '../../shared/domain/exerciseScenario';
import { scenarioOfRecord, starterScenarioRecords, starterScenarioStamps, type ScenarioRecord } from '../../shared/domain/exerciseRecords';
import { missingStarterScenarios } from '../../shared/domain/starterScenarios';
import { zodErrorsToFieldErrors } from '../../shared/domain/incident';
import { importMselCsv } from '../../shared/formats/mselCsv';
import { parseScenarioFile } from '../../shared/formats/scenarioJson';
import type { StoredExerciseScenario } from '../db/database';
import { commandFailed, type CommandResult, type DataEnvironment } from './dataEnvironment';
import { readScenarioAuthor } from './exerciseAccess';
import { runWriteCommand } from './writeTransaction';

const missingScenario = 'That scenario no longer exists on this device (it may have been deleted on another device).';

/** What the scenario editor collects: a whole scenario but its identity and version. */
export type ScenarioInput = Omit<Scenario, 'id' | 'lineageId' | 'version'>;

export function scenarioRecordOf(row: StoredExerciseScenario): ScenarioRecord {
  const { fieldStamps: _stamps, localSeq: _seq, ...record } = row;
  return record;
}

async function readLineage(environment: DataEnvironment, lineageId: string): Promise<StoredExerciseScenario[]> {
  return environment.db.exerciseScenarios.where('lineageId').equals(lineageId).toArray();
}

/** Starts a new scenario as version 1 of a new lineage. */
export async function createScenario(environment: DataEnvironment, input: ScenarioInput): Promise<CommandResult<ScenarioRecord>> {
  const author = await readScenarioAuthor(environment);
  if (!author.ok) return author;
  const { db } = environment;
  const id = environment.newId();
  const validated = validateScenario({ ...input, id, lineageId: id, version: 1 });
  if (!validated.ok) return validated;
  return runWriteCommand(environment, [db.exerciseScenarios], async (recorder): Promise<CommandResult<ScenarioRecord>> => {
    const record: ScenarioRecord = { ...validated.value, updatedAt: recorder.nowIso, deletedAt: null };
    await db.exerciseScenarios.add(recorder.stampNew('exerciseScenarios', id, record));
    return { ok: true, value: record };
  });
}

/**
 * Edits a scenario: the edit becomes the next version of its lineage (a new row), so the version
 * a run was made from stays as it was. Editing a starter makes the team's own version of it.
 * Only the newest version can be edited, so an edit never forks the lineage on one device.
 */
export async function editScenario(environment: DataEnvironment, scenarioId: string, input: ScenarioInput): Promise<CommandResult<ScenarioRecord>> {
  const author = await readScenarioAuthor(environment);
  if (!author.ok) return author;
  const { db } = environment;
  const newId = environment.newId();
  return runWriteCommand(environment, [db.exerciseScenarios], async (recorder): Promise<CommandResult<ScenarioRecord>> => {
    const existing = await db.exerciseScenarios.get(scenarioId);
    if (!existing || existing.deletedAt !== null) return commandFailed(missingScenario);
    const lineage = (await readLineage(environment, existing.lineageId)).filter((row) => row.deletedAt === null);
    const newest = Math.max(...lineage.map((row) => row.version));
    if (existing.version < newest) return commandFailed(`Version ${newest} of this scenario exists; edit that one instead.`);
    const validated = validateScenario({ ...input, id: newId, lineageId: existing.lineageId, version: newest + 1 });
    if (!validated.ok) return validated;
    const record: ScenarioRecord = { ...validated.value, updatedAt: recorder.nowIso, deletedAt: null };
    await db.exerciseScenarios.add(recorder.stampNew('exerciseScenarios', newId, record));
    return { ok: true, value: record };
  });
}

/** Deletes a scenario, every version of it (tombstones, so sync spreads it). Runs made from it keep their copy. */
export async function deleteScenario(environment: DataEnvironment, scenarioId: string): Promise<CommandResult<ScenarioRecord>> {
  const author = await readScenarioAuthor(environment);
  if (!author.ok) return author;
  const { db } = environment;
  return runWriteCommand(environment, [db.exerciseScenarios], async (recorder): Promise<CommandResult<ScenarioRecord>> => {
    const existing = await db.exerciseScenarios.get(scenarioId);
    if (!existing || existing.deletedAt !== null) return commandFailed(missingScenario);
    for (const row of await readLineage(environment, existing.lineageId)) {
      if (row.deletedAt !== null) continue;
      await db.exerciseScenarios.put(recorder.stampPatch('exerciseScenarios', row.id, row, { deletedAt: recorder.nowIso, updatedAt: recorder.nowIso }, 'delete'));
    }
    return { ok: true, value: { ...scenarioRecordOf(existing), deletedAt: recorder.nowIso, updatedAt: recorder.nowIso } };
  });
}

/**
 * Imports a Firebreak scenario file, all or nothing. Each scenario becomes a new scenario here
 * (a new id and lineage, version 1), as playbooks do: the file's ids may already mean something
 * else in this team.
 */
export async function importScenarioFile(environment: DataEnvironment, text: string): Promise<CommandResult<ScenarioRecord[]>> {
  const author = await readScenarioAuthor(environment, 'file');
  if (!author.ok) return author;
  const parsed = parseScenarioFile(text);
  if (!parsed.ok) return commandFailed(parsed.error, 'file');
  const { db } = environment;
  const ids = parsed.scenarios.map(() => environment.newId());
  return runWriteCommand(environment, [db.exerciseScenarios], async (recorder): Promise<CommandResult<ScenarioRecord[]>> => {
    const records: ScenarioRecord[] = [];
    for (const [index, scenario] of parsed.scenarios.entries()) {
      const id = ids[index]!;
      const record: ScenarioRecord = { ...scenario, id, lineageId: id, version: 1, updatedAt: recorder.nowIso, deletedAt: null };
      await db.exerciseScenarios.add(recorder.stampNew('exerciseScenarios', id, record));
      records.push(record);
    }
    return { ok: true, value: records };
  });
}

/**
 * What an MSEL import needs besides the CSV: the scenario's header. With `scenarioId`, the CSV
 * becomes the next version of that scenario (inject and action ids kept where MSEL numbers
 * match); without, a new scenario.
 */
export type MselHeaderInput = Omit<ScenarioHeader, 'id' | 'lineageId' | 'version'> & { scenarioId?: string | null };

/**
 * Imports a master scenario events list from CSV. On any problem nothing is written and every
 * problem comes back, one line per row, under `file`; header problems come back by field.
 */
export async function importMselFile(environment: DataEnvironment, text: string, header: MselHeaderInput): Promise<CommandResult<ScenarioRecord>> {
  const author = await readScenarioAuthor(environment, 'file');
  if (!author.ok) return author;
  const { db } = environment;
  const { scenarioId = null, ...headerFields } = header;
  const newId = environment.newId();
  return runWriteCommand(environment, [db.exerciseScenarios], async (recorder): Promise<CommandResult<ScenarioRecord>> => {
    let lineageId = newId;
    let version = 1;
    let previous: Scenario | undefined;
    if (scenarioId !== null) {
      const existing = await db.exerciseScenarios.get(scenarioId);
      if (!existing || existing.deletedAt !== null) return commandFailed(missingScenario, 'file');
      const lineage = (await readLineage(environment, existing.lineageId)).filter((row) => row.deletedAt === null);
      const newest = lineage.reduce((best, row) => (row.version > best.version ? row : best), existing);
      lineageId = existing.lineageId;
      version = newest.version + 1;
      previous = scenarioOfRecord(scenarioRecordOf(newest));
    }
    const parsedHeader = scenarioHeaderSchema.safeParse({ ...headerFields, id: newId, lineageId, version });
    if (!parsedHeader.success) return { ok: false, errors: zodErrorsToFieldErrors(parsedHeader.error) };
    const imported = importMselCsv(text, { scenario: parsedHeader.data, ...(previous ? { previous } : {}) });
    if (!imported.ok) return commandFailed(imported.errors.join('\n'), 'file');
    const record: ScenarioRecord = { ...imported.scenario, updatedAt: recorder.nowIso, deletedAt: null };
    await db.exerciseScenarios.add(recorder.stampNew('exerciseScenarios', newId, record));
    return { ok: true, value: record };
  });
}

/**
 * Adds the starter scenarios this device has never seen; running it again adds nothing. Local
 * only, with the starters' fixed ids and a fixed stamp, exactly as seedStarterPlaybooks does (see
 * there why seeding can never overwrite a team's work). Open to every role: shipped content.
 */
export async function seedStarterScenarios(environment: DataEnvironment): Promise<ScenarioRecord[]> {
  const { db } = environment;
  if (missingStarterScenarios(await db.exerciseScenarios.toArray()).length === 0) return [];
  return runWriteCommand(environment, [db.exerciseScenarios], async (recorder): Promise<ScenarioRecord[]> => {
    const missing = new Set(missingStarterScenarios(await db.exerciseScenarios.toArray()).map((scenario) => scenario.id));
    const records = starterScenarioRecords.filter((record) => missing.has(record.id));
    if (records.length === 0) return [];
    recorder.keepLocal();
    await db.exerciseScenarios.bulkAdd(records.map((record): StoredExerciseScenario => ({ ...recorder.stampLocalOnly(record), fieldStamps: starterScenarioStamps(record) })));
    return records;
  });
}
