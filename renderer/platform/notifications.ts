/**
 * Notifications outside the app window. In the desktop app, main shows an OS notification through
 * the bridge; in the web build, the browser's Notification API does, once the user has allowed it.
 * Browsers only honour a permission request made from a user gesture, so permission is asked for
 * by a button (the Notifications page), never on its own.
 */
import { getDesktopBridge } from './desktop';

/**
 * - desktop: the Firebreak desktop app shows them (no browser permission involved);
 * - granted / denied / default: the browser's permission in the web build;
 * - unsupported: this browser has no Notification API.
 */
export type DesktopNotificationSupport = 'desktop' | 'granted' | 'denied' | 'default' | 'unsupported';

/** The limits of the bridge contract (shared/ipc/desktopBridge.ts); longer text is cut, not refused. */
const maxTitleLength = 120;
const maxBodyLength = 500;

function browserNotification(): typeof Notification | null {
  return typeof globalThis.Notification === 'function' ? globalThis.Notification : null;
}

export function desktopNotificationSupport(): DesktopNotificationSupport {
  if (getDesktopBridge()) return 'desktop';
  const api = browserNotification();
  return api ? api.permission : 'unsupported';
}

/** Asks the browser for permission. Call it from a click handler: browsers ignore other requests. */
export async function requestDesktopNotificationPermission(): Promise<DesktopNotificationSupport> {
  if (getDesktopBridge()) return 'desktop';
  const api = browserNotification();
  if (!api) return 'unsupported';
  if (api.permission !== 'default') return api.permission;
  return api.requestPermission();
}

function clip(text: string, maxLength: number): string {
  return text.length <= maxLength ? text : `${text.slice(0, maxLength - 1)}…`;
}

/**
 * Shows a notification outside the window when that is possible and allowed; otherwise does
 * nothing (the in-app list has it anyway). Never throws: a notification that cannot be shown
 * must not break what triggered it.
 */
export function showDesktopNotification(notification: { title: string; body: string }): void {
  const title = clip(notification.title, maxTitleLength);
  const body = clip(notification.body, maxBodyLength);
  const bridge = getDesktopBridge();
  if (bridge) {
    bridge.showNotification({ title, body }).catch((error: unknown) => console.warn('The desktop notification was not shown', error));
    return;
  }
  const api = browserNotification();
  if (api?.permission !== 'granted') return;
  try {
    new api(title, { body });
  } catch (error) {
    // Chrome on Android, for one, only shows notifications from a service worker.
    console.warn('The browser notification was not shown', error);
  }
}
