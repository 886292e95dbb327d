/**
 * Runs sync: one leader per app (Web Locks), cycles of push then pull, triggered by start, server
 * pokes, focus, the 'online' event, a timer and local writes, with exponential backoff and jitter
 * after failures. Status goes to the SyncStatusStore for the status bar.
 */
import { liveQuery, type Subscription } from 'dexie';
import { maxPushMutations, maxPullLimit, type MutationOutcome } from '../../shared/sync/protocol';
import { syncSchemaVersion } from '../../shared/sync/mutation';
import type { DataEnvironment } from '../data/dataEnvironment';
import {
  assignDefaultTeam,
  markSynced,
  readSyncAccount,
  readSyncCursor,
  readSyncSession,
  updateSessionTokens,
  type SyncAccount,
} from '../data/syncSettings';
import { acknowledge, applyPulledPage, countPendingMutations, readPendingMutations, rollbackRejected } from '../data/syncStore';
import { ensureDevice } from '../data/writeTransaction';
import { OfflineError, SyncClient, SyncHttpError, type FetchFunction, type TokenSource } from './syncClient';
import { SyncStatusStore } from './syncStatus';

const periodicSyncMs = 30_000;
/** Big pages: a page costs a round trip and a transaction, whatever its size. */
const pullPageSize = maxPullLimit;
const localWriteDebounceMs = 300;
const maxBackoffMs = 60_000;
/** A pull this far behind the server shows a progress bar. */
const largePullThreshold = 2000;

export type SyncEngineOptions = {
  fetch?: FetchFunction;
  status?: SyncStatusStore;
  /** Whether to follow /sync/events and window events; tests drive cycles by hand. */
  isLive?: boolean;
  random?: () => number;
};

export type CycleResult = { ok: true; pushed: number; pulled: number } | { ok: false; error: unknown };

export class SyncEngine {
  readonly status: SyncStatusStore;
  private readonly fetchFunction: FetchFunction;
  private readonly isLive: boolean;
  private readonly random: () => number;
  private running: Promise<CycleResult> | null = null;
  private isRerunWanted = false;
  private stopController: AbortController | null = null;
  private failures = 0;
  private retryTimer: ReturnType<typeof setTimeout> | null = null;
  private debounceTimer: ReturnType<typeof setTimeout> | null = null;
  private periodicTimer: ReturnType<typeof setInterval> | null = null;
  private outboxSubscription: Subscription | null = null;
  private refreshing: Promise<string | null> | null = null;
  private isSignInNeeded = false;
  private removeWindowListeners: (() => void) | null = null;

  constructor(
    private readonly environment: DataEnvironment,
    options: SyncEngineOptions = {},
  ) {
    this.fetchFunction = options.fetch ?? ((...args) => fetch(...args));
    this.status = options.status ?? new SyncStatusStore();
    this.isLive = options.isLive ?? true;
    this.random = options.random ?? Math.random;
  }

  /**
   * Starts syncing when a server is configured and someone is signed in. With several windows
   * open, only the one holding the 'firebreak-sync' lock syncs; the others wait for it.
   */
  async start(): Promise<void> {
    if (this.stopController) return;
    const stop = new AbortController();
    this.stopController = stop;
    const account = await readSyncAccount(this.environment);
    if (!account || stop.signal.aborted) {
      this.status.update({ state: 'local-only', errorMessage: null, action: null, progress: null });
      if (!account) this.stopController = null;
      return;
    }
    this.isSignInNeeded = false;
    const lead = async () => {
      if (stop.signal.aborted) return;
      this.beginLeading(stop.signal);
      // Hold the lock until stopped.
      await new Promise<void>((resolve) => stop.signal.addEventListener('abort', () => resolve(), { once: true }));
    };
    const locks = typeof navigator !== 'undefined' ? navigator.locks : undefined;
    if (locks && this.isLive) {
      this.status.update({ state: 'offline', errorMessage: null, action: null });
      void locks.request('firebreak-sync', { signal: stop.signal }, lead).catch(() => undefined);
    } else {
      void lead();
    }
  }

  /** Stops every timer, stream and trigger; local data is untouched. */
  stop(): void {
    this.stopController?.abort();
    this.stopController = null;
    for (const timer of [this.retryTimer, this.debounceTimer]) if (timer) clearTimeout(timer);
    if (this.periodicTimer) clearInterval(this.periodicTimer);
    this.retryTimer = this.debounceTimer = this.periodicTimer = null;
    this.outboxSubscription?.unsubscribe();
    this.outboxSubscription = null;
    this.removeWindowListeners?.();
    this.removeWindowListeners = null;
    this.status.update({ state: 'local-only', progress: null, errorMessage: null, action: null });
  }

  get isStarted(): boolean {
    return this.stopController !== null;
  }

