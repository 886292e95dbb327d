/**
 * The `app://firebreak/` protocol that serves the built renderer (out/renderer).
 *
 * Serving from a custom privileged scheme instead of file:// gives the renderer a real, stable
 * origin (IndexedDB, fetch and CSP 'self' all need one) and means file:// never has to be trusted.
 * Path resolution is a pure function so that traversal attempts can be tested without Electron.
 */
import { extname, isAbsolute, join, relative, resolve, sep } from 'node:path';
import type { CustomScheme } from 'electron';
import { appHost, appScheme, isAppProtocolUrl } from './appOrigin';

/**
 * Registration for protocol.registerSchemesAsPrivileged, which must run before the app is ready.
 * `standard` gives the scheme a real origin (so IndexedDB, localStorage and relative URLs work),
 * `secure` makes it a secure context (WebCrypto, service-worker-era APIs), `supportFetchAPI` lets
 * the renderer fetch its own assets, and `codeCache` lets V8 cache the bundle. Not `bypassCSP`.
 */
export const appSchemePrivileges: CustomScheme = {
  scheme: appScheme,
  privileges: { standard: true, secure: true, supportFetchAPI: true, codeCache: true },
};

/**
 * The renderer's Content-Security-Policy, sent as a response header (a meta tag cannot set
 * frame-ancestors). No inline script and no eval; connect-src is the app itself plus, once
 * configured, the sync server.
 */
export function buildContentSecurityPolicy(options: { syncServerOrigin?: string | null } = {}): string {
  const connectSources = ["'self'"];
  if (options.syncServerOrigin) connectSources.push(options.syncServerOrigin);
  return [
    "default-src 'self'",
    "script-src 'self'",
    "style-src 'self'",
    "img-src 'self' data:",
    `connect-src ${connectSources.join(' ')}`,
    "worker-src 'self' blob:",
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'none'",
    "frame-ancestors 'none'",
  ].join('; ');
}

/** The policy used until a sync server is configured. */
export const appContentSecurityPolicy = buildContentSecurityPolicy();

/** A request as the protocol handler sees it (a subset of the Fetch Request Electron passes). */
export type AppRequest = { url: string; method: string };

/** Outcome of resolving a request: a file inside the root, or an HTTP error status. */
export type AppRequestResolution =
  | { ok: true; filePath: string }
  | { ok: false; status: 400 | 403 | 404 | 405; reason: string };

const indexFile = 'index.html';

/**
 * Maps an `app://firebreak/...` request to a file under `rootDir`.
 *
 * - Only GET; only host `firebreak`, with no port or credentials.
 * - `/` (and any extension-less path, so client-side routes survive a reload) serves index.html.
 * - Dot segments (`..`, `%2e%2e`, `.%2e`, ...), backslashes and NULs in the raw URL are refused
 *   before parsing, because the URL parser would otherwise quietly resolve them.
 * - Each path segment is percent-decoded and rejected if it is empty, hidden (leading dot), or
 *   contains a slash, backslash, colon, NUL or other control character: decoding before checking
 *   stops `%2f` and `%5c` from turning one segment into several.
 * - Finally the joined path must still lie inside `rootDir` (defence in depth).
 */
