/**
 * Web permission handling: deny everything by default.
 *
 * Notifications go through main (IPC showNotification), not the web Notification API, so the
 * renderer needs no permission at all except writing sanitised text to the clipboard (copy
 * buttons), and that only from the app itself.
 */
import type { Session } from 'electron';
import { isTrustedAppUrl, type TrustedOrigins } from './appOrigin';

/** Permissions granted to the app origin. Everything else, for everyone, is denied. */
export const grantedAppPermissions: ReadonlySet<string> = new Set(['clipboard-sanitized-write']);

/**
 * The single decision both handlers use.
 * @param permission Electron permission name (for example 'media', 'clipboard-sanitized-write').
 * @param requestingUrl URL (or origin) of the frame asking; undefined counts as foreign.
 */
export function isPermissionGranted(permission: string, requestingUrl: string | undefined, trusted: TrustedOrigins): boolean {
  if (!grantedAppPermissions.has(permission)) return false;
  if (requestingUrl === undefined || requestingUrl === '') return false;
  return isTrustedAppUrl(requestingUrl, trusted);
}

/** The Session surface the wiring needs; a structural subset so tests can pass a fake. */
export type PermissionSession = Pick<Session, 'setPermissionRequestHandler' | 'setPermissionCheckHandler' | 'setDevicePermissionHandler'>;

/**
 * Installs the request, check and device handlers on a session.
 *
 * The check handler receives an origin (`app://firebreak`), the request handler a full URL; both
 * forms pass isTrustedAppUrl. Device access (HID, serial, USB) is refused outright.
 */
export function applyPermissionHandlers(session: PermissionSession, trusted: TrustedOrigins): void {
  session.setPermissionRequestHandler((_webContents, permission, callback, details) => {
    callback(isPermissionGranted(permission, details.requestingUrl, trusted));
  });
  // Both the origin and (when given) the URL must be the app's, so a foreign subframe cannot ride
  // on the top-level document's trust.
  session.setPermissionCheckHandler(
    (_webContents, permission, requestingOrigin, details) =>
      isPermissionGranted(permission, requestingOrigin, trusted) &&
      (details.requestingUrl === undefined || isPermissionGranted(permission, details.requestingUrl, trusted)),
  );
  session.setDevicePermissionHandler(() => false);
}
