/**
 * Where the renderer is allowed to come from, and the one check every guard uses to recognise it.
 *
 * Packaged (and `electron-vite preview`) builds load from the custom `app://firebreak/` protocol;
 * `electron-vite dev` loads from the Vite dev server named in ELECTRON_RENDERER_URL. Nothing else
 * is ever trusted: not file://, not other hosts, not other ports.
 */

/** Scheme of the custom protocol that serves the packaged renderer. */
export const appScheme = 'app';
/** The only host the custom protocol answers for. */
export const appHost = 'firebreak';
/** Entry URL of the packaged renderer. */
export const appEntryUrl = `${appScheme}://${appHost}/`;

/** The origins a window, IPC sender or permission request may belong to. */
export type TrustedOrigins = {
  /**
   * Origin of the Vite dev server (for example `http://localhost:5173`), only while developing.
   * Must stay null in packaged builds.
   */
  devServerOrigin: string | null;
};

/** Trust nothing but the packaged app protocol. */
export const packagedTrustedOrigins: TrustedOrigins = { devServerOrigin: null };

/**
 * Parses a URL, returning null instead of throwing; guards treat unparsable URLs as foreign.
 */
export function parseUrl(url: string): URL | null {
  try {
    return new URL(url);
  } catch {
    return null;
  }
}

/**
 * True when `url` belongs to the packaged app protocol (`app://firebreak/...`).
 *
 * Compares protocol and host rather than `origin`: WHATWG URL parsing (Node, and so our tests)
 * reports the origin of any non-special scheme as the string 'null', which would make every
 * custom-scheme URL look alike. Credentials and ports are rejected outright: the real app URL
 * never carries them, so their presence means someone is crafting a look-alike.
 */
export function isAppProtocolUrl(url: string): boolean {
  const parsed = parseUrl(url);
  return (
    parsed !== null &&
    parsed.protocol === `${appScheme}:` &&
    parsed.host === appHost &&
    parsed.username === '' &&
    parsed.password === ''
  );
}

/**
 * Normalises ELECTRON_RENDERER_URL (set by electron-vite only in dev) to an origin, or null when it
 * is absent, unparsable or not plain http(s) on a loopback host. Refusing anything else keeps a
 * stray environment variable in production from turning a remote site into a trusted origin.
 */
export function devServerOriginFrom(rendererUrl: string | undefined): string | null {
  if (rendererUrl === undefined || rendererUrl === '') return null;
  const parsed = parseUrl(rendererUrl);
  if (parsed === null || (parsed.protocol !== 'http:' && parsed.protocol !== 'https:')) return null;
  if (parsed.username !== '' || parsed.password !== '') return null;
  const loopbackHosts = ['localhost', '127.0.0.1', '[::1]'];
  if (!loopbackHosts.includes(parsed.hostname)) return null;
  return parsed.origin;
}

/**
 * True when `url` belongs to the renderer we ship: the app protocol, or the dev server in dev.
 */
export function isTrustedAppUrl(url: string, trusted: TrustedOrigins): boolean {
  if (isAppProtocolUrl(url)) return true;
  if (trusted.devServerOrigin === null) return false;
  const parsed = parseUrl(url);
  return parsed !== null && parsed.username === '' && parsed.password === '' && parsed.origin === trusted.devServerOrigin;
}