  /** Asks for a sync now (ignoring any backoff); resolves when that cycle finishes. */
  syncNow(): Promise<CycleResult> {
    this.failures = 0;
    if (this.retryTimer) clearTimeout(this.retryTimer);
    this.retryTimer = null;
    return this.requestCycle();
  }

  private beginLeading(signal: AbortSignal): void {
    void this.syncNow();
    if (!this.isLive) return;
    this.periodicTimer = setInterval(() => this.requestUnlessBackingOff(), periodicSyncMs);
    this.outboxSubscription = liveQuery(() => countPendingMutations(this.environment)).subscribe({
      next: (count) => {
        this.status.update({ pendingCount: count });
        if (count === 0) return;
        if (this.debounceTimer) clearTimeout(this.debounceTimer);
        this.debounceTimer = setTimeout(() => this.requestUnlessBackingOff(), localWriteDebounceMs);
      },
      error: (error: unknown) => console.error('Sync stopped following local changes', error),
    });
    if (typeof window !== 'undefined') {
      const onWake = () => void this.syncNow();
      window.addEventListener('focus', onWake);
      window.addEventListener('online', onWake);
      // A hint only: the cycle it starts finds out for real (a failed request means offline).
      window.addEventListener('offline', onWake);
      this.removeWindowListeners = () => {
        window.removeEventListener('focus', onWake);
        window.removeEventListener('online', onWake);
        window.removeEventListener('offline', onWake);
      };
    }
    void this.followEvents(signal);
  }

  private requestUnlessBackingOff(): void {
    if (this.retryTimer) return;
    void this.requestCycle();
  }

  /** One cycle at a time; a request during a cycle runs one more cycle right after it. */
  private requestCycle(): Promise<CycleResult> {
    if (this.running) {
      this.isRerunWanted = true;
      return this.running;
    }
    const run = async (): Promise<CycleResult> => {
      let result: CycleResult;
      do {
        this.isRerunWanted = false;
        result = await this.runCycle();
      } while (this.isRerunWanted && result.ok && this.stopController);
      return result;
    };
    this.running = run().finally(() => {
      this.running = null;
    });
    return this.running;
  }

  private tokenSource(account: SyncAccount): TokenSource {
    return {
      getAccessToken: async () => (await readSyncSession(this.environment))?.accessToken ?? null,
      refresh: () => {
        // The event stream and a cycle can both see a 401; the refresh token rotates, so only
        // one refresh may be in flight.
        this.refreshing ??= this.refreshSession(account).finally(() => {
          this.refreshing = null;
        });
        return this.refreshing;
      },
    };
  }

  private async refreshSession(account: SyncAccount): Promise<string | null> {
    const session = await readSyncSession(this.environment);
    if (!session) return null;
    try {
      const renewed = await new SyncClient(account.config.serverUrl, this.fetchFunction).refresh(session.refreshToken);
      await updateSessionTokens(this.environment, renewed);
      return renewed.accessToken;
    } catch (error) {
      if (error instanceof SyncHttpError && (error.status === 401 || error.status === 400)) {
        this.isSignInNeeded = true;
        return null;
      }
      throw error;
    }
  }

  private async clientFor(): Promise<{ client: SyncClient; account: SyncAccount } | null> {
    const account = await readSyncAccount(this.environment);
    if (!account) return null;
    return { client: new SyncClient(account.config.serverUrl, this.fetchFunction, this.tokenSource(account)), account };
  }

