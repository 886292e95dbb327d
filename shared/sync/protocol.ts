/**
 * The sync protocol between the app and the team server: request and response shapes, error
 * codes, and who may write what. Both sides import this file; the server validates every request
 * with these schemas (strict: unknown top-level fields are refused) and the client parses every
 * response with them.
 *
 * Row fields are open-ended on purpose: a field the server does not know is stored and passed
 * through, so an older client never erases a newer client's fields.
 */
import { z } from 'zod';
import { isHlcStamp } from '../domain/hlc';
import { syncedTableSchema, type SyncedTable } from './mutation';

/** The oldest client schema the server still accepts; older clients are told to update. */
export const minimumClientSchemaVersion = 1;
export const schemaVersionHeader = 'x-firebreak-schema';

export const maxPushMutations = 500;
export const maxPullLimit = 2000;
export const defaultPullLimit = 1000;
/** Request bodies above this are refused before parsing. */
export const maxRequestBytes = 4 * 1024 * 1024;

export const teamRoles = ['lead', 'responder', 'trainer', 'viewer'] as const;
export const teamRoleSchema = z.enum(teamRoles);
export type TeamRole = z.infer<typeof teamRoleSchema>;

const hlcStampSchema = z.string().max(64).refine(isHlcStamp, 'Not an HLC stamp');
const idSchema = z.string().min(1).max(128);

// ---------------------------------------------------------------- accounts

export const loginRequestSchema = z.strictObject({
  email: z.string().trim().toLowerCase().email().max(254),
  password: z.string().min(1).max(1024),
  deviceId: idSchema,
});
export type LoginRequest = z.infer<typeof loginRequestSchema>;

export const refreshRequestSchema = z.strictObject({ refreshToken: z.string().min(20).max(200) });

export const teamMembershipSchema = z.strictObject({ teamId: idSchema, teamName: z.string(), role: teamRoleSchema });
export type TeamMembership = z.infer<typeof teamMembershipSchema>;

export const sessionSchema = z.strictObject({
  accessToken: z.string(),
  refreshToken: z.string(),
  /** Seconds until the access token expires. */
  expiresIn: z.number().int().positive(),
  user: z.strictObject({ id: idSchema, email: z.string(), name: z.string(), isAdmin: z.boolean() }),
  teams: z.array(teamMembershipSchema),
  /** This device's reference code within the server (unique among synced devices). */
  deviceCode: z.string().regex(/^[0-9A-HJKMNP-TV-Z]{4}$/),
});
export type Session = z.infer<typeof sessionSchema>;

// ---------------------------------------------------------------- push

export const pushMutationSchema = z.strictObject({
  mutationId: z.number().int().positive(),
  table: syncedTableSchema,
  rowId: idSchema,
  teamId: idSchema,
  operation: z.enum(['insert', 'update', 'delete']),
  fields: z.record(z.string().max(64), z.unknown()).refine((fields) => Object.keys(fields).length <= 200, 'Too many fields'),
  hlc: hlcStampSchema,
  /**
   * The stamp each changed field had on this device before the edit. When the server's stamp
   * differs, someone else changed the field meanwhile: a same-field clash, recorded for everyone.
   */
  baseStamps: z.record(z.string().max(64), z.string().max(64)).optional(),
});
export type PushMutation = z.infer<typeof pushMutationSchema>;

export const pushRequestSchema = z.strictObject({
  clientId: idSchema,
  schemaVersion: z.number().int().positive(),
  mutations: z.array(pushMutationSchema).max(maxPushMutations),
});
export type PushRequest = z.infer<typeof pushRequestSchema>;

export const mutationOutcomeSchema = z.strictObject({
  mutationId: z.number().int().positive(),
  status: z.enum(['applied', 'duplicate', 'rejected']),
  /** Why a mutation was rejected; the client rolls its local change back to the server's row. */
  reason: z.string().optional(),
  /** For a rejected mutation: the server's current row (null when it has none), to roll back to. */
  currentRow: z.lazy(() => pulledRowSchema.nullable()).optional(),
});
export type MutationOutcome = z.infer<typeof mutationOutcomeSchema>;

export const pushResponseSchema = z.strictObject({
  outcomes: z.array(mutationOutcomeSchema),
  latestSeq: z.number().int().nonnegative(),
  serverTimeMs: z.number(),
});
export type PushResponse = z.infer<typeof pushResponseSchema>;

// ---------------------------------------------------------------- pull

/** A same-field clash the server saw: both values, both authors and stamps, and which one won. */
export const fieldClashSchema = z.strictObject({
  /** Stable across devices: table, row, field and the two stamps. */
  id: z.string(),
  table: syncedTableSchema,
  rowId: idSchema,
  field: z.string(),
  winner: z.strictObject({ value: z.unknown(), stamp: hlcStampSchema, author: z.string() }),
  loser: z.strictObject({ value: z.unknown(), stamp: hlcStampSchema, author: z.string() }),
  detectedAtMs: z.number(),
});
export type FieldClash = z.infer<typeof fieldClashSchema>;

