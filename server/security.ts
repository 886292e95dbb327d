/**
 * Response headers for every reply, and the CORS origin check. The headers are set with
 * `reply.header`, so a route that serves something else (the web app's HTML and assets) simply
 * sets its own Content-Security-Policy or Cache-Control afterwards and replaces these.
 */
import type { FastifyReply } from 'fastify';

/** For JSON API answers: nothing may load or frame them. */
export const apiContentSecurityPolicy = "default-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'";

export const securityHeaders: Readonly<Record<string, string>> = {
  'content-security-policy': apiContentSecurityPolicy,
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'no-referrer',
  'x-frame-options': 'DENY',
  'cross-origin-opener-policy': 'same-origin',
  'cross-origin-resource-policy': 'same-origin',
  // Browsers ignore it over plain http; behind TLS it keeps them on https.
  'strict-transport-security': 'max-age=31536000; includeSubDomains',
  'permissions-policy': 'camera=(), microphone=(), geolocation=(), payment=(), usb=()',
  // API answers carry tokens and incident data: never cache them.
  'cache-control': 'no-store',
};

export function applySecurityHeaders(reply: FastifyReply): void {
  for (const [name, value] of Object.entries(securityHeaders)) reply.header(name, value);
}

/**
 * Exact match against the configured origins. No wildcards: an entry of "*" matches nothing,
 * and neither does the opaque origin "null" (sandboxed frames, file: pages), which any page
 * could produce.
 */
export function isAllowedOrigin(origin: string, allowlist: readonly string[]): boolean {
  if (origin === 'null' || origin === '*' || origin.length > 2048) return false;
  return allowlist.some((allowed) => allowed !== '*' && allowed === origin);
}
