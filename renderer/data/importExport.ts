/**
 * Export every local record to a Firebreak JSON file, and import such a file back. Import merges
 * field by field by change stamp, so importing an old backup never overwrites newer work, and
 * importing the same file twice changes nothing the second time.
 */
import { compareHlcStamps } from '../../shared/domain/hlc';
import { exportFileSchema, exportFormatName, exportFormatVersion, parseExportFile, type ExportFile } from '../../shared/formats/firebreakExport';
import { findStarterScenarioRecord, starterScenarioStamps } from '../../shared/domain/exerciseRecords';
import { findStarterPlaybook, starterPlaybookStamps } from '../../shared/domain/starterPlaybooks';
import { mergeStampedRows, type StampedRow } from '../../shared/sync/merge';
import type { SyncedTable } from '../../shared/sync/mutation';
import type { SyncColumns } from '../db/database';
import type { DataEnvironment } from './dataEnvironment';
import { saveIncident } from './incidentStore';
import { ClockAheadError, ensureDevice, runWriteCommand } from './writeTransaction';

function splitSyncColumns<T extends SyncColumns>(row: T): { record: Omit<T, keyof SyncColumns>; fieldStamps: T['fieldStamps'] } {
  const { fieldStamps, localSeq: _localSeq, ...record } = row;
  return { record, fieldStamps };
}

export async function exportAllData(environment: DataEnvironment): Promise<ExportFile> {
  const { db } = environment;
  const device = await ensureDevice(environment);
  const tables = [db.incidents, db.timelineEntries, db.tasks, db.settings, db.responderTeams, db.playbooks, db.exerciseScenarios, db.exerciseRuns, db.exerciseRunEvents, db.exerciseRecords];
  return db.transaction('r', tables, async () => {
    const [incidents, timelineEntries, tasks, settings, responderTeams, playbooks, exerciseScenarios, exerciseRuns, exerciseRunEvents, exerciseRecords] = await Promise.all([
      db.incidents.toArray(),
      db.timelineEntries.toArray(),
      db.tasks.toArray(),
      db.settings.toArray(),
      db.responderTeams.toArray(),
      db.playbooks.toArray(),
      db.exerciseScenarios.toArray(),
      db.exerciseRuns.toArray(),
      db.exerciseRunEvents.toArray(),
      db.exerciseRecords.toArray(),
    ]);
    const file = {
      format: exportFormatName,
      formatVersion: exportFormatVersion,
      exportedAt: new Date(environment.nowMs()).toISOString(),
      deviceId: device.deviceId,
      incidents: incidents.map(splitSyncColumns),
      timelineEntries: timelineEntries.map((row) => splitSyncColumns(row).record),
      tasks: tasks.map(splitSyncColumns),
      settings: settings.map(splitSyncColumns),
      responderTeams: responderTeams.map(splitSyncColumns),
      playbooks: playbooks.map(splitSyncColumns),
      exerciseScenarios: exerciseScenarios.map(splitSyncColumns),
      exerciseRuns: exerciseRuns.map(splitSyncColumns),
      exerciseRunEvents: exerciseRunEvents.map((row) => splitSyncColumns(row).record),
      exerciseRecords: exerciseRecords.map(splitSyncColumns),
    };
    return file as ExportFile;
  });
}

export function exportFileName(nowMs: number): string {
  return `firebreak-export-${new Date(nowMs).toISOString().slice(0, 19).replace(/[:T]/g, '-')}.json`;
}

export type ImportSummary = {
  incidentsAdded: number;
  incidentsUpdated: number;
  timelineEntriesAdded: number;
  tasksAdded: number;
  tasksUpdated: number;
  settingsUpdated: number;
  teamsAdded: number;
  teamsUpdated: number;
  /** Playbook version records: each version of a playbook is its own record. */
  playbooksAdded: number;
  playbooksUpdated: number;
  /** Exercise scenario version records, runs, clock events and per-run records. */
  exerciseScenariosAdded: number;
  exerciseScenariosUpdated: number;
  exerciseRunsAdded: number;
  exerciseRunsUpdated: number;
  exerciseRunEventsAdded: number;
  exerciseRecordsAdded: number;
  exerciseRecordsUpdated: number;
};

