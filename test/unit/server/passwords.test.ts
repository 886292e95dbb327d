// @vitest-environment node
/** Password hashing, the login rate limiter and the CORS origin check, as plain units. */
import { describe, expect, it } from 'vitest';
import { dummyVerifyPassword, hashPassword, needsRehash, passwordProblem, verifyPassword } from '../../../server/auth/passwords';
import { LoginRateLimiter } from '../../../server/auth/loginRateLimiter';
import { isAllowedOrigin } from '../../../server/security';

const cheap = { log2N: 10, r: 8, p: 1 };

describe('passwords', () => {
  it('hashes with scrypt, a random salt and the parameters in the string', async () => {
    const first = await hashPassword('correct horse battery staple');
    const second = await hashPassword('correct horse battery staple');
    expect(first).toMatch(/^scrypt\$15\$8\$3\$[\w-]{22}\$[\w-]{43}$/);
    expect(first).not.toBe(second);
    expect(await verifyPassword('correct horse battery staple', first)).toBe(true);
    expect(await verifyPassword('correct horse battery stapler', first)).toBe(false);
    expect(await verifyPassword('', first)).toBe(false);
  });

  it('verifies hashes made with other parameters and says when to re-hash them', async () => {
    const old = await hashPassword('päss wörd — ünïcode', cheap);
    expect(old.startsWith('scrypt$10$8$1$')).toBe(true);
    expect(await verifyPassword('päss wörd — ünïcode', old)).toBe(true);
    // NFC and NFD spellings of the same text are the same password.
    expect(await verifyPassword('päss wörd — ünïcode'.normalize('NFD'), old)).toBe(true);
    expect(needsRehash(old)).toBe(true);
    expect(needsRehash(await hashPassword('x', { log2N: 15, r: 8, p: 3 }))).toBe(false);
  });

  it('never matches a malformed or absurd stored hash', async () => {
    for (const stored of ['', 'not-a-hash', 'scrypt$15$8$3$c2FsdA$a2V5', 'scrypt$40$8$1$AAAAAAAAAAAAAAAAAAAAAA$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA', 'bcrypt$x$y$z$a$b']) {
      expect(await verifyPassword('anything', stored)).toBe(false);
    }
  });

  it('spends about as long on an unknown account as on a real one', async () => {
    const real = await hashPassword('correct horse battery staple');
    await dummyVerifyPassword('warm-up');
    // Interleaved, several rounds: other test files may be using the CPU meanwhile.
    let realMs = 0;
    let dummyMs = 0;
    for (let round = 0; round < 3; round += 1) {
      let start = performance.now();
      await verifyPassword('wrong password here', real);
      realMs += performance.now() - start;
      start = performance.now();
      expect(await dummyVerifyPassword('wrong password here')).toBe(false);
      dummyMs += performance.now() - start;
    }
    expect(dummyMs).toBeGreaterThan(realMs * 0.4);
    expect(dummyMs).toBeLessThan(realMs * 2.5);
  });

  it('asks for at least 12 characters and allows long passphrases', () => {
    expect(passwordProblem('short')).toMatch(/at least 12/);
    expect(passwordProblem('twelve chars')).toBeUndefined();
    expect(passwordProblem('x'.repeat(1024))).toBeUndefined();
    expect(passwordProblem('x'.repeat(1025))).toMatch(/at most/);
  });
});

describe('LoginRateLimiter', () => {
  const minute = 60_000;

  it('allows 5 failures per account in 15 minutes, then says how long to wait', () => {
    const limiter = new LoginRateLimiter();
    for (let attempt = 0; attempt < 5; attempt += 1) {
      expect(limiter.check('a@example.org', `10.0.0.${attempt}`, attempt * minute).allowed).toBe(true);
      limiter.recordFailure('a@example.org', attempt * minute);
    }
    const verdict = limiter.check('a@example.org', '10.0.0.99', 5 * minute);
    expect(verdict).toEqual({ allowed: false, scope: 'account', retryAfterSeconds: 10 * 60 });
    // The window slides: the first failure leaves it after 15 minutes.
    expect(limiter.check('a@example.org', '10.0.0.99', 15 * minute + 1).allowed).toBe(true);
    expect(limiter.check('b@example.org', '10.0.0.99', 5 * minute).allowed).toBe(true);
  });

  it('clears an account on success', () => {
    const limiter = new LoginRateLimiter();
    for (let attempt = 0; attempt < 4; attempt += 1) limiter.recordFailure('a@example.org', 0);
    limiter.recordSuccess('a@example.org');
    for (let attempt = 0; attempt < 4; attempt += 1) limiter.recordFailure('a@example.org', 0);
    expect(limiter.check('a@example.org', '10.0.0.1', 0).allowed).toBe(true);
  });

  it('allows 30 attempts per IP in 15 minutes, whatever the account', () => {
    const limiter = new LoginRateLimiter();
    for (let attempt = 0; attempt < 30; attempt += 1) {
      expect(limiter.check(`user${attempt}@example.org`, '10.0.0.1', 0).allowed).toBe(true);
      limiter.recordAttempt('10.0.0.1', 0);
    }
    expect(limiter.check('new@example.org', '10.0.0.1', minute)).toEqual({ allowed: false, scope: 'ip', retryAfterSeconds: 14 * 60 });
    expect(limiter.check('new@example.org', '10.0.0.2', minute).allowed).toBe(true);
  });

  it('keeps a bounded number of keys', () => {
    const limiter = new LoginRateLimiter({ accountFailures: 1, accountWindowMs: minute, ipAttempts: 1, ipWindowMs: minute, maxKeys: 10 });
    for (let index = 0; index < 100; index += 1) limiter.recordFailure(`user${index}@example.org`, 0);
    expect(limiter.check('user99@example.org', 'ip', 0).allowed).toBe(false);
    expect(limiter.check('user0@example.org', 'ip', 0).allowed).toBe(true);
  });
});

describe('isAllowedOrigin', () => {
  const allowlist = ['https://firebreak.example.org', 'app://firebreak'];

  it('matches configured origins exactly', () => {
    expect(isAllowedOrigin('https://firebreak.example.org', allowlist)).toBe(true);
    expect(isAllowedOrigin('app://firebreak', allowlist)).toBe(true);
    for (const origin of ['https://firebreak.example.org.evil.test', 'http://firebreak.example.org', 'https://firebreak.example.org:8443', 'https://evil.test', 'https://FIREBREAK.example.org', '']) {
      expect(isAllowedOrigin(origin, allowlist)).toBe(false);
    }
  });

  it('supports no wildcard and never the opaque origin', () => {
    expect(isAllowedOrigin('https://evil.test', ['*'])).toBe(false);
    expect(isAllowedOrigin('*', ['*'])).toBe(false);
    expect(isAllowedOrigin('null', ['null'])).toBe(false);
    expect(isAllowedOrigin('https://evil.test', [])).toBe(false);
  });
});
