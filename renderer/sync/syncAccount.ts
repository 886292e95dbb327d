/**
 * What the Settings page and the status bar ask of sync: sign in, sign out, sync now, and starting
 * the app's engine at launch. Wraps the app's one SyncEngine.
 */
import { getDataEnvironment } from '../data/dataEnvironment';
import { assignDefaultTeam, clearSession, readSyncAccount, saveSession, setDefaultTeam, setSyncedTeams } from '../data/syncSettings';
import { renumberDeviceReferences } from '../data/incidentCommands';
import { allowSyncServer } from '../platform/desktop';
import { ensureDevice } from '../data/writeTransaction';
import { normaliseServerUrl, OfflineError, SyncClient, SyncHttpError } from './syncClient';
import { getSyncEngine, type CycleResult } from './syncEngine';
import { syncStatusStore } from './syncStatus';

export type SignInResult = { ok: true } | { ok: false; errors: Record<string, string>; isReloadNeeded?: boolean };

function appEngine() {
  return getSyncEngine(getDataEnvironment(), syncStatusStore);
}

/** Called once the device is ready: syncs only when a server is configured and signed in. */
export async function startSyncIfSignedIn(): Promise<void> {
  await appEngine().start();
}

export async function signIn(serverAddress: string, email: string, password: string): Promise<SignInResult> {
  const errors: Record<string, string> = {};
  const url = normaliseServerUrl(serverAddress);
  if (!url.ok) errors.serverUrl = url.error;
  if (!/^\S+@\S+\.\S+$/.test(email.trim())) errors.email = 'Enter the email address of your team account';
  if (password === '') errors.password = 'Enter your password';
  if (!url.ok || Object.keys(errors).length > 0) return { ok: false, errors };
  // The desktop app's CSP lets the page reach only the configured team server; a new server
  // needs the window reloaded under the new policy before the first request can go out.
  if ((await allowSyncServer(url.url)) === 'reload-needed') {
    return { ok: false, isReloadNeeded: true, errors: { form: `Firebreak reloads its window to allow connections to ${new URL(url.url).origin}; then sign in again.` } };
  }
  const environment = getDataEnvironment();
  const device = await ensureDevice(environment);
  try {
    const session = await new SyncClient(url.url).login(email.trim(), password, device.deviceId);
    await saveSession(environment, url.url, session);
    // Incidents numbered offline with a code the server gave to another device get this one's.
    await renumberDeviceReferences(environment, device.deviceCode, session.deviceCode);
  } catch (error) {
    if (error instanceof OfflineError) return { ok: false, errors: { form: `Cannot reach ${url.url}. Check the address and your connection.` } };
    if (error instanceof SyncHttpError) return { ok: false, errors: { form: error.message } };
    throw error;
  }
  await assignDefaultTeam(environment);
  const engine = appEngine();
  engine.stop();
  await engine.start();
  return { ok: true };
}

/** Revokes the session on the server when reachable, forgets the tokens, keeps all local data. */
export async function signOut(): Promise<void> {
  const environment = getDataEnvironment();
  appEngine().stop();
  const account = await readSyncAccount(environment);
  if (account) {
    try {
      await new SyncClient(account.config.serverUrl).logout(account.session.accessToken);
    } catch {
      // Offline or already expired: the token dies on its own; nothing local depends on it.
    }
  }
  await clearSession(environment);
  syncStatusStore.reset();
}

export function syncNow(): Promise<CycleResult> {
  return appEngine().syncNow();
}

export async function chooseDefaultTeam(teamId: string): Promise<void> {
  await setDefaultTeam(getDataEnvironment(), teamId);
}

/** Which of the account's teams this device pulls (null: all); then syncs at once. */
export async function chooseSyncedTeams(teamIds: string[] | null): Promise<void> {
  await setSyncedTeams(getDataEnvironment(), teamIds);
  void appEngine().syncNow();
}
