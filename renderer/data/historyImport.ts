/**
 * Importing incident history (VERIS records, ServiceNow CSV exports) in two steps: a plan that
 * says what is new, what was imported before and what cannot be read, shown as a preview; then the
 * write, in chunks with progress. Ids come from the source's own keys, so an import run twice, or
 * on two devices, never makes a second copy; a record edited here since its import is left alone.
 */
import type { HistoryImport, HistoryImportContext, ImportedIncident, SkippedRecord } from '../../shared/formats/incidentHistory';
import { importServiceNowTable, serviceNowMappingSchema, type ServiceNowCsvTable, type ServiceNowMapping } from '../../shared/formats/serviceNowCsv';
import { importVerisFiles } from '../../shared/formats/veris';
import { commandFailed, type CommandResult, type DataEnvironment } from './dataEnvironment';
import { addIncidents } from './incidentStore';
import { readProfile, toPersonRef } from './profile';
import { readSetting } from './settingsData';
import { ensureDevice, runWriteCommand } from './writeTransaction';

export type HistoryImportPlan = {
  /** Records not on this device yet: what the import will add. */
  toAdd: ImportedIncident[];
  /** Records whose id is already here (imported before, perhaps edited since): left as they are. */
  alreadyImported: ImportedIncident[];
  skipped: SkippedRecord[];
  warnings: string[];
};

export type HistoryImportProgress = { written: number; total: number };
export type HistoryImportOutcome = { added: number; alreadyImported: number; skipped: number; cancelled: boolean };

const chunkSize = 1000;
const historyImportingRoles: readonly string[] = ['responder', 'lead', 'admin'];

async function importContext(environment: DataEnvironment): Promise<CommandResult<HistoryImportContext>> {
  const profile = await readProfile(environment);
  if (!profile) return commandFailed('Set up your profile before importing history');
  // Trainers write exercise incidents only and viewers nothing: history is real incident data.
  if (!historyImportingRoles.includes(profile.role)) return commandFailed('Only responders, leads and administrators import incident history');
  const device = await ensureDevice(environment);
  const matrix = await readSetting(environment, 'priorityMatrix');
  return {
    ok: true,
    value: { nowIso: new Date(environment.nowMs()).toISOString(), matrix, importedBy: toPersonRef(profile), deviceId: device.deviceId },
  };
}

async function planFrom(environment: DataEnvironment, parsed: HistoryImport): Promise<HistoryImportPlan> {
  const ids = parsed.incidents.map(({ incident }) => incident.id);
  const present = new Set(await environment.db.incidents.where('id').anyOf(ids).primaryKeys());
  return {
    toAdd: parsed.incidents.filter(({ incident }) => !present.has(incident.id)),
    alreadyImported: parsed.incidents.filter(({ incident }) => present.has(incident.id)),
    skipped: parsed.skipped,
    warnings: parsed.warnings,
  };
}

/** Reads VERIS JSON files (one record each) and plans their import. */
export async function planVerisImport(environment: DataEnvironment, files: readonly { name: string; text: string }[]): Promise<CommandResult<HistoryImportPlan>> {
  if (files.length === 0) return commandFailed('Choose one or more VERIS JSON files', 'file');
  const context = await importContext(environment);
  if (!context.ok) return context;
  return { ok: true, value: await planFrom(environment, importVerisFiles(files, context.value)) };
}

/** Plans the import of a ServiceNow CSV table with the mapping the user confirmed. */
export async function planServiceNowImport(environment: DataEnvironment, table: ServiceNowCsvTable, mapping: ServiceNowMapping): Promise<CommandResult<HistoryImportPlan>> {
  const context = await importContext(environment);
  if (!context.ok) return context;
  const parsed = importServiceNowTable(table, mapping, context.value);
  if ('error' in parsed) return commandFailed(parsed.error, 'mapping');
  return { ok: true, value: await planFrom(environment, parsed) };
}

/**
 * Writes the plan's new records, a chunk per transaction, recorded for sync like any incident so
 * the whole team sees the same history. Cancelling keeps the chunks already written; running the
 * same import again adds the rest.
 */
export async function commitHistoryImport(
  environment: DataEnvironment,
  plan: HistoryImportPlan,
  onProgress: (progress: HistoryImportProgress) => void = () => {},
  signal?: AbortSignal,
): Promise<CommandResult<HistoryImportOutcome>> {
  const context = await importContext(environment);
  if (!context.ok) return context;
  const { db } = environment;
  const total = plan.toAdd.length;
  let added = 0;
  let foundMeanwhile = 0;
  for (let start = 0; start < total; start += chunkSize) {
    if (signal?.aborted) return { ok: true, value: { added, alreadyImported: plan.alreadyImported.length + foundMeanwhile, skipped: plan.skipped.length, cancelled: true } };
    const chunk = plan.toAdd.slice(start, start + chunkSize);
    const written = await runWriteCommand(environment, [db.incidents, db.timelineEntries], async (recorder) => {
      // Another window or a sync may have brought some of them since the preview.
      const present = new Set(await db.incidents.where('id').anyOf(chunk.map(({ incident }) => incident.id)).primaryKeys());
      const fresh = chunk.filter(({ incident }) => !present.has(incident.id));
      await addIncidents(db, fresh.map(({ incident }) => recorder.stampNew('incidents', incident.id, incident)));
      await db.timelineEntries.bulkAdd(fresh.flatMap(({ timeline }) => timeline.map((entry) => recorder.stampNew('timelineEntries', entry.id, entry))));
      return fresh.length;
    });
    added += written;
    foundMeanwhile += chunk.length - written;
    onProgress({ written: Math.min(total, start + chunk.length), total });
  }
  return { ok: true, value: { added, alreadyImported: plan.alreadyImported.length + foundMeanwhile, skipped: plan.skipped.length, cancelled: false } };
}

/** Mappings remembered per set of CSV headers, on this device. */
export async function readRememberedMapping(environment: DataEnvironment, signature: string): Promise<ServiceNowMapping | null> {
  const row = await environment.db.meta.get('importMappings');
  const stored = row && row.key === 'importMappings' ? row.serviceNow[signature] : undefined;
  const parsed = serviceNowMappingSchema.safeParse(stored);
  return parsed.success ? parsed.data : null;
}

export async function rememberMapping(environment: DataEnvironment, signature: string, mapping: ServiceNowMapping): Promise<void> {
  const { db } = environment;
  await db.transaction('rw', db.meta, async () => {
    const row = await db.meta.get('importMappings');
    const serviceNow = row && row.key === 'importMappings' ? row.serviceNow : {};
    await db.meta.put({ key: 'importMappings', serviceNow: { ...serviceNow, [signature]: mapping } });
  });
}
