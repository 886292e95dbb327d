/**
 * HTTP client for the team server. Every response is parsed with the protocol schemas, so a
 * server speaking another dialect fails loudly here rather than corrupting local data. A request
 * that cannot reach the server at all is "offline", whatever navigator.onLine says.
 */
import { z } from 'zod';
import { syncSchemaVersion } from '../../shared/sync/mutation';
import {
  errorResponseSchema,
  pullResponseSchema,
  pushResponseSchema,
  schemaVersionHeader,
  sessionSchema,
  teamMembershipSchema,
  type PullResponse,
  type PushRequest,
  type PushResponse,
  type Session,
  type SyncErrorCode,
} from '../../shared/sync/protocol';

/** The server could not be reached (no network, DNS, refused, aborted by timeout). */
export class OfflineError extends Error {
  constructor(cause: unknown) {
    super('The team server cannot be reached.', { cause });
    this.name = 'OfflineError';
  }
}

/** The server answered with an error (or with something that is not the protocol). */
export class SyncHttpError extends Error {
  constructor(
    readonly status: number,
    readonly code: SyncErrorCode | 'bad-response',
    message: string,
  ) {
    super(message);
    this.name = 'SyncHttpError';
  }
}

/** Supplies and renews the access token; refresh() returns null when the session is over. */
export type TokenSource = {
  getAccessToken(): Promise<string | null>;
  refresh(): Promise<string | null>;
};

export type FetchFunction = typeof fetch;

const meResponseSchema = z.strictObject({
  user: sessionSchema.shape.user,
  teams: z.array(teamMembershipSchema),
  deviceCode: sessionSchema.shape.deviceCode,
});
export type MeResponse = z.infer<typeof meResponseSchema>;

const requestTimeoutMs = 30_000;

