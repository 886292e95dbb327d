/** /sync/push, /sync/pull and the /sync/events poke stream. */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { defaultPullLimit, maxPullLimit, pushRequestSchema, schemaVersionHeader } from '../../shared/sync/protocol';
import type { ServerContext } from '../app';
import { authenticate } from '../auth/authenticate';
import { applyPush } from '../sync/pushService';
import { pullRows } from '../sync/pullService';

const pullQuerySchema = z.strictObject({
  cursor: z.coerce.number().int().min(0).default(0),
  limit: z.coerce.number().int().min(1).max(maxPullLimit).default(defaultPullLimit),
  /** Comma-separated team ids to pull; all of the user's teams when absent. */
  teams: z.string().max(4000).optional(),
});

const keepAliveMs = 20_000;

export function registerSyncRoutes(app: FastifyInstance, context: ServerContext): void {
  const signedIn = (request: FastifyRequest) => authenticate(request, context.db, context.nowMs());

  app.post('/sync/push', async (request) => {
    const user = await signedIn(request);
    const body = pushRequestSchema.parse(request.body);
    return applyPush({ db: context.db, nowMs: context.nowMs, maxClockAheadMs: context.config.maxClockAheadMs }, user, body);
  });

  app.get('/sync/pull', async (request, reply) => {
    const user = await signedIn(request);
    const query = pullQuerySchema.parse(request.query);
    const wanted = query.teams === undefined ? null : new Set(query.teams.split(',').filter(Boolean));
    // The header was checked (an integer, not too old) before the route ran.
    const clientSchemaVersion = Number(request.headers[schemaVersionHeader]);
    const page = await pullRows(context.db, user, query.cursor, query.limit, wanted, clientSchemaVersion);
    return reply.type('application/json; charset=utf-8').send(page.json);
  });

  app.get('/sync/events', async (request, reply) => {
    const user = await signedIn(request);
    const headers = { ...reply.getHeaders(), 'content-type': 'text/event-stream', 'cache-control': 'no-store', connection: 'keep-alive' };
    reply.hijack();
    const stream = reply.raw;
    stream.writeHead(200, headers as Record<string, string>);
    const send = (event: string, data: unknown) => stream.write(`event: ${event}\ndata: ${JSON.stringify(data)}\n\n`);
    const unsubscribe = context.pokes.subscribe(new Set(user.memberships.keys()), (poke) => send('poke', { latestSeq: poke.latestSeq }));
    send('ready', { teams: [...user.memberships.keys()] });
    const keepAlive = setInterval(() => stream.write(': keep-alive\n\n'), keepAliveMs);
    // The stream lives no longer than the access token: the client reconnects with a fresh one,
    // so a revoked or expired session stops receiving pokes.
    const sessionEnd = setTimeout(() => stream.end(), 15 * 60 * 1000);
    const close = () => {
      clearInterval(keepAlive);
      clearTimeout(sessionEnd);
      unsubscribe();
    };
    request.raw.on('close', close);
    stream.on('close', close);
  });
}
