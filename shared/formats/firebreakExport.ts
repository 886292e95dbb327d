/**
 * The Firebreak export file: every local record with its per-field sync stamps, so that importing
 * it back (here or on another device) merges field by field instead of overwriting newer work.
 */
import { z } from 'zod';
import { exerciseRunEventSchema } from '../domain/exerciseClock';
import { exerciseRecordSchema, exerciseRunRecordSchema, scenarioOfRecord, scenarioRecordSchema } from '../domain/exerciseRecords';
import { validateScenario } from '../domain/exerciseScenario';
import { incidentSchema } from '../domain/incident';
import { playbookSchema, validatePlaybook } from '../domain/playbook';
import { settingSchemas } from '../domain/settings';
import { taskSchema } from '../domain/task';
import { responderTeamSchema } from '../domain/team';
import { timelineEntrySchema } from '../domain/timeline';
import { isHlcStamp } from '../domain/hlc';

export const exportFormatName = 'firebreak-export';
/**
 * The version this app writes. 2: responder teams. 3: playbooks (every version record, drafts
 * and retired ones included). 4: tabletop exercises (scenario versions, runs, their clock events
 * and records). Files of versions 1 to 3 (without what came later) still import; an app that
 * knows only an older version says a newer file needs a newer Firebreak.
 */
export const exportFormatVersion = 4;
/** Larger files are refused before parsing, so a mistaken pick cannot freeze the app. */
export const maxImportBytes = 200 * 1024 * 1024;

const fieldStampsSchema = z.record(z.string().max(64), z.string().refine(isHlcStamp, 'Not a change stamp'));

const stamped = <T extends z.ZodType>(record: T) => z.strictObject({ record, fieldStamps: fieldStampsSchema });

const settingRowSchema = z.strictObject({
  key: z.enum(Object.keys(settingSchemas) as [keyof typeof settingSchemas, ...(keyof typeof settingSchemas)[]]),
  value: z.unknown(),
  updatedAt: z.string(),
});

export const exportFileSchema = z.strictObject({
  format: z.literal(exportFormatName),
  formatVersion: z.union([z.literal(1), z.literal(2), z.literal(3), z.literal(exportFormatVersion)]),
  exportedAt: z.iso.datetime(),
  deviceId: z.string().min(1).max(64),
  incidents: z.array(stamped(incidentSchema)),
  timelineEntries: z.array(timelineEntrySchema),
  tasks: z.array(stamped(taskSchema)),
  settings: z.array(stamped(settingRowSchema)),
  responderTeams: z.array(stamped(responderTeamSchema)).default([]),
  playbooks: z.array(stamped(playbookSchema)).default([]),
  exerciseScenarios: z.array(stamped(scenarioRecordSchema)).default([]),
  exerciseRuns: z.array(stamped(exerciseRunRecordSchema)).default([]),
  /** Insert-only, like timeline entries: no stamps. */
  exerciseRunEvents: z.array(exerciseRunEventSchema).default([]),
  exerciseRecords: z.array(stamped(exerciseRecordSchema)).default([]),
});
export type ExportFile = z.infer<typeof exportFileSchema>;

export type ParseExportResult = { ok: true; file: ExportFile } | { ok: false; error: string };

function describePath(path: readonly PropertyKey[]): string {
  return path.map((part) => (typeof part === 'number' ? `[${part}]` : `.${String(part)}`)).join('').replace(/^\./, '');
}

/**
 * Parses and validates an export file's text. Every failure says what is wrong in words a user
 * can act on; nothing is imported unless the whole file is valid.
 */
export function parseExportFile(text: string): ParseExportResult {
  if (text.length > maxImportBytes) {
    return { ok: false, error: `The file is larger than ${maxImportBytes / 1024 / 1024} MB, which is more than a Firebreak export can be.` };
  }
  if (text.trim() === '') return { ok: false, error: 'The file is empty.' };
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch {
    const looksTruncated = /^\s*[[{]/.test(text);
    return {
      ok: false,
      error: looksTruncated
        ? 'The file is not complete JSON: it may be truncated or damaged. Nothing was imported.'
        : 'The file is not JSON, so it is not a Firebreak export. Nothing was imported.',
    };
  }
  if (typeof data !== 'object' || data === null || (data as { format?: unknown }).format !== exportFormatName) {
    return { ok: false, error: 'This JSON file is not a Firebreak export (it has no "format": "firebreak-export"). Nothing was imported.' };
  }
  const version = (data as { formatVersion?: unknown }).formatVersion;
  if (typeof version === 'number' && version > exportFormatVersion) {
    return { ok: false, error: `This export was written by a newer Firebreak (format ${version}); update Firebreak to import it. Nothing was imported.` };
  }
  const parsed = exportFileSchema.safeParse(data);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    const more = parsed.error.issues.length > 1 ? ` (and ${parsed.error.issues.length - 1} more problems)` : '';
    return { ok: false, error: `The export file is damaged at ${describePath(issue.path) || 'the top level'}: ${issue.message}${more}. Nothing was imported.` };
  }
  for (const row of parsed.data.settings) {
    const schema = settingSchemas[row.record.key];
    const value = schema.safeParse(row.record.value);
    if (!value.success) return { ok: false, error: `The setting "${row.record.key}" in the file is not valid. Nothing was imported.` };
  }
  for (const [index, row] of parsed.data.playbooks.entries()) {
    // The schema checks each field; these are the rules between fields (step references, approval).
    const checked = validatePlaybook(row.record);
    if (!checked.ok) {
      const [field, message] = Object.entries(checked.errors)[0]!;
      return {
        ok: false,
        error: `The playbook "${row.record.name}" (version ${row.record.version}, playbooks[${index}]) in the file is not valid: ${field}: ${message}. Nothing was imported.`,
      };
    }
  }
  for (const [index, row] of parsed.data.exerciseScenarios.entries()) {
    const checked = validateScenario(scenarioOfRecord(row.record));
    if (!checked.ok) {
      const [field, message] = Object.entries(checked.errors)[0]!;
      return {
        ok: false,
        error: `The exercise scenario "${row.record.title}" (version ${row.record.version}, exerciseScenarios[${index}]) in the file is not valid: ${field}: ${message}. Nothing was imported.`,
      };
    }
  }
  return { ok: true, file: parsed.data };
}
