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
