/**
 * Checks the fields of a pushed mutation against the domain schemas, one field at a time. Fields
 * the server does not know are accepted and stored as they are, so a newer client's fields
 * survive an older server and older clients (the pass-through rule of sync.md).
 */
import type { z } from 'zod';
import { incidentSchema } from '../../shared/domain/incident';
import { playbookSchema } from '../../shared/domain/playbook';
import { settingSchemas } from '../../shared/domain/settings';
import { taskSchema } from '../../shared/domain/task';
import { responderTeamSchema } from '../../shared/domain/team';
import { timelineEntrySchema } from '../../shared/domain/timeline';
import type { SyncedTable } from '../../shared/sync/mutation';
import { localOnlySettingKeys } from '../../shared/sync/protocol';

const shapes: Record<Exclude<SyncedTable, 'settings'>, Record<string, z.ZodType>> = {
  incidents: incidentSchema.shape,
  timelineEntries: timelineEntrySchema.shape,
  tasks: taskSchema.shape,
  responderTeams: responderTeamSchema.shape,
  playbooks: playbookSchema.shape,
};

/** Returns a reason when a field is invalid, or null when every known field is valid. */
export function findInvalidField(table: SyncedTable, rowId: string, fields: Record<string, unknown>): string | null {
  if (table === 'settings') {
    if (localOnlySettingKeys.includes(rowId)) return `The setting "${rowId}" is personal and is not synced`;
    if (!(rowId in settingSchemas)) return `Unknown setting "${rowId}"`;
    if ('value' in fields) {
      const schema = settingSchemas[rowId as keyof typeof settingSchemas];
      if (!schema.safeParse(fields['value']).success) return `The value of setting "${rowId}" is not valid`;
    }
    return null;
  }
  const shape = shapes[table];
  for (const [field, value] of Object.entries(fields)) {
    const schema = shape[field];
    if (!schema) continue;
    const result = schema.safeParse(value);
    if (!result.success) return `Field "${field}" is not valid: ${result.error.issues[0]?.message ?? 'wrong type'}`;
  }
  if ('id' in fields && fields['id'] !== rowId) return 'The row id and the id field differ';
  return null;
}