export type ImportResult = { ok: true; summary: ImportSummary } | { ok: false; error: string };

function newestStamp(file: ExportFile): string | undefined {
  let newest: string | undefined;
  const visit = (stamps: Record<string, string>) => {
    for (const stamp of Object.values(stamps)) if (!newest || compareHlcStamps(stamp, newest) > 0) newest = stamp;
  };
  file.incidents.forEach((row) => visit(row.fieldStamps));
  file.tasks.forEach((row) => visit(row.fieldStamps));
  file.settings.forEach((row) => visit(row.fieldStamps));
  file.responderTeams.forEach((row) => visit(row.fieldStamps));
  file.playbooks.forEach((row) => visit(row.fieldStamps));
  file.exerciseScenarios.forEach((row) => visit(row.fieldStamps));
  file.exerciseRuns.forEach((row) => visit(row.fieldStamps));
  file.exerciseRecords.forEach((row) => visit(row.fieldStamps));
  return newest;
}

/** A summary with nothing counted yet; an import adds to it as it goes. */
export function emptyImportSummary(): ImportSummary {
  return {
    incidentsAdded: 0,
    incidentsUpdated: 0,
    timelineEntriesAdded: 0,
    tasksAdded: 0,
    tasksUpdated: 0,
    settingsUpdated: 0,
    teamsAdded: 0,
    teamsUpdated: 0,
    playbooksAdded: 0,
    playbooksUpdated: 0,
    exerciseScenariosAdded: 0,
    exerciseScenariosUpdated: 0,
    exerciseRunsAdded: 0,
    exerciseRunsUpdated: 0,
    exerciseRunEventsAdded: 0,
    exerciseRecordsAdded: 0,
    exerciseRecordsUpdated: 0,
  };
}

