/**
 * Where this device syncs to and who is signed in: the sync meta rows (server address, session,
 * pull cursor), and the command that puts unsynced incidents into the default team.
 */
import { useLiveQuery } from 'dexie-react-hooks';
import { syncSchemaVersion } from '../../shared/sync/mutation';
import type { Session } from '../../shared/sync/protocol';
import type { MetaRow, SyncSessionMeta } from '../db/database';
import { getDataEnvironment, type DataEnvironment } from './dataEnvironment';
import { saveIncident } from './incidentStore';
import { ensureDevice, runWriteCommand } from './writeTransaction';

export type SyncConfig = Extract<MetaRow, { key: 'syncConfig' }>;
export type SyncCursor = Extract<MetaRow, { key: 'syncCursor' }>;
export type SyncSession = SyncSessionMeta;

/** Everything the sync engine needs to run; null when no server is configured or nobody is signed in. */
export type SyncAccount = { config: SyncConfig; session: SyncSession };

export async function readSyncConfig(environment: DataEnvironment): Promise<SyncConfig | null> {
  const row = await environment.db.meta.get('syncConfig');
  return row?.key === 'syncConfig' ? row : null;
}

export async function readSyncSession(environment: DataEnvironment): Promise<SyncSession | null> {
  const row = await environment.db.meta.get('syncSession');
  return row?.key === 'syncSession' ? row : null;
}

export async function readSyncAccount(environment: DataEnvironment): Promise<SyncAccount | null> {
  const [config, session] = await Promise.all([readSyncConfig(environment), readSyncSession(environment)]);
  return config && session ? { config, session } : null;
}

/** The team new incidents go to; null while not signed in. */
export async function readDefaultTeamId(environment: DataEnvironment): Promise<string | null> {
  const account = await readSyncAccount(environment);
  return account?.config.defaultTeamId ?? null;
}

/**
 * The pull cursor and this device's sync client id. The client id is the device id: the server
 * de-duplicates mutation ids per client, and mutation ids are per device. A cursor pulled with an
 * older sync schema starts again from zero: the server left out the tables that schema did not
 * know (shared/sync/protocol.ts), so their rows before the cursor would otherwise never arrive.
 */
export async function readSyncCursor(environment: DataEnvironment): Promise<SyncCursor> {
  const [row, device] = await Promise.all([environment.db.meta.get('syncCursor'), environment.db.meta.get('device')]);
  if (row?.key === 'syncCursor') return (row.schemaVersion ?? 1) < syncSchemaVersion ? { ...row, pullCursor: 0 } : row;
  // The device row exists from the first launch on (renderer/main.tsx creates it before rendering).
  return { key: 'syncCursor', pullCursor: 0, clientId: device?.key === 'device' ? device.deviceId : '', lastSyncedAtMs: null };
}

export async function markSynced(environment: DataEnvironment, atMs: number): Promise<void> {
  const { db } = environment;
  await db.transaction('rw', db.meta, async () => {
    const cursor = await readSyncCursor(environment);
    await db.meta.put({ ...cursor, lastSyncedAtMs: atMs });
  });
}

function chooseDefaultTeam(session: Session, previous: string | null): string | null {
  if (previous && session.teams.some((team) => team.teamId === previous)) return previous;
  // Prefer a team this person can write to: incidents created for a read-only team would bounce.
  return (session.teams.find((team) => team.role !== 'viewer') ?? session.teams[0])?.teamId ?? null;
}

/**
 * Stores a new or refreshed session. A different server means a different sync history: the pull
 * cursor starts again from zero (local data and the outbox are kept and pushed to the new server).
 */
