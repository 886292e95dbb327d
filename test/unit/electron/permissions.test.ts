// @vitest-environment node
import { describe, expect, it } from 'vitest';
import { packagedTrustedOrigins } from '../../../electron/main/appOrigin';
import { applyPermissionHandlers, isPermissionGranted, type PermissionSession } from '../../../electron/main/permissions';

describe('isPermissionGranted', () => {
  it('grants sanitised clipboard writes to the app origin only', () => {
    expect(isPermissionGranted('clipboard-sanitized-write', 'app://firebreak/incidents', packagedTrustedOrigins)).toBe(true);
    expect(isPermissionGranted('clipboard-sanitized-write', 'app://firebreak', packagedTrustedOrigins)).toBe(true);
    expect(isPermissionGranted('clipboard-sanitized-write', 'https://evil.example/', packagedTrustedOrigins)).toBe(false);
    expect(isPermissionGranted('clipboard-sanitized-write', 'app://evil/', packagedTrustedOrigins)).toBe(false);
    expect(isPermissionGranted('clipboard-sanitized-write', undefined, packagedTrustedOrigins)).toBe(false);
    expect(isPermissionGranted('clipboard-sanitized-write', '', packagedTrustedOrigins)).toBe(false);
  });

  it.each(['notifications', 'media', 'geolocation', 'clipboard-read', 'openExternal', 'fullscreen', 'display-capture', 'hid', 'serial', 'usb', 'midiSysex', 'pointerLock', 'fileSystem', 'unknown', 'storage-access'])(
    'denies %s even to the app origin',
    (permission) => expect(isPermissionGranted(permission, 'app://firebreak/', packagedTrustedOrigins)).toBe(false),
  );
});

describe('applyPermissionHandlers', () => {
  type RequestHandler = (wc: unknown, permission: string, callback: (granted: boolean) => void, details: { requestingUrl: string }) => void;
  type CheckHandler = (wc: unknown, permission: string, origin: string, details: { requestingUrl?: string }) => boolean;

  function install() {
    let request: RequestHandler | undefined;
    let check: CheckHandler | undefined;
    let device: (() => boolean) | undefined;
    const session = {
      setPermissionRequestHandler: (handler: RequestHandler) => (request = handler),
      setPermissionCheckHandler: (handler: CheckHandler) => (check = handler),
      setDevicePermissionHandler: (handler: () => boolean) => (device = handler),
    };
    applyPermissionHandlers(session as unknown as PermissionSession, packagedTrustedOrigins);
    if (!request || !check || !device) throw new Error('handlers not installed');
    return { request, check, device };
  }

  it('answers permission requests through the decision function', () => {
    const { request } = install();
    const answers: boolean[] = [];
    request(null, 'media', (granted) => answers.push(granted), { requestingUrl: 'app://firebreak/' });
    request(null, 'clipboard-sanitized-write', (granted) => answers.push(granted), { requestingUrl: 'app://firebreak/' });
    request(null, 'clipboard-sanitized-write', (granted) => answers.push(granted), { requestingUrl: 'https://evil.example/' });
    expect(answers).toEqual([false, true, false]);
  });

  it('requires both the origin and the URL of a permission check to be the app', () => {
    const { check } = install();
    expect(check(null, 'clipboard-sanitized-write', 'app://firebreak', { requestingUrl: 'app://firebreak/' })).toBe(true);
    expect(check(null, 'clipboard-sanitized-write', 'app://firebreak', {})).toBe(true);
    expect(check(null, 'clipboard-sanitized-write', 'https://evil.example', { requestingUrl: 'app://firebreak/' })).toBe(false);
    expect(check(null, 'clipboard-sanitized-write', 'app://firebreak', { requestingUrl: 'https://evil.example/' })).toBe(false);
    expect(check(null, 'notifications', 'app://firebreak', { requestingUrl: 'app://firebreak/' })).toBe(false);
  });

  it('refuses device access', () => {
    expect(install().device()).toBe(false);
  });
});
