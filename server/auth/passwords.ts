/**
 * Password hashing with scrypt (Node's crypto, no native dependency). The stored string carries
 * its parameters — `scrypt$<log2 N>$<r>$<p>$<salt>$<key>` — so the cost can be raised later:
 * old hashes still verify, and `needsRehash` says when to re-hash on the next successful login.
 */
import { randomBytes, scrypt, timingSafeEqual, type ScryptOptions } from 'node:crypto';

export type ScryptParams = { log2N: number; r: number; p: number };

/**
 * N = 2^15, r = 8, p = 3: one of OWASP's recommended scrypt settings, 32 MiB of memory per hash
 * (so a burst of logins stays within a small server's memory) and about 0.1-0.2 s of CPU.
 */
export const defaultScryptParams: ScryptParams = { log2N: 15, r: 8, p: 3 };

let currentParams: ScryptParams = defaultScryptParams;

/**
 * The cost new hashes get and old ones are upgraded to on login. Only tests lower it (so that
 * dozens of logins per test stay fast); the server always runs with the defaults.
 */
export function setPasswordHashCost(params: ScryptParams): void {
  currentParams = params;
}

const saltBytes = 16;
const keyBytes = 32;
const maxLog2N = 20;

function derive(password: string, salt: Buffer, params: ScryptParams): Promise<Buffer> {
  const N = 2 ** params.log2N;
  const options: ScryptOptions = { N, r: params.r, p: params.p, maxmem: 256 * N * params.r + 1024 * 1024 };
  return new Promise((resolve, reject) => {
    scrypt(password.normalize('NFC'), salt, keyBytes, options, (error, key) => (error ? reject(error) : resolve(key)));
  });
}

export async function hashPassword(password: string, params: ScryptParams = currentParams): Promise<string> {
  const salt = randomBytes(saltBytes);
  const key = await derive(password, salt, params);
  return ['scrypt', params.log2N, params.r, params.p, salt.toString('base64url'), key.toString('base64url')].join('$');
}

type ParsedHash = { params: ScryptParams; salt: Buffer; key: Buffer };

function parseHash(encoded: string): ParsedHash | undefined {
  const parts = encoded.split('$');
  if (parts.length !== 6 || parts[0] !== 'scrypt') return undefined;
  const [log2N, r, p] = parts.slice(1, 4).map(Number) as [number, number, number];
  const valid = (value: number, max: number) => Number.isInteger(value) && value >= 1 && value <= max;
  if (!valid(log2N, maxLog2N) || !valid(r, 32) || !valid(p, 16)) return undefined;
  const salt = Buffer.from(parts[4]!, 'base64url');
  const key = Buffer.from(parts[5]!, 'base64url');
  if (salt.length < 8 || key.length < 16) return undefined;
  return { params: { log2N, r, p }, salt, key };
}

/** Constant-time comparison of the derived key; a malformed stored hash never matches. */
export async function verifyPassword(password: string, encoded: string): Promise<boolean> {
  const parsed = parseHash(encoded);
  if (!parsed) return false;
  const key = await derive(password, parsed.salt, parsed.params);
  return key.length === parsed.key.length && timingSafeEqual(key, parsed.key);
}

/** True when a stored hash uses weaker parameters than the current cost. */
export function needsRehash(encoded: string, params: ScryptParams = currentParams): boolean {
  const parsed = parseHash(encoded);
  return !parsed || parsed.params.log2N < params.log2N || parsed.params.r < params.r || parsed.params.p < params.p || parsed.key.length < keyBytes;
}

let dummyHash: Promise<string> | undefined;

/**
 * Spends the same time as a real verification, for logins with an unknown email, so response
 * times do not reveal which emails have accounts. Always false.
 */
export async function dummyVerifyPassword(password: string): Promise<false> {
  await verifyPassword(password, await prepareDummyHash());
  return false;
}

/** Computes the dummy hash (at the current cost) ahead of time, so the first unknown-email login is not slower. */
export function prepareDummyHash(): Promise<string> {
  dummyHash ??= hashPassword(randomBytes(16).toString('hex'));
  return dummyHash;
}

/** The password rule for new and changed passwords (ASVS: at least 8, allow long passphrases). */
export const minPasswordLength = 12;
export const maxPasswordLength = 1024;

export function passwordProblem(password: string): string | undefined {
  if (password.length < minPasswordLength) return `A password needs at least ${minPasswordLength} characters.`;
  if (password.length > maxPasswordLength) return `A password can have at most ${maxPasswordLength} characters.`;
  return undefined;
}
