/**
 * The change records the client keeps in its outbox until the sync server acknowledges them.
 * One user action writes one or more rows; each row change is one mutation carrying only the
 * fields it set, each with the HLC stamp of the action.
 */
import { z } from 'zod';

/**
 * Bumped whenever the shape of synced rows changes; every sync request carries it.
 * 2: responder teams sync (the `responderTeams` table).
 * 3: playbooks sync (the `playbooks` table; tasks may carry `fromPlaybook`).
 * 4: tabletop exercises sync (`exerciseScenarios`, `exerciseRuns`, `exerciseRunEvents`,
 *    `exerciseRecords`; incidents may carry `exerciseRunId`).
 */
export const syncSchemaVersion = 4;

export const syncedTables = [
  'incidents',
  'timelineEntries',
  'tasks',
  'settings',
  'responderTeams',
  'playbooks',
  'exerciseScenarios',
  'exerciseRuns',
  'exerciseRunEvents',
  'exerciseRecords',
] as const;
export const syncedTableSchema = z.enum(syncedTables);
export type SyncedTable = z.infer<typeof syncedTableSchema>;

export const mutationOperations = ['insert', 'update', 'delete'] as const;
export type MutationOperation = (typeof mutationOperations)[number];

export type Mutation = {
  /** Per-client, strictly increasing; the server uses it to apply each mutation exactly once. */
  mutationId: number;
  table: SyncedTable;
  rowId: string;
  operation: MutationOperation;
  fields: Record<string, unknown>;
  hlc: string;
  schemaVersion: number;
  createdAt: string;
};

/** Per-field HLC stamps kept on every synced row, so merges are per field, last writer wins. */
export type FieldStamps = Record<string, string>;
