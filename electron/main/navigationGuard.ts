/**
 * Keeps every window on the app: no navigation, redirect or frame navigation away from the app
 * origin, no new windows, no <webview>. External links open in the system browser, and only after
 * the allowlist check in isAllowedExternalUrl.
 */
import type { WebContents } from 'electron';
import { isTrustedAppUrl, parseUrl, type TrustedOrigins } from './appOrigin';

/**
 * Which external links may be handed to the operating system.
 *
 * Incidents legitimately link to runbooks, dashboards and tickets on any company host, so the
 * default allows every https host (`allowedHosts: null`); pass a list to restrict it to those hosts
 * and their subdomains. Whatever the list, only https without credentials ever leaves the app:
 * file:, smb:, custom schemes and javascript: can launch local programs or leak NTLM hashes.
 */
export type ExternalLinkPolicy = { allowedHosts: readonly string[] | null };

export const defaultExternalLinkPolicy: ExternalLinkPolicy = { allowedHosts: null };

/** Longest URL passed to the OS; shell handlers on some platforms misbehave with huge arguments. */
export const maxExternalUrlLength = 2048;

/** True when `url` may be opened in the system browser. */
export function isAllowedExternalUrl(url: string, policy: ExternalLinkPolicy = defaultExternalLinkPolicy): boolean {
  if (url.length > maxExternalUrlLength) return false;
  const parsed = parseUrl(url);
  if (parsed === null || parsed.protocol !== 'https:') return false;
  if (parsed.username !== '' || parsed.password !== '') return false;
  if (parsed.hostname === '') return false;
  if (policy.allowedHosts === null) return true;
  const host = parsed.hostname.toLowerCase();
  return policy.allowedHosts.some((allowed) => {
    const normalised = allowed.toLowerCase();
    return host === normalised || host.endsWith(`.${normalised}`);
  });
}

/** True when a window or frame may navigate to `url`: only within the app itself. */
export function isNavigationAllowed(url: string, trusted: TrustedOrigins): boolean {
  return isTrustedAppUrl(url, trusted);
}

/** What to do with a window.open / target=_blank request. */
export type WindowOpenDecision = { action: 'deny'; openExternally: boolean };

/**
 * New windows are always denied (a second renderer would need its own hardening and IPC trust);
 * an allowed https link is instead passed to the system browser.
 */
export function decideWindowOpen(url: string, policy: ExternalLinkPolicy = defaultExternalLinkPolicy): WindowOpenDecision {
  return { action: 'deny', openExternally: isAllowedExternalUrl(url, policy) };
}

export type NavigationGuardOptions = {
  trusted: TrustedOrigins;
  /** shell.openExternal, injected so tests and index.ts decide what "external" means. */
  openExternal: (url: string) => Promise<void>;
  externalLinkPolicy?: ExternalLinkPolicy;
  /** Reports a blocked navigation (for logs); never receives secrets, only the URL. */
  onBlocked?: (kind: string, url: string) => void;
};

/** The WebContents surface the guard needs; a structural subset so tests can pass a fake. */
export type GuardableWebContents = Pick<WebContents, 'on' | 'setWindowOpenHandler'>;

/**
 * Attaches the guards to one WebContents. Call it from app 'web-contents-created' so every
 * WebContents is covered, including any a future feature creates.
 */
export function applyNavigationGuards(contents: GuardableWebContents, options: NavigationGuardOptions): void {
  const policy = options.externalLinkPolicy ?? defaultExternalLinkPolicy;
  const blocked = options.onBlocked ?? (() => undefined);

  const denyUnlessApp = (kind: string) => (event: { url: string; preventDefault(): void }) => {
    if (isNavigationAllowed(event.url, options.trusted)) return;
    event.preventDefault();
    blocked(kind, event.url);
  };
  contents.on('will-navigate', denyUnlessApp('will-navigate'));
  contents.on('will-redirect', denyUnlessApp('will-redirect'));
  contents.on('will-frame-navigate', denyUnlessApp('will-frame-navigate'));

  contents.on('will-attach-webview', (event) => {
    // webviewTag is off already; this catches a future options change or a compromised renderer.
    event.preventDefault();
    blocked('will-attach-webview', '');
  });

  contents.setWindowOpenHandler(({ url }) => {
    const decision = decideWindowOpen(url, policy);
    if (decision.openExternally) {
      // Fire and forget: a failure to launch the browser must not crash main.
      options.openExternal(url).catch(() => blocked('open-external-failed', url));
    } else {
      blocked('window-open', url);
    }
    return { action: decision.action };
  });
}
