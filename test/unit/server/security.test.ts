// @vitest-environment node
/** Cross-cutting server behaviour: health, security headers, CORS, schema header, body limit. */
import Fastify from 'fastify';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { maxRequestBytes } from '../../../shared/sync/protocol';
import { serverVersion } from '../../../server/app';
import { applySecurityHeaders, securityHeaders } from '../../../server/security';
import { createTestServer, testDatabaseKind, type TestServer } from '../../support/serverHarness';

const allowedOrigin = 'https://firebreak.example.org';
let server: TestServer;

beforeEach(async () => {
  server = await createTestServer({ config: { corsOrigins: [allowedOrigin] } });
});
afterEach(async () => {
  await server.close();
});

describe('GET /health', () => {
  it('reports status, version and the database in use', async () => {
    const response = await server.inject({ method: 'GET', url: '/health' });
    expect(response.statusCode).toBe(200);
    expect(response.json()).toEqual({ status: 'ok', version: serverVersion, database: testDatabaseKind });
  });
});

describe('security headers', () => {
  it('are on every answer: success, not found, refused and invalid', async () => {
    const answers = await Promise.all([
      server.inject({ method: 'GET', url: '/health' }),
      server.inject({ method: 'GET', url: '/no-such-route' }),
      server.inject({ method: 'GET', url: '/auth/me' }),
      server.inject({ method: 'POST', url: '/auth/login', payload: { nope: 1 } }),
    ]);
    expect(answers.map((answer) => answer.statusCode)).toEqual([200, 404, 401, 400]);
    for (const answer of answers) {
      expect(answer.headers['content-security-policy']).toBe("default-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'");
      expect(answer.headers['x-content-type-options']).toBe('nosniff');
      expect(answer.headers['referrer-policy']).toBe('no-referrer');
      expect(answer.headers['x-frame-options']).toBe('DENY');
      expect(answer.headers['cross-origin-opener-policy']).toBe('same-origin');
      expect(answer.headers['cross-origin-resource-policy']).toBe('same-origin');
      expect(answer.headers['strict-transport-security']).toMatch(/^max-age=\d+/);
      expect(answer.headers['cache-control']).toBe('no-store');
      for (const [name, value] of Object.entries(securityHeaders)) expect(answer.headers[name]).toBe(value);
    }
  });

  it('can be overridden by a route that serves something else', async () => {
    const app = Fastify();
    app.addHook('onRequest', async (_request, reply) => applySecurityHeaders(reply));
    app.get('/page', async (_request, reply) => reply.header('content-security-policy', "default-src 'self'").header('cache-control', 'no-cache').type('text/html').send('<p>hi</p>'));
    try {
      const response = await app.inject({ method: 'GET', url: '/page' });
      expect(response.headers['content-security-policy']).toBe("default-src 'self'");
      expect(response.headers['cache-control']).toBe('no-cache');
      expect(response.headers['x-frame-options']).toBe('DENY');
    } finally {
      await app.close();
    }
  });
});

describe('CORS', () => {
  it('echoes an allowed origin and allows its preflight', async () => {
    const response = await server.inject({ method: 'GET', url: '/health', headers: { origin: allowedOrigin } });
    expect(response.headers['access-control-allow-origin']).toBe(allowedOrigin);
    expect(response.headers['vary']).toMatch(/Origin/);
    const preflight = await server.inject({ method: 'OPTIONS', url: '/sync/push', headers: { origin: allowedOrigin, 'access-control-request-method': 'POST' } });
    expect(preflight.statusCode).toBe(204);
    expect(preflight.headers['access-control-allow-headers']).toMatch(/authorization/);
    expect(preflight.headers['access-control-allow-credentials']).toBeUndefined();
  });

  it('gives other origins no CORS headers and refuses their preflight', async () => {
    for (const origin of ['https://evil.example', 'https://firebreak.example.org.evil.example', 'null', 'http://firebreak.example.org']) {
      const response = await server.inject({ method: 'GET', url: '/health', headers: { origin } });
      expect(response.headers['access-control-allow-origin']).toBeUndefined();
      const preflight = await server.inject({ method: 'OPTIONS', url: '/auth/login', headers: { origin, 'access-control-request-method': 'POST' } });
      expect(preflight.statusCode).toBe(403);
      expect(preflight.headers['access-control-allow-origin']).toBeUndefined();
    }
  });
});

describe('protocol guards', () => {
  it('answers 426 client-too-old without the schema header on /auth/ and /sync/', async () => {
    for (const url of ['/auth/login', '/auth/refresh', '/sync/push']) {
      const response = await server.app.inject({ method: 'POST', url, payload: {} });
      expect(response.statusCode).toBe(426);
      expect(response.json().error).toBe('client-too-old');
    }
    const zero = await server.inject({ method: 'POST', url: '/auth/login', payload: {}, headers: { 'x-firebreak-schema': '0' } });
    expect(zero.statusCode).toBe(426);
  });

  it('refuses a body over the limit with 413 before parsing it', async () => {
    const payload = JSON.stringify({ email: 'a@example.org', password: 'x'.repeat(maxRequestBytes), deviceId: 'd' });
    const response = await server.inject({ method: 'POST', url: '/auth/login', payload, headers: { 'content-type': 'application/json' } });
    expect(response.statusCode).toBe(413);
    expect(response.json().error).toBe('payload-too-large');
  });

  it('never echoes passwords or tokens in error answers', async () => {
    const response = await server.inject({ method: 'POST', url: '/auth/login', payload: { email: 'a@example.org', password: 'hunter2-secret', deviceId: 'd', extra: 'x' } });
    expect(response.statusCode).toBe(400);
    expect(response.body).not.toContain('hunter2-secret');
  });
});
