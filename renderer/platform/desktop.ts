/**
 * Access to the Electron desktop bridge. renderer/platform/ is the only reader of the bridge; the
 * rest of the renderer asks platform functions, which fall back to browser APIs when this is null.
 */
import type { DesktopBridge } from '../../shared/ipc/desktopBridge';
import { desktopBridgeGlobalName } from '../../shared/ipc/ipcChannels';

/** The bridge when running inside the Firebreak desktop shell, otherwise null (web build, tests). */
export function getDesktopBridge(): DesktopBridge | null {
  if (typeof window === 'undefined') return null;
  return window[desktopBridgeGlobalName] ?? null;
}

/**
 * In the desktop app, asks main to let the page reach this team server (CSP connect-src).
 * 'reload-needed' means the window must reload before the server can be reached. The web build
 * is served by the team server itself, so there is nothing to allow.
 */
export async function allowSyncServer(serverUrl: string): Promise<'not-needed' | 'already-allowed' | 'reload-needed'> {
  const bridge = getDesktopBridge();
  if (!bridge) return 'not-needed';
  const result = await bridge.allowSyncServer({ serverUrl });
  return result.status === 'allowed' ? 'reload-needed' : 'already-allowed';
}
