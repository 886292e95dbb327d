/**
 * The platform choice for notifications outside the window. jsdom has neither the desktop bridge
 * nor a Notification API, so each test installs the one it is about (a recording stand-in).
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { DesktopBridge, NotificationRequest } from '../../../../shared/ipc/desktopBridge';
import {
  desktopNotificationSupport,
  requestDesktopNotificationPermission,
  showDesktopNotification,
} from '../../../../renderer/platform/notifications';

afterEach(() => {
  delete window.firebreakDesktop;
  delete (globalThis as { Notification?: unknown }).Notification;
});

function installBridge(): NotificationRequest[] {
  const shown: NotificationRequest[] = [];
  window.firebreakDesktop = { showNotification: async (request: NotificationRequest) => void shown.push(request) } as unknown as DesktopBridge;
  return shown;
}

function installBrowserNotification(initial: NotificationPermission, answer: NotificationPermission = 'granted') {
  const shown: { title: string; body: string | undefined }[] = [];
  let requests = 0;
  class RecordingNotification {
    static permission: NotificationPermission = initial;
    static async requestPermission(): Promise<NotificationPermission> {
      requests += 1;
      RecordingNotification.permission = answer;
      return answer;
    }
    constructor(title: string, options?: NotificationOptions) {
      shown.push({ title, body: options?.body });
    }
  }
  (globalThis as { Notification?: unknown }).Notification = RecordingNotification;
  return { shown, requestCount: () => requests };
}

describe('desktop notifications', () => {
  it('go through the desktop bridge in the desktop app, cut to the bridge limits', () => {
    const shown = installBridge();
    expect(desktopNotificationSupport()).toBe('desktop');
    showDesktopNotification({ title: 'T'.repeat(200), body: 'B'.repeat(600) });
    expect(shown).toHaveLength(1);
    expect(shown[0]!.title).toHaveLength(120);
    expect(shown[0]!.title.endsWith('…')).toBe(true);
    expect(shown[0]!.body).toHaveLength(500);
  });

  it('use the browser API only once the user has allowed it, asking only when asked to', async () => {
    const browser = installBrowserNotification('default');
    expect(desktopNotificationSupport()).toBe('default');
    showDesktopNotification({ title: 'INC-1 escalated', body: 'Rule "P1"' });
    expect(browser.shown).toEqual([]);
    expect(browser.requestCount()).toBe(0);
    expect(await requestDesktopNotificationPermission()).toBe('granted');
    showDesktopNotification({ title: 'INC-1 escalated', body: 'Rule "P1"' });
    expect(browser.shown).toEqual([{ title: 'INC-1 escalated', body: 'Rule "P1"' }]);
  });

  it('do not ask again once the browser said no, and show nothing', async () => {
    const browser = installBrowserNotification('denied');
    expect(await requestDesktopNotificationPermission()).toBe('denied');
    expect(browser.requestCount()).toBe(0);
    showDesktopNotification({ title: 'INC-1 escalated', body: '' });
    expect(browser.shown).toEqual([]);
  });

  it('say so where the browser has no notifications', async () => {
    expect(desktopNotificationSupport()).toBe('unsupported');
    expect(await requestDesktopNotificationPermission()).toBe('unsupported');
    expect(() => showDesktopNotification({ title: 'x', body: '' })).not.toThrow();
  });
});