export function resolveAppRequest(request: AppRequest, rootDir: string): AppRequestResolution {
  if (request.method.toUpperCase() !== 'GET') return { ok: false, status: 405, reason: 'Only GET is served' };
  // Backslashes and NULs never appear in a URL we generate; some parsers silently turn `\` into
  // `/`, so refuse them before parsing rather than reason about which parser ran.
  if (/[\\\0]|%5c|%00/i.test(request.url)) return { ok: false, status: 400, reason: 'Forbidden character in URL' };
  // The URL parser silently resolves dot segments, literal or encoded (`..`, `%2e%2e`, `.%2e`), so
  // after parsing a traversal attempt looks like an ordinary path. We never generate them: refuse
  // them up front rather than serve whatever they collapse to.
  if (/\/(?:\.|%2e){1,2}(?:[/?#]|$)/i.test(request.url)) return { ok: false, status: 400, reason: 'Dot segment in URL' };

  let url: URL;
  try {
    url = new URL(request.url);
  } catch {
    return { ok: false, status: 400, reason: 'Malformed URL' };
  }
  if (url.protocol !== `${appScheme}:` || url.host !== appHost || url.username !== '' || url.password !== '') {
    return { ok: false, status: 403, reason: 'Foreign origin' };
  }

  const rawSegments = url.pathname.split('/').slice(1);
  // "/" parses to one empty segment; that is the entry point.
  if (rawSegments.length === 1 && rawSegments[0] === '') return { ok: true, filePath: join(resolve(rootDir), indexFile) };

  const segments: string[] = [];
  for (const raw of rawSegments) {
    let segment: string;
    try {
      segment = decodeURIComponent(raw);
    } catch {
      return { ok: false, status: 400, reason: 'Malformed percent-encoding' };
    }
    if (!isSafeSegment(segment)) return { ok: false, status: 400, reason: 'Unsafe path segment' };
    segments.push(segment);
  }

  const last = segments.at(-1) ?? '';
  // Client-side routes (/incidents/42) have no extension: hand them the SPA entry point.
  const relativePath = extname(last) === '' ? [indexFile] : segments;

  const root = resolve(rootDir);
  const filePath = resolve(root, ...relativePath);
  const fromRoot = relative(root, filePath);
  if (fromRoot === '' || fromRoot.startsWith('..') || isAbsolute(fromRoot) || !filePath.startsWith(root + sep)) {
    return { ok: false, status: 403, reason: 'Outside the renderer directory' };
  }
  return { ok: true, filePath };
}

function isSafeSegment(segment: string): boolean {
  if (segment === '' || segment.startsWith('.')) return false;
  // Slash/backslash: a decoded separator. Colon: Windows drive letters and alternate data streams.
  // Control characters (including NUL): never legitimate in our file names.
  // eslint-disable-next-line no-control-regex
  return !/[/\\:\u0000-\u001f\u007f]/.test(segment);
}

const mimeTypes: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.webmanifest': 'application/manifest+json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.avif': 'image/avif',
  '.ico': 'image/x-icon',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.ttf': 'font/ttf',
  '.otf': 'font/otf',
  '.wasm': 'application/wasm',
};

/**
 * MIME type for a served file. Module scripts are refused by Chromium unless served with a
 * JavaScript type, so this must be right for .js; unknown types are sent as opaque bytes (and
 * nosniff stops the browser from guessing otherwise).
 */
export function mimeTypeFor(filePath: string): string {
  return mimeTypes[extname(filePath).toLowerCase()] ?? 'application/octet-stream';
}

/** Headers on every app:// response, successful or not. */
export function appResponseHeaders(contentType: string, contentSecurityPolicy: string): Record<string, string> {
  return {
    'Content-Type': contentType,
    'Content-Security-Policy': contentSecurityPolicy,
    'X-Content-Type-Options': 'nosniff',
    'Referrer-Policy': 'no-referrer',
    'Cross-Origin-Opener-Policy': 'same-origin',
    'Cross-Origin-Resource-Policy': 'same-origin',
    // The renderer is immutable for the life of the process, but a dev rebuild must show up on reload.
    'Cache-Control': 'no-cache',
  };
}

export type AppProtocolHandlerOptions = {
  /** Absolute path of the built renderer (out/renderer). */
  rootDir: string;
  /** Reads a whole file; injected so the handler can be tested without touching Electron. */
  readFile: (filePath: string) => Promise<Uint8Array<ArrayBuffer>>;
  /** The policy for each response; a function, because the allowed sync server can change. */
  contentSecurityPolicy?: string | (() => string);
};

/**
 * Builds the function given to protocol.handle(appScheme, ...). It never throws: a missing file
 * or read error becomes a 404 so the renderer sees an ordinary failed request.
 */
export function createAppProtocolHandler(options: AppProtocolHandlerOptions): (request: AppRequest) => Promise<Response> {
  const policyOption = options.contentSecurityPolicy ?? appContentSecurityPolicy;
  return async (request) => {
    const policy = typeof policyOption === 'function' ? policyOption() : policyOption;
    const resolution = resolveAppRequest(request, options.rootDir);
    if (!resolution.ok) {
      return new Response(resolution.reason, {
        status: resolution.status,
        headers: appResponseHeaders('text/plain; charset=utf-8', policy),
      });
    }
    try {
      const body = await options.readFile(resolution.filePath);
      return new Response(body, { status: 200, headers: appResponseHeaders(mimeTypeFor(resolution.filePath), policy) });
    } catch {
      return new Response('Not found', { status: 404, headers: appResponseHeaders('text/plain; charset=utf-8', policy) });
    }
  };
}

/**
 * Adds the CSP to response headers of app:// responses (for session.webRequest.onHeadersReceived),
 * replacing any existing policy header whatever its casing. Other URLs pass through unchanged:
 * the dev server's responses are Vite's business, and remote URLs never load at all.
 */
export function withContentSecurityPolicy(
  url: string,
  headers: Record<string, string[]> | undefined,
  contentSecurityPolicy: string = appContentSecurityPolicy,
): Record<string, string[]> | undefined {
  if (!isAppProtocolUrl(url)) return headers;
  const next: Record<string, string[]> = {};
  for (const [name, value] of Object.entries(headers ?? {})) {
    if (name.toLowerCase() !== 'content-security-policy') next[name] = value;
  }
  next['Content-Security-Policy'] = [contentSecurityPolicy];
  return next;
}