/** Validates the whole file first; on any problem nothing is written and the error says why. */
export async function importExportText(environment: DataEnvironment, text: string): Promise<ImportResult> {
  const parsed = parseExportFile(text);
  if (!parsed.ok) return parsed;
  const file = exportFileSchema.parse(parsed.file);
  const { db } = environment;
  const summary = emptyImportSummary();
  const observedStamp = newestStamp(file);
  try {
    await runWriteCommand(
      environment,
      [db.incidents, db.timelineEntries, db.tasks, db.settings, db.responderTeams, db.playbooks, db.exerciseScenarios, db.exerciseRuns, db.exerciseRunEvents, db.exerciseRecords],
      async (recorder) => {
        /**
         * Merges one stamped row; says whether it was added, updated, or already up to date.
         * `base` stands in for a missing row that this device would have anyway (a starter
         * playbook as shipped): only the fields that differ from it are queued for sync.
         */
        const mergeRow = async <T extends object>(
          table: SyncedTable,
          rowId: string,
          existing: (T & SyncColumns) | undefined,
          incoming: { record: T; fieldStamps: Record<string, string> },
          save: (row: T & SyncColumns) => Promise<unknown>,
          base?: StampedRow,
        ): Promise<'added' | 'updated' | 'unchanged'> => {
          const local = existing ? { values: splitSyncColumns(existing).record, stamps: existing.fieldStamps } : base;
          const merged = mergeStampedRows(local, { values: incoming.record as Record<string, unknown>, stamps: incoming.fieldStamps });
          if (existing && merged.changedFields.length === 0) return 'unchanged';
          await save(recorder.stampMerged(table, rowId, merged.values as T, merged.stamps, merged.changedFields));
          return existing ? 'updated' : 'added';
        };

        for (const row of file.incidents) {
          const outcome = await mergeRow('incidents', row.record.id, await db.incidents.get(row.record.id), row, (merged) => saveIncident(db, merged));
          if (outcome === 'added') summary.incidentsAdded += 1;
          if (outcome === 'updated') summary.incidentsUpdated += 1;
        }
        const knownEntries = new Set(await db.timelineEntries.where('id').anyOf(file.timelineEntries.map((entry) => entry.id)).primaryKeys());
        for (const entry of file.timelineEntries) {
          // Timeline entries are insert-only: an entry that exists is never replaced.
          if (knownEntries.has(entry.id)) continue;
          await db.timelineEntries.add(recorder.stampNew('timelineEntries', entry.id, entry));
          summary.timelineEntriesAdded += 1;
        }
        for (const row of file.tasks) {
          const outcome = await mergeRow('tasks', row.record.id, await db.tasks.get(row.record.id), row, (merged) => db.tasks.put(merged));
          if (outcome === 'added') summary.tasksAdded += 1;
          if (outcome === 'updated') summary.tasksUpdated += 1;
        }
        for (const row of file.settings) {
          const outcome = await mergeRow('settings', row.record.key, await db.settings.get(row.record.key), row, (merged) => db.settings.put(merged));
          if (outcome !== 'unchanged') summary.settingsUpdated += 1;
        }
        for (const row of file.responderTeams) {
          const outcome = await mergeRow('responderTeams', row.record.id, await db.responderTeams.get(row.record.id), row, (merged) => db.responderTeams.put(merged));
          if (outcome === 'added') summary.teamsAdded += 1;
          if (outcome === 'updated') summary.teamsUpdated += 1;
        }
        for (const row of file.playbooks) {
          // Starters are seeded on every device without being pushed; one in the file merges over
          // the starter as shipped, as sync does, so an untouched starter is not sent to the server.
          const starter = findStarterPlaybook(row.record.id);
          const base = starter ? { values: { ...starter }, stamps: starterPlaybookStamps(starter) } : undefined;
          const outcome = await mergeRow('playbooks', row.record.id, await db.playbooks.get(row.record.id), row, (merged) => db.playbooks.put(merged), base);
          if (outcome === 'added') summary.playbooksAdded += 1;
          if (outcome === 'updated') summary.playbooksUpdated += 1;
        }
        for (const row of file.exerciseScenarios) {
          // Starter scenarios are seeded like starter playbooks, so they merge the same way.
          const starter = findStarterScenarioRecord(row.record.id);
          const base = starter ? { values: { ...starter }, stamps: starterScenarioStamps(starter) } : undefined;
          const outcome = await mergeRow('exerciseScenarios', row.record.id, await db.exerciseScenarios.get(row.record.id), row, (merged) => db.exerciseScenarios.put(merged), base);
          if (outcome === 'added') summary.exerciseScenariosAdded += 1;
          if (outcome === 'updated') summary.exerciseScenariosUpdated += 1;
        }
        for (const row of file.exerciseRuns) {
          const outcome = await mergeRow('exerciseRuns', row.record.id, await db.exerciseRuns.get(row.record.id), row, (merged) => db.exerciseRuns.put(merged));
          if (outcome === 'added') summary.exerciseRunsAdded += 1;
          if (outcome === 'updated') summary.exerciseRunsUpdated += 1;
        }
        const knownEvents = new Set(await db.exerciseRunEvents.where('id').anyOf(file.exerciseRunEvents.map((event) => event.id)).primaryKeys());
        for (const event of file.exerciseRunEvents) {
          // Insert-only, like timeline entries.
          if (knownEvents.has(event.id)) continue;
          knownEvents.add(event.id);
          await db.exerciseRunEvents.add(recorder.stampNew('exerciseRunEvents', event.id, event));
          summary.exerciseRunEventsAdded += 1;
        }
        for (const row of file.exerciseRecords) {
          const outcome = await mergeRow('exerciseRecords', row.record.id, await db.exerciseRecords.get(row.record.id), row, (merged) => db.exerciseRecords.put(merged));
          if (outcome === 'added') summary.exerciseRecordsAdded += 1;
          if (outcome === 'updated') summary.exerciseRecordsUpdated += 1;
        }
      },
      observedStamp ? { observedStamp } : {},
    );
  } catch (error) {
    if (error instanceof ClockAheadError) return { ok: false, error: `${error.message} Nothing was imported.` };
    if (error instanceof Error && error.name === 'ConstraintError') {
      return { ok: false, error: 'The file holds an incident whose reference is already used by a different incident here. Nothing was imported.' };
    }
    throw error;
  }
  return { ok: true, summary };
}
