/**
 * Writes generated sample incidents in chunks, each chunk one transaction, with progress and
 * cancellation. Sample rows are local-only (no outbox entries) so they never reach a team server.
 */
import { generateSampleIncident, sampleDataOptionsSchema, type SampleDataOptions, type SampleIncident } from '../../shared/domain/sampleData';
import { zodErrorsToFieldErrors } from '../../shared/domain/incident';
import { commandFailed, type CommandResult, type DataEnvironment } from './dataEnvironment';
import { addIncidents } from './incidentStore';
import { readSetting } from './settingsData';
import { runWriteCommand } from './writeTransaction';

export type SampleDataProgress = { written: number; total: number };

const chunkSize = 2000;

export async function generateSampleData(
  environment: DataEnvironment,
  rawOptions: unknown,
  onProgress: (progress: SampleDataProgress) => void = () => {},
  signal?: AbortSignal,
): Promise<CommandResult<{ written: number; cancelled: boolean }>> {
  const parsed = sampleDataOptionsSchema.safeParse(rawOptions);
  if (!parsed.success) return { ok: false, errors: zodErrorsToFieldErrors(parsed.error) };
  const options: SampleDataOptions = parsed.data;
  const matrix = await readSetting(environment, 'priorityMatrix');
  const { db } = environment;
  let written = 0;
  for (let start = 0; start < options.count; start += chunkSize) {
    if (signal?.aborted) return { ok: true, value: { written, cancelled: true } };
    const end = Math.min(options.count, start + chunkSize);
    // Generate before the transaction: only IndexedDB work may happen inside it.
    const generated: SampleIncident[] = [];
    for (let index = start; index < end; index += 1) generated.push(generateSampleIncident(options, index, matrix));
    try {
      await runWriteCommand(environment, [db.incidents, db.timelineEntries, db.tasks], async (recorder) => {
        // Same seed, same ids: incidents generated earlier (and perhaps edited since) are kept as they are.
        const existing = new Set(await db.incidents.where('id').anyOf(generated.map((sample) => sample.incident.id)).primaryKeys());
        const fresh = generated.filter((sample) => !existing.has(sample.incident.id));
        await addIncidents(db, fresh.map((sample) => recorder.stampLocalOnly(sample.incident)));
        await db.timelineEntries.bulkAdd(fresh.flatMap((sample) => sample.timeline.map((entry) => recorder.stampLocalOnly(entry))));
        await db.tasks.bulkAdd(fresh.flatMap((sample) => sample.tasks.map((task) => recorder.stampLocalOnly(task))));
      });
    } catch (error) {
      // References depend only on (seed, index) but ids also on count and day, so a set with this
      // seed made with other settings holds the same references under other ids. This chunk is
      // rolled back; earlier chunks stay, as after a cancel.
      if (error instanceof Error && (error.name === 'BulkError' || error.name === 'ConstraintError')) {
        return commandFailed(
          `Sample incidents made earlier with seed ${options.seed} but a different number or day already use these references; choose another seed.${written > 0 ? ` ${written} incidents were written before this was found.` : ''}`,
          'seed',
        );
      }
      throw error;
    }
    written = end;
    onProgress({ written, total: options.count });
  }
  return { ok: true, value: { written, cancelled: false } };
}

/**
 * Removes every generated sample incident with its timeline and tasks. Sample rows never entered
 * the outbox and no team server has them, so they are deleted outright rather than tombstoned.
 */
export async function removeSampleData(
  environment: DataEnvironment,
  onProgress: (progress: SampleDataProgress) => void = () => {},
): Promise<{ removed: number }> {
  const { db } = environment;
  const ids = await db.incidents.where('source').equals('sample').primaryKeys();
  for (let start = 0; start < ids.length; start += chunkSize) {
    const chunk = ids.slice(start, start + chunkSize);
    await db.transaction('rw', [db.incidents, db.incidentListRows, db.timelineEntries, db.tasks, db.meta], async () => {
      const epoch = await db.meta.get('listEpoch');
      await db.meta.put({ key: 'listEpoch', epoch: (epoch?.key === 'listEpoch' ? epoch.epoch : 0) + 1 });
      await db.timelineEntries.where('incidentId').anyOf(chunk).delete();
      await db.tasks.where('incidentId').anyOf(chunk).delete();
      await db.incidentListRows.bulkDelete(chunk);
      await db.incidents.bulkDelete(chunk);
    });
    onProgress({ written: Math.min(ids.length, start + chunkSize), total: ids.length });
  }
  return { removed: ids.length };
}
