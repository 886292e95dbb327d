/**
 * In-memory sliding-window limits on login: failures per account (so one account cannot be
 * guessed at quickly from many addresses) and attempts per client IP (so one address cannot
 * spray many accounts). A successful login clears the account's failures. The client IP is
 * Fastify's `request.ip`, which honours X-Forwarded-For only when `trustProxy` is configured.
 *
 * Per process: with several server processes an attacker gets the limit once per process, which
 * is still a hard ceiling. Memory is bounded by evicting the oldest keys.
 */

export type RateLimitSettings = {
  accountFailures: number;
  accountWindowMs: number;
  ipAttempts: number;
  ipWindowMs: number;
  /** The most keys kept per kind; the least recently touched go first. */
  maxKeys: number;
};

export const defaultRateLimitSettings: RateLimitSettings = {
  accountFailures: 5,
  accountWindowMs: 15 * 60 * 1000,
  ipAttempts: 30,
  ipWindowMs: 15 * 60 * 1000,
  maxKeys: 100_000,
};

/** Whether a login may be attempted now; when not, how many seconds until it may. */
export type RateLimitVerdict = { allowed: true } | { allowed: false; retryAfterSeconds: number; scope: 'account' | 'ip' };

class SlidingWindow {
  private readonly hits = new Map<string, number[]>();

  constructor(
    private readonly limit: number,
    private readonly windowMs: number,
    private readonly maxKeys: number,
  ) {}

  private recent(key: string, nowMs: number): number[] {
    const times = (this.hits.get(key) ?? []).filter((time) => time > nowMs - this.windowMs);
    if (times.length === 0) this.hits.delete(key);
    return times;
  }

  /** Seconds until a slot frees up, or 0 when one is free now. */
  waitSeconds(key: string, nowMs: number): number {
    const times = this.recent(key, nowMs);
    if (times.length < this.limit) return 0;
    const freesAt = times[times.length - this.limit]! + this.windowMs;
    return Math.max(1, Math.ceil((freesAt - nowMs) / 1000));
  }

  record(key: string, nowMs: number): void {
    const times = this.recent(key, nowMs);
    times.push(nowMs);
    // Only the newest `limit` hits matter for the verdict.
    if (times.length > this.limit) times.splice(0, times.length - this.limit);
    this.hits.delete(key);
    this.hits.set(key, times);
    if (this.hits.size > this.maxKeys) {
      const oldest = this.hits.keys().next().value;
      if (oldest !== undefined) this.hits.delete(oldest);
    }
  }

  clear(key: string): void {
    this.hits.delete(key);
  }
}

export class LoginRateLimiter {
  private readonly accounts: SlidingWindow;
  private readonly ips: SlidingWindow;

  constructor(settings: RateLimitSettings = defaultRateLimitSettings) {
    this.accounts = new SlidingWindow(settings.accountFailures, settings.accountWindowMs, settings.maxKeys);
    this.ips = new SlidingWindow(settings.ipAttempts, settings.ipWindowMs, settings.maxKeys);
  }

  check(account: string, ip: string, nowMs: number): RateLimitVerdict {
    const ipWait = this.ips.waitSeconds(ip, nowMs);
    const accountWait = this.accounts.waitSeconds(account, nowMs);
    if (ipWait === 0 && accountWait === 0) return { allowed: true };
    return accountWait >= ipWait ? { allowed: false, retryAfterSeconds: accountWait, scope: 'account' } : { allowed: false, retryAfterSeconds: ipWait, scope: 'ip' };
  }

  /** Every attempt counts against the IP, successful or not. */
  recordAttempt(ip: string, nowMs: number): void {
    this.ips.record(ip, nowMs);
  }

  recordFailure(account: string, nowMs: number): void {
    this.accounts.record(account, nowMs);
  }

  recordSuccess(account: string): void {
    this.accounts.clear(account);
  }
}