export async function saveSession(environment: DataEnvironment, serverUrl: string, session: Session): Promise<SyncAccount> {
  const { db } = environment;
  const nowMs = environment.nowMs();
  return db.transaction('rw', db.meta, async () => {
    const previous = await readSyncConfig(environment);
    const config: SyncConfig = {
      key: 'syncConfig',
      serverUrl,
      defaultTeamId: chooseDefaultTeam(session, previous?.serverUrl === serverUrl ? previous.defaultTeamId : null),
    };
    const stored: SyncSession = {
      key: 'syncSession',
      accessToken: session.accessToken,
      refreshToken: session.refreshToken,
      accessExpiresAtMs: nowMs + session.expiresIn * 1000,
      user: session.user,
      teams: session.teams,
      deviceCode: session.deviceCode,
    };
    if (previous && previous.serverUrl !== serverUrl) {
      const cursor = await readSyncCursor(environment);
      await db.meta.put({ ...cursor, pullCursor: 0, lastSyncedAtMs: null });
    }
    // The server reserves device codes so references made offline never collide across devices.
    const device = await ensureDevice(environment);
    if (device.deviceCode !== session.deviceCode) await db.meta.put({ ...device, deviceCode: session.deviceCode });
    await db.meta.bulkPut([config, stored]);
    return { config, session: stored };
  });
}

/** Replaces the tokens after a refresh, keeping the chosen team. */
export async function updateSessionTokens(environment: DataEnvironment, session: Session): Promise<void> {
  const { db } = environment;
  await db.transaction('rw', db.meta, async () => {
    const current = await readSyncSession(environment);
    if (!current) return;
    await db.meta.put({
      ...current,
      accessToken: session.accessToken,
      refreshToken: session.refreshToken,
      accessExpiresAtMs: environment.nowMs() + session.expiresIn * 1000,
      user: session.user,
      teams: session.teams,
    });
  });
}

/** Forgets the session (tokens). Local data, the outbox and the server address stay. */
export async function clearSession(environment: DataEnvironment): Promise<void> {
  await environment.db.meta.delete('syncSession');
}

export async function setDefaultTeam(environment: DataEnvironment, teamId: string): Promise<void> {
  const { db } = environment;
  await db.transaction('rw', db.meta, async () => {
    const config = await readSyncConfig(environment);
    if (config) await db.meta.put({ ...config, defaultTeamId: teamId });
  });
}

/**
 * Chooses which of the account's teams this device pulls (null: all). Pulling starts again from
 * the beginning, so a newly chosen team's history arrives; rows of teams no longer chosen stay on
 * this device (nothing is ever deleted by a setting).
 */
export async function setSyncedTeams(environment: DataEnvironment, teamIds: string[] | null): Promise<void> {
  const { db } = environment;
  await db.transaction('rw', db.meta, async () => {
    const config = await readSyncConfig(environment);
    if (!config) return;
    await db.meta.put({ ...config, syncedTeamIds: teamIds });
    const cursor = await db.meta.get('syncCursor');
    if (cursor?.key === 'syncCursor') await db.meta.put({ ...cursor, pullCursor: 0 });
  });
}

/**
 * Puts every incident that belongs to no team yet into the default team, as ordinary changes
 * (stamped, queued) so other devices learn the team too. Sample incidents are local-only and stay
 * out of every team. Runs in chunks so 100,000 local incidents do not make one huge transaction.
 */
export async function assignDefaultTeam(environment: DataEnvironment): Promise<number> {
  const teamId = await readDefaultTeamId(environment);
  if (!teamId) return 0;
  const { db } = environment;
  const ids = await db.incidents.filter((incident) => (incident.teamId ?? null) === null && incident.source !== 'sample').primaryKeys();
  const chunkSize = 500;
  for (let start = 0; start < ids.length; start += chunkSize) {
    const chunk = ids.slice(start, start + chunkSize);
    await runWriteCommand(environment, [db.incidents], async (recorder) => {
      for (const incident of await db.incidents.bulkGet(chunk)) {
        // Re-checked inside the transaction: a pull may have given it a team meanwhile.
        if (!incident || (incident.teamId ?? null) !== null || incident.source === 'sample') continue;
        await saveIncident(db, recorder.stampPatch('incidents', incident.id, incident, { teamId }));
      }
    });
  }
  return ids.length;
}

export function useSyncAccount(): SyncAccount | null | undefined {
  return useLiveQuery(() => readSyncAccount(getDataEnvironment()), [], undefined);
}

export function useSyncConfig(): SyncConfig | null | undefined {
  return useLiveQuery(() => readSyncConfig(getDataEnvironment()), [], undefined);
}

export function useLastSyncedAtMs(): number | null {
  return useLiveQuery(async () => {
    const row = await getDataEnvironment().db.meta.get('syncCursor');
    return row?.key === 'syncCursor' ? row.lastSyncedAtMs : null;
  }, [], null);
}
