/**
 * Checks the fields of a pushed mutation against the domain schemas, one field at a time. Fields
 * the server does not know are accepted and stored as they are, so a newer client's fields
 * survive an older server and older clients (the pass-through rule of sync.md).
 */
import type { z } from 'zod';
import { exerciseRunEventSchema } from '../../shared/domain/exerciseClock';
import { exerciseRecordVariants, exerciseRunRecordSchema, scenarioRecordSchema } from '../../shared/domain/exerciseRecords';
import { incidentSchema } from '../../shared/domain/incident';
import { playbookSchema } from '../../shared/domain/playbook';
import { settingSchemas } from '../../shared/domain/settings';
import { taskSchema } from '../../shared/domain/task';
import { responderTeamSchema } from '../../shared/domain/team';
import { timelineEntrySchema } from '../../shared/domain/timeline';
import type { SyncedTable } from '../../shared/sync/mutation';
import { localOnlySettingKeys } from '../../shared/sync/protocol';

type Shape = Record<string, z.ZodType>;

const shapes: Record<Exclude<SyncedTable, 'settings' | 'exerciseRunEvents' | 'exerciseRecords'>, Shape> = {
  incidents: incidentSchema.shape,
  timelineEntries: timelineEntrySchema.shape,
  tasks: taskSchema.shape,
  responderTeams: responderTeamSchema.shape,
  playbooks: playbookSchema.shape,
  exerciseScenarios: scenarioRecordSchema.shape,
  exerciseRuns: exerciseRunRecordSchema.shape,
};

/**
 * Tables whose rows are one of several shapes, told apart by a field: each field is checked
 * against the shape of the row's kind (from the mutation, else from the row as stored).
 */
const kindedShapes: Record<'exerciseRunEvents' | 'exerciseRecords', { field: string; shapes: ReadonlyMap<string, Shape> }> = {
  exerciseRunEvents: { field: 'kind', shapes: new Map(exerciseRunEventSchema.options.map((option) => [option.shape.kind.value, option.shape as Shape])) },
  exerciseRecords: { field: 'recordKind', shapes: new Map(Object.entries(exerciseRecordVariants).map(([kind, schema]) => [kind, schema.shape as Shape])) },
};

function shapeFor(table: Exclude<SyncedTable, 'settings'>, fields: Record<string, unknown>, storedFields: Record<string, unknown> | undefined): Shape | string {
  if (table !== 'exerciseRunEvents' && table !== 'exerciseRecords') return shapes[table];
  const { field, shapes: byKind } = kindedShapes[table];
  const storedKind = storedFields?.[field];
  const kind = fields[field] ?? storedKind;
  if (storedKind !== undefined && field in fields && fields[field] !== storedKind) return `A row cannot change its ${field}`;
  if (typeof kind !== 'string') return `The row has no ${field}`;
  const shape = byKind.get(kind);
  // A kind from a newer client is stored and passed through, like a field this server does not
  // know; clients that do not know it leave the row aside when they pull it.
  if (!shape) return kind.length <= 64 ? {} : `The ${field} is too long`;
  return shape;
}

/**
 * Returns a reason when a field is invalid, or null when every known field is valid.
 * `storedFields`: the row as the server holds it, for tables whose shape depends on a kind field.
 */
export function findInvalidField(table: SyncedTable, rowId: string, fields: Record<string, unknown>, storedFields?: Record<string, unknown>): string | null {
  if (table === 'settings') {
    if (localOnlySettingKeys.includes(rowId)) return `The setting "${rowId}" is personal and is not synced`;
    if (!(rowId in settingSchemas)) return `Unknown setting "${rowId}"`;
    if ('value' in fields) {
      const schema = settingSchemas[rowId as keyof typeof settingSchemas];
      if (!schema.safeParse(fields['value']).success) return `The value of setting "${rowId}" is not valid`;
    }
    return null;
  }
  const shape = shapeFor(table, fields, storedFields);
  if (typeof shape === 'string') return shape;
  for (const [field, value] of Object.entries(fields)) {
    const schema = shape[field];
    if (!schema) continue;
    const result = schema.safeParse(value);
    if (!result.success) return `Field "${field}" is not valid: ${result.error.issues[0]?.message ?? 'wrong type'}`;
  }
  if ('id' in fields && fields['id'] !== rowId) return 'The row id and the id field differ';
  return null;
}
