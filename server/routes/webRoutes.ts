/**
 * Serves the web build (out/web) at /, so a browser can use Firebreak straight from the team
 * server, on the same origin as the API (the app's CSP allows connect-src 'self' only).
 */
import type { FastifyInstance } from 'fastify';
import { existsSync } from 'node:fs';
import { readFile, stat } from 'node:fs/promises';
import { extname, resolve, sep } from 'node:path';
import type { ServerContext } from '../app';

const contentTypes: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
};

export const webContentSecurityPolicy =
  "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; font-src 'self'; connect-src 'self'; worker-src 'self' blob:; object-src 'none'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

export function registerWebRoutes(app: FastifyInstance, context: ServerContext): void {
  const root = resolve(context.config.webRoot ?? resolve(import.meta.dirname, '../../out/web'));
  if (!existsSync(resolve(root, 'index.html'))) return;

  app.get('/*', async (request, reply) => {
    const path = decodeURIComponent((request.params as { '*': string })['*'] || 'index.html');
    const file = resolve(root, path);
    // Refuse anything that resolves outside the web root (../, encoded or not).
    if (file !== root && !file.startsWith(root + sep)) return reply.code(404).send({ error: 'invalid-request', message: 'Not found' });
    const info = await stat(file).catch(() => null);
    if (!info?.isFile()) return reply.code(404).send({ error: 'invalid-request', message: 'Not found' });
    const type = contentTypes[extname(file)] ?? 'application/octet-stream';
    reply.header('content-type', type);
    reply.header('content-security-policy', webContentSecurityPolicy);
    // Hashed assets never change; the page and the service worker must always be fresh.
    reply.header('cache-control', path.startsWith('assets/') ? 'public, max-age=31536000, immutable' : 'no-cache');
    return reply.send(await readFile(file));
  });
}