  /** Push every pending change, then pull until the server has nothing newer. */
  async runCycle(): Promise<CycleResult> {
    const connection = await this.clientFor();
    if (!connection) {
      this.status.update({ state: 'local-only', progress: null, errorMessage: null, action: null });
      return { ok: true, pushed: 0, pulled: 0 };
    }
    if (this.isSignInNeeded) return this.fail(new SyncHttpError(401, 'unauthenticated', 'Your session has ended. Sign in again to keep syncing.'));
    const { client } = connection;
    this.status.update({ state: 'syncing', errorMessage: null, action: null });
    try {
      const device = await ensureDevice(this.environment);
      let pushed = 0;
      let hasAssignedTeams = false;
      for (;;) {
        let mutations = await readPendingMutations(this.environment, maxPushMutations);
        let pendingCount = await countPendingMutations(this.environment);
        if (mutations.length === 0 && pendingCount > 0 && !hasAssignedTeams) {
          // Changes wait on incidents that have no team yet (made before signing in, or imported):
          // they join the default team. Only then, because it reads every incident.
          hasAssignedTeams = true;
          await assignDefaultTeam(this.environment);
          mutations = await readPendingMutations(this.environment, maxPushMutations);
          pendingCount = await countPendingMutations(this.environment);
        }
        this.status.update({ pendingCount });
        if (mutations.length === 0) break;
        const response = await client.push({ clientId: device.deviceId, schemaVersion: syncSchemaVersion, mutations });
        const accepted: number[] = [];
        const rejected: MutationOutcome[] = [];
        for (const outcome of response.outcomes) {
          if (outcome.status === 'rejected') rejected.push(outcome);
          else accepted.push(outcome.mutationId);
        }
        await acknowledge(this.environment, accepted, response.latestSeq);
        for (const outcome of rejected) await rollbackRejected(this.environment, outcome);
        pushed += accepted.length;
        // A server that answers for none of them would otherwise make this loop spin.
        if (accepted.length + rejected.length === 0) break;
      }

      let pulled = 0;
      const startCursor = (await readSyncCursor(this.environment)).pullCursor;
      let cursor = startCursor;
      // The next page is fetched while this one is written to IndexedDB, so the network and the
      // server overlap with the local writes instead of waiting for them.
      const teamIds = connection.account.config.syncedTeamIds ?? null;
      let nextPage = client.pull(cursor, pullPageSize, teamIds);
      for (;;) {
        const page = await nextPage;
        if (page.hasMore) {
          nextPage = client.pull(page.nextCursor, pullPageSize, teamIds);
          // Its failure surfaces when awaited; until then it must not count as unhandled.
          nextPage.catch(() => {});
        }
        const result = await applyPulledPage(this.environment, page.rows, page.nextCursor);
        pulled += page.rows.length;
        cursor = page.nextCursor;
        const behind = page.latestSeq - startCursor;
        this.status.update({
          progress: page.hasMore && behind > largePullThreshold ? { received: Math.max(0, cursor - startCursor), total: behind } : null,
          ...(result.skipped.length > 0 ? { errorMessage: `${result.skipped.length} changes from the server could not be applied; see the conflict log.` } : {}),
        });
        if (!page.hasMore) break;
      }
      const nowMs = this.environment.nowMs();
      await markSynced(this.environment, nowMs);
      this.failures = 0;
      this.status.update({ state: 'up-to-date', lastSyncedAtMs: nowMs, progress: null, pendingCount: await countPendingMutations(this.environment) });
      return { ok: true, pushed, pulled };
    } catch (error) {
      return this.fail(error);
    }
  }

  private fail(error: unknown): CycleResult {
    this.status.update({ progress: null });
    if (error instanceof OfflineError) {
      this.status.update({ state: 'offline', errorMessage: null, action: null });
      this.scheduleRetry();
    } else if (error instanceof SyncHttpError && error.code === 'unauthenticated') {
      this.isSignInNeeded = true;
      // No retries: only the person can fix this.
      this.status.update({ state: 'error', errorMessage: error.message, action: 'sign-in' });
    } else if (error instanceof SyncHttpError && error.code === 'client-too-old') {
      this.status.update({ state: 'error', errorMessage: error.message, action: 'update' });
    } else {
      const message = error instanceof Error ? error.message : String(error);
      this.status.update({ state: 'error', errorMessage: message, action: 'retry' });
      // Server errors, rate limits and even refused requests are retried with backoff: a refusal
      // may come from a server being upgraded, and the backoff keeps retries cheap.
      this.scheduleRetry();
      if (!(error instanceof SyncHttpError)) console.error('Sync failed', error);
    }
    return { ok: false, error };
  }

  /** Exponential backoff with full jitter, capped, so a fleet of clients does not retry in step. */
  private scheduleRetry(): void {
    this.failures += 1;
    if (!this.stopController || !this.isLive) return;
    const ceiling = Math.min(maxBackoffMs, 1000 * 2 ** Math.min(this.failures, 10));
    const delay = ceiling / 2 + this.random() * (ceiling / 2);
    if (this.retryTimer) clearTimeout(this.retryTimer);
    this.retryTimer = setTimeout(() => {
      this.retryTimer = null;
      void this.requestCycle();
    }, delay);
  }

  /** Follows the poke stream; reconnects with backoff; a poke newer than the cursor pulls. */
  private async followEvents(signal: AbortSignal): Promise<void> {
    let attempt = 0;
    while (!signal.aborted) {
      const connection = await this.clientFor();
      if (!connection || this.isSignInNeeded) return;
      try {
        await connection.client.followEvents(
          signal,
          (latestSeq) => {
            void readSyncCursor(this.environment).then((cursor) => {
              if (latestSeq > cursor.pullCursor) void this.requestCycle();
            });
          },
          () => {
            attempt = 0;
          },
        );
      } catch (error) {
        if (error instanceof SyncHttpError && error.code === 'unauthenticated') return;
      }
      if (signal.aborted) return;
      attempt += 1;
      const ceiling = Math.min(maxBackoffMs, 1000 * 2 ** Math.min(attempt, 10));
      await new Promise((resolve) => setTimeout(resolve, ceiling / 2 + this.random() * (ceiling / 2)));
    }
  }
}

let appEngine: SyncEngine | null = null;

/** The app's one engine (the app's status bar reads its status store). */
export function getSyncEngine(environment: DataEnvironment, status: SyncStatusStore): SyncEngine {
  appEngine ??= new SyncEngine(environment, { status });
  return appEngine;
}
