import type { FastifyInstance } from 'fastify';
import { serverVersion, type ServerContext } from '../app';

export function registerHealthRoutes(app: FastifyInstance, context: ServerContext): void {
  app.get('/health', async () => {
    await context.db.query('select 1');
    return { status: 'ok', version: serverVersion, database: context.db.kind === 'postgres' ? 'postgresql' : 'pglite' };
  });
}
