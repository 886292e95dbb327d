/**
 * Builds the HTTP server: security headers, CORS allowlist, body limit, protocol version check,
 * uniform errors, then the routes. Storage, clock and id generator are passed in (tests pin them).
 */
import Fastify, { type FastifyInstance } from 'fastify';
import { ZodError } from 'zod';
import { maxRequestBytes, minimumClientSchemaVersion, schemaVersionHeader, type ErrorResponse } from '../shared/sync/protocol';
import type { ServerConfig } from './config';
import { HttpError } from './httpError';
import { registerAccountRoutes } from './routes/accountRoutes';
import { registerHealthRoutes } from './routes/healthRoutes';
import { registerSyncRoutes } from './routes/syncRoutes';
import { registerWebRoutes } from './routes/webRoutes';
import { applySecurityHeaders, isAllowedOrigin } from './security';
import type { SqlDatabase } from './storage/sqlDatabase';
import { PokeHub } from './sync/pokeHub';

export type ServerDependencies = {
  db: SqlDatabase;
  config: ServerConfig;
  nowMs: () => number;
  newId: () => string;
  log?: boolean;
};

export type ServerContext = ServerDependencies & { pokes: PokeHub };

export const serverVersion = '0.1.0';

export async function buildServer(dependencies: ServerDependencies): Promise<FastifyInstance> {
  const app = Fastify({
    bodyLimit: maxRequestBytes,
    trustProxy: dependencies.config.trustProxy,
    logger: dependencies.log
      ? { level: 'info', redact: ['req.headers.authorization', 'req.headers.cookie', 'req.body.password', 'req.body.refreshToken'] }
      : false,
  });
  const pokes = await PokeHub.start(dependencies.db);
  const context: ServerContext = { ...dependencies, pokes };
  app.addHook('onClose', async () => pokes.stop());

  app.addHook('onRequest', async (request, reply) => {
    applySecurityHeaders(reply);
    const origin = request.headers.origin;
    if (origin && isAllowedOrigin(origin, dependencies.config.corsOrigins)) {
      reply.header('access-control-allow-origin', origin);
      reply.header('vary', 'Origin');
      reply.header('access-control-allow-headers', `authorization, content-type, ${schemaVersionHeader}`);
      reply.header('access-control-allow-methods', 'GET, POST, OPTIONS');
      reply.header('access-control-max-age', '600');
    }
    if (request.method === 'OPTIONS') {
      await reply.code(origin && isAllowedOrigin(origin, dependencies.config.corsOrigins) ? 204 : 403).send();
      return reply;
    }
    if (request.url.startsWith('/sync/') || request.url.startsWith('/auth/')) {
      const version = Number(request.headers[schemaVersionHeader]);
      if (!Number.isInteger(version) || version < minimumClientSchemaVersion) {
        throw new HttpError(426, 'client-too-old', `This version of Firebreak is too old for the team server (it needs schema ${minimumClientSchemaVersion} or newer). Update Firebreak, then sync again; your local data is kept.`);
      }
    }
    return undefined;
  });

  app.setErrorHandler((error, request, reply) => {
    let status = 500;
    let body: ErrorResponse = { error: 'server-error', message: 'The server failed to handle this request.' };
    if (error instanceof HttpError) {
      status = error.status;
      body = { error: error.code, message: error.message };
    } else if (error instanceof ZodError) {
      status = 400;
      const issue = error.issues[0];
      body = { error: 'invalid-request', message: `Invalid request${issue ? ` at ${issue.path.join('.') || 'body'}: ${issue.message}` : ''}` };
    } else if ((error as { statusCode?: number }).statusCode === 413) {
      status = 413;
      body = { error: 'payload-too-large', message: `The request is larger than ${maxRequestBytes / 1024 / 1024} MB.` };
    } else if ((error as { statusCode?: number }).statusCode === 400) {
      status = 400;
      body = { error: 'invalid-request', message: (error as Error).message };
    } else {
      request.log.error({ err: error }, 'unhandled error');
    }
    if (status === 401 || status === 403) request.log.warn({ url: request.url, status }, 'access refused');
    void reply.code(status).send(body);
  });

  registerHealthRoutes(app, context);
  registerAccountRoutes(app, context);
  registerSyncRoutes(app, context);
  registerWebRoutes(app, context);
  return app;
}