/** Trims and checks a server address typed by a person; returns the origin-relative base or an error. */
export function normaliseServerUrl(input: string): { ok: true; url: string } | { ok: false; error: string } {
  const trimmed = input.trim();
  let url: URL;
  try {
    url = new URL(trimmed);
  } catch {
    return { ok: false, error: 'Enter the full address, for example https://firebreak.example.org' };
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return { ok: false, error: 'The address must start with https:// or http://' };
  if (url.username || url.password) return { ok: false, error: 'Leave the user name and password out of the address' };
  return { ok: true, url: `${url.origin}${url.pathname.replace(/\/+$/, '')}` };
}

export class SyncClient {
  constructor(
    readonly serverUrl: string,
    private readonly fetchFunction: FetchFunction = (...args) => fetch(...args),
    private readonly tokens: TokenSource | null = null,
  ) {}

  login(email: string, password: string, deviceId: string): Promise<Session> {
    return this.request('POST', '/auth/login', sessionSchema, { body: { email, password, deviceId }, isAuthorized: false });
  }

  refresh(refreshToken: string): Promise<Session> {
    return this.request('POST', '/auth/refresh', sessionSchema, { body: { refreshToken }, isAuthorized: false });
  }

  /** Revokes the session on the server. */
  async logout(accessToken: string): Promise<void> {
    await this.send('POST', '/auth/logout', { accessToken, body: {} });
  }

  me(): Promise<MeResponse> {
    return this.request('GET', '/auth/me', meResponseSchema, {});
  }

  push(request: PushRequest): Promise<PushResponse> {
    return this.request('POST', '/sync/push', pushResponseSchema, { body: request });
  }

  /** `teamIds` null pulls every team of the account. */
  pull(cursor: number, limit: number, teamIds: readonly string[] | null = null): Promise<PullResponse> {
    const teams = teamIds === null ? '' : `&teams=${encodeURIComponent(teamIds.join(','))}`;
    return this.request('GET', `/sync/pull?cursor=${cursor}&limit=${limit}${teams}`, pullResponseSchema, {});
  }

  /**
   * Follows the server's event stream until it ends or `signal` aborts, calling `onPoke` with the
   * server's latest sequence. EventSource cannot send an Authorization header, hence fetch.
   */
  async followEvents(signal: AbortSignal, onPoke: (latestSeq: number) => void, onOpen: () => void = () => {}): Promise<void> {
    const response = await this.authorized('GET', '/sync/events', undefined, signal, false);
    if (!response.body) throw new SyncHttpError(response.status, 'bad-response', 'The server sent no event stream.');
    onOpen();
    const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
    let buffer = '';
    let eventName = '';
    let data = '';
    try {
      for (;;) {
        const { value, done } = await reader.read();
        if (done) return;
        buffer += value;
        let newline: number;
        while ((newline = buffer.indexOf('\n')) >= 0) {
          const line = buffer.slice(0, newline).replace(/\r$/, '');
          buffer = buffer.slice(newline + 1);
          if (line === '') {
            if (eventName === 'poke') {
              const parsed = z.object({ latestSeq: z.number().int().nonnegative() }).safeParse(safeJson(data));
              if (parsed.success) onPoke(parsed.data.latestSeq);
            }
            eventName = '';
            data = '';
          } else if (line.startsWith('event:')) eventName = line.slice(6).trim();
          else if (line.startsWith('data:')) data += line.slice(5).trim();
          // Lines starting with ':' are keep-alive comments.
        }
      }
    } catch (error) {
      if (signal.aborted) return;
      throw new OfflineError(error);
    } finally {
      reader.releaseLock();
    }
  }

  private async request<T>(
    method: 'GET' | 'POST',
    path: string,
    schema: z.ZodType<T>,
    options: { body?: unknown; isAuthorized?: boolean },
  ): Promise<T> {
    const response =
      options.isAuthorized === false
        ? await this.send(method, path, { body: options.body })
        : await this.authorized(method, path, options.body);
    const parsed = schema.safeParse(await readJson(response));
    if (!parsed.success) throw new SyncHttpError(response.status, 'bad-response', 'The team server sent an answer this version of Firebreak does not understand.');
    return parsed.data;
  }

  /** Sends with the access token; on 401 renews the token once and retries. */
  private async authorized(method: 'GET' | 'POST', path: string, body: unknown, signal?: AbortSignal, isTimed = true): Promise<Response> {
    if (!this.tokens) throw new SyncHttpError(401, 'unauthenticated', 'Sign in to sync.');
    const token = await this.tokens.getAccessToken();
    if (!token) throw new SyncHttpError(401, 'unauthenticated', 'Sign in again to keep syncing.');
    try {
      return await this.send(method, path, { body, accessToken: token, signal, isTimed });
    } catch (error) {
      if (!(error instanceof SyncHttpError) || error.status !== 401) throw error;
      const renewed = await this.tokens.refresh();
      if (!renewed) throw new SyncHttpError(401, 'unauthenticated', 'Your session has ended. Sign in again to keep syncing.');
      return this.send(method, path, { body, accessToken: renewed, signal, isTimed });
    }
  }

  /** One HTTP exchange; throws OfflineError when unreachable, SyncHttpError on an error status. */
  private async send(
    method: 'GET' | 'POST',
    path: string,
    options: { body?: unknown; accessToken?: string; signal?: AbortSignal; isTimed?: boolean },
  ): Promise<Response> {
    const headers: Record<string, string> = { [schemaVersionHeader]: String(syncSchemaVersion) };
    if (options.accessToken) headers['authorization'] = `Bearer ${options.accessToken}`;
    if (options.body !== undefined && method === 'POST') headers['content-type'] = 'application/json';
    const signals = [options.signal, options.isTimed === false ? undefined : AbortSignal.timeout(requestTimeoutMs)].filter(
      (signal): signal is AbortSignal => signal !== undefined,
    );
    let response: Response;
    try {
      response = await this.fetchFunction(`${this.serverUrl}${path}`, {
        method,
        headers,
        body: method === 'POST' && options.body !== undefined ? JSON.stringify(options.body) : undefined,
        signal: signals.length > 0 ? AbortSignal.any(signals) : undefined,
        // Tokens travel in the Authorization header only; no cookies.
        credentials: 'omit',
      });
    } catch (error) {
      throw new OfflineError(error);
    }
    if (response.ok) return response;
    const payload = errorResponseSchema.safeParse(await readJson(response));
    if (payload.success) throw new SyncHttpError(response.status, payload.data.error, payload.data.message);
    throw new SyncHttpError(response.status, response.status >= 500 ? 'server-error' : 'bad-response', `The team server answered ${response.status}.`);
  }
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return null;
  }
}

async function readJson(response: Response): Promise<unknown> {
  if (response.status === 204) return null;
  try {
    return safeJson(await response.text());
  } catch (error) {
    throw new OfflineError(error);
  }
}