export function fieldClashId(table: string, rowId: string, field: string, stampA: string, stampB: string): string {
  const [first, second] = stampA < stampB ? [stampA, stampB] : [stampB, stampA];
  return `${table}:${rowId}:${field}:${first}:${second}`;
}

export const pulledRowSchema = z.strictObject({
  table: syncedTableSchema,
  rowId: idSchema,
  teamId: idSchema,
  seq: z.number().int().positive(),
  fields: z.record(z.string(), z.unknown()),
  stamps: z.record(z.string(), hlcStampSchema),
  /** Display name of whoever last wrote each field (for the conflict log). */
  authors: z.record(z.string(), z.string()),
  isDeleted: z.boolean(),
  /** Recent same-field clashes on this row, newest last (capped). */
  clashes: z.array(fieldClashSchema).optional(),
});
export type PulledRow = z.infer<typeof pulledRowSchema>;

export const pullResponseSchema = z.strictObject({
  rows: z.array(pulledRowSchema),
  /** Pass back as `cursor` for the next page. */
  nextCursor: z.number().int().nonnegative(),
  hasMore: z.boolean(),
  latestSeq: z.number().int().nonnegative(),
});
export type PullResponse = z.infer<typeof pullResponseSchema>;

// ---------------------------------------------------------------- errors

export const syncErrorCodes = [
  'invalid-request',
  'unauthenticated',
  'forbidden',
  'client-too-old',
  'rate-limited',
  'payload-too-large',
  'resync-required',
  'server-error',
] as const;
export type SyncErrorCode = (typeof syncErrorCodes)[number];
export const errorResponseSchema = z.strictObject({ error: z.enum(syncErrorCodes), message: z.string() });
export type ErrorResponse = z.infer<typeof errorResponseSchema>;

// ---------------------------------------------------------------- authorisation

/**
 * Tables of team policy: their rows belong to a team space as a whole rather than to an incident
 * (a client sends them to its default team), and only leads change them.
 */
export const teamPolicyTables: readonly SyncedTable[] = ['settings', 'responderTeams'];

/** The tables of tabletop exercises: the scenario library, runs, their clock events and records. */
export const exerciseTables: readonly SyncedTable[] = ['exerciseScenarios', 'exerciseRuns', 'exerciseRunEvents', 'exerciseRecords'];

/**
 * Tables whose rows belong to the team space as a whole rather than to an incident, so a client
 * sends them to its default team: team policy, the team's playbook library, and its exercises.
 */
export const teamWideTables: readonly SyncedTable[] = [...teamPolicyTables, 'playbooks', ...exerciseTables];

/**
 * Who may write which table in a team space. Viewers read only; responders and leads write
 * incidents, timelines and tasks; trainers write those only for exercise incidents (checked by
 * the server against the incident's mode); team policy (settings, responder teams) belongs to leads.
 * Playbooks are written by responders, trainers and leads: who may approve is a domain rule the
 * client enforces (shared/domain/playbook.ts), since the server cannot tell a draft edit from an
 * approval without re-running that domain. Exercise tables are written by everyone but viewers:
 * players (responders) record deliveries and decisions, trainers and leads run exercises; who may
 * start, pause, score or finish a run is the client's rule (renderer/data/exerciseAccess.ts).
 */
export function canWriteTable(role: TeamRole, table: SyncedTable): 'yes' | 'no' | 'exercise-only' {
  if (role === 'viewer') return 'no';
  if (teamPolicyTables.includes(table)) return role === 'lead' ? 'yes' : 'no';
  // Trainers propose playbooks too: they test procedures in exercises.
  if (table === 'playbooks') return 'yes';
  if (exerciseTables.includes(table)) return 'yes';
  if (role === 'trainer') return 'exercise-only';
  return 'yes';
}

/**
 * The client schema version that introduced each table added after the first. A client of an
 * older schema cannot parse rows of a table it does not know, so the server leaves them out of
 * its pulls; a client that upgrades pulls again from the start (renderer/data/syncSettings.ts).
 */
export const tableIntroducedInSchema: Partial<Record<SyncedTable, number>> = {
  responderTeams: 2,
  playbooks: 3,
  exerciseScenarios: 4,
  exerciseRuns: 4,
  exerciseRunEvents: 4,
  exerciseRecords: 4,
};

/** The tables a client of `schemaVersion` knows. */
export function tablesKnownToSchema(schemaVersion: number): SyncedTable[] {
  return syncedTableSchema.options.filter((table) => (tableIntroducedInSchema[table] ?? 1) <= schemaVersion);
}

/** Tables whose rows are written once and never changed (so they never conflict). */
export const insertOnlyTables: readonly SyncedTable[] = ['timelineEntries', 'exerciseRunEvents'];

/** Settings that belong to one person and never leave the device. */
export const localOnlySettingKeys: readonly string[] = ['displayPreferences'];
