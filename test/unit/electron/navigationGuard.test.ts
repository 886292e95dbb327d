// @vitest-environment node
import { describe, expect, it, vi } from 'vitest';
import { packagedTrustedOrigins } from '../../../electron/main/appOrigin';
import {
  applyNavigationGuards,
  decideWindowOpen,
  isAllowedExternalUrl,
  isNavigationAllowed,
  maxExternalUrlLength,
  type GuardableWebContents,
} from '../../../electron/main/navigationGuard';

describe('isNavigationAllowed', () => {
  it('allows navigation within the app only', () => {
    expect(isNavigationAllowed('app://firebreak/incidents', packagedTrustedOrigins)).toBe(true);
    for (const url of ['https://example.com/', 'http://localhost:5173/', 'file:///etc/passwd', 'app://evil/', 'javascript:alert(1)', 'about:blank', 'data:text/html,hi']) {
      expect(isNavigationAllowed(url, packagedTrustedOrigins), url).toBe(false);
    }
  });

  it('allows the dev server only when it is the configured origin', () => {
    expect(isNavigationAllowed('http://localhost:5173/x', { devServerOrigin: 'http://localhost:5173' })).toBe(true);
    expect(isNavigationAllowed('http://localhost:5173/x', packagedTrustedOrigins)).toBe(false);
  });
});

describe('isAllowedExternalUrl', () => {
  it('allows plain https links', () => {
    expect(isAllowedExternalUrl('https://runbooks.example.com/db-failover')).toBe(true);
  });

  it.each([
    'http://example.com/',
    'file:///C:/Windows/System32/calc.exe',
    'smb://attacker/share',
    'javascript:alert(1)',
    'ms-msdt:/id PCWDiagnostic',
    'app://firebreak/',
    'https://user:secret@example.com/',
    'https://user@example.com/',
    'not a url',
    '',
  ])('refuses %s', (url) => expect(isAllowedExternalUrl(url)).toBe(false));

  it('refuses absurdly long URLs', () => {
    expect(isAllowedExternalUrl(`https://example.com/${'a'.repeat(maxExternalUrlLength)}`)).toBe(false);
  });

  it('restricts to listed hosts and their subdomains when a list is given', () => {
    const policy = { allowedHosts: ['example.com'] };
    expect(isAllowedExternalUrl('https://example.com/', policy)).toBe(true);
    expect(isAllowedExternalUrl('https://wiki.EXAMPLE.com/', policy)).toBe(true);
    expect(isAllowedExternalUrl('https://example.com.evil.org/', policy)).toBe(false);
    expect(isAllowedExternalUrl('https://notexample.com/', policy)).toBe(false);
  });
});

describe('decideWindowOpen', () => {
  it('always denies the new window, and opens only allowed links externally', () => {
    expect(decideWindowOpen('https://example.com/')).toEqual({ action: 'deny', openExternally: true });
    expect(decideWindowOpen('http://example.com/')).toEqual({ action: 'deny', openExternally: false });
    expect(decideWindowOpen('app://firebreak/popup')).toEqual({ action: 'deny', openExternally: false });
  });
});

type Listener = (event: { url?: string; preventDefault: () => void }) => void;

function fakeContents() {
  const listeners = new Map<string, Listener>();
  let windowOpenHandler: ((details: { url: string }) => { action: string }) | undefined;
  const contents = {
    on: (name: string, listener: Listener) => {
      listeners.set(name, listener);
      return contents;
    },
    setWindowOpenHandler: (handler: typeof windowOpenHandler) => {
      windowOpenHandler = handler;
    },
  };
  const fire = (name: string, url?: string) => {
    const event = { url, preventDefault: vi.fn() };
    const listener = listeners.get(name);
    if (!listener) throw new Error(`no listener for ${name}`);
    listener(event);
    return event.preventDefault.mock.calls.length > 0;
  };
  const open = (url: string) => {
    if (!windowOpenHandler) throw new Error('no window open handler');
    return windowOpenHandler({ url });
  };
  return { contents: contents as unknown as GuardableWebContents, fire, open };
}

describe('applyNavigationGuards', () => {
  it('prevents navigation, redirects and frame navigation away from the app', () => {
    const { contents, fire } = fakeContents();
    applyNavigationGuards(contents, { trusted: packagedTrustedOrigins, openExternal: vi.fn(async () => undefined) });
    for (const name of ['will-navigate', 'will-redirect', 'will-frame-navigate']) {
      expect(fire(name, 'https://evil.example/'), name).toBe(true);
      expect(fire(name, 'file:///etc/passwd'), name).toBe(true);
      expect(fire(name, 'app://firebreak/incidents'), name).toBe(false);
    }
  });

  it('prevents every webview attachment', () => {
    const { contents, fire } = fakeContents();
    applyNavigationGuards(contents, { trusted: packagedTrustedOrigins, openExternal: vi.fn(async () => undefined) });
    expect(fire('will-attach-webview')).toBe(true);
  });

  it('denies window.open and hands only allowed links to openExternal', async () => {
    const openExternal = vi.fn<(url: string) => Promise<void>>(async () => undefined);
    const onBlocked = vi.fn();
    const { contents, open } = fakeContents();
    applyNavigationGuards(contents, { trusted: packagedTrustedOrigins, openExternal, onBlocked });

    expect(open('https://example.com/runbook')).toEqual({ action: 'deny' });
    expect(open('file:///etc/passwd')).toEqual({ action: 'deny' });
    expect(open('https://u:p@example.com/')).toEqual({ action: 'deny' });
    expect(openExternal.mock.calls).toEqual([['https://example.com/runbook']]);
    expect(onBlocked).toHaveBeenCalledWith('window-open', 'file:///etc/passwd');
  });

  it('survives openExternal failing', async () => {
    const onBlocked = vi.fn();
    const { contents, open } = fakeContents();
    applyNavigationGuards(contents, { trusted: packagedTrustedOrigins, openExternal: () => Promise.reject(new Error('no browser')), onBlocked });
    expect(open('https://example.com/')).toEqual({ action: 'deny' });
    await vi.waitFor(() => expect(onBlocked).toHaveBeenCalledWith('open-external-failed', 'https://example.com/'));
  });
});
