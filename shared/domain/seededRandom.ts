/** A small seeded pseudo-random generator (mulberry32) for reproducible sample data. */

export type Random = {
  /** A float in [0, 1). */
  next(): number;
  integer(minInclusive: number, maxInclusive: number): number;
  pick<T>(items: readonly T[]): T;
  chance(probability: number): boolean;
  /** 16 random bytes as hex, for deterministic ids. */
  hex(length: number): string;
};

/** Mixes several integers into one 32-bit seed (so record i of seed s has its own stream). */
export function mixSeed(...parts: number[]): number {
  let hash = 0x811c9dc5;
  for (const part of parts) {
    hash ^= part >>> 0;
    hash = Math.imul(hash, 0x01000193) >>> 0;
    hash ^= hash >>> 15;
    hash = Math.imul(hash, 0x2c1b3c6d) >>> 0;
  }
  return hash >>> 0;
}

export function createRandom(seed: number): Random {
  let state = seed >>> 0;
  const next = (): number => {
    state = (state + 0x6d2b79f5) >>> 0;
    let value = state;
    value = Math.imul(value ^ (value >>> 15), value | 1);
    value ^= value + Math.imul(value ^ (value >>> 7), value | 61);
    return ((value ^ (value >>> 14)) >>> 0) / 4294967296;
  };
  return {
    next,
    integer: (min, max) => min + Math.floor(next() * (max - min + 1)),
    pick: (items) => items[Math.floor(next() * items.length)]!,
    chance: (probability) => next() < probability,
    hex: (length) => {
      let out = '';
      for (let index = 0; index < length; index += 1) out += Math.floor(next() * 16).toString(16);
      return out;
    },
  };
}

/** A UUIDv7-shaped id whose time part is `ms` and whose random part comes from `random`. */
export function deterministicUuidV7(ms: number, random: Random): string {
  const time = Math.max(0, Math.floor(ms)).toString(16).padStart(12, '0').slice(-12);
  const variant = (8 + random.integer(0, 3)).toString(16);
  return `${time.slice(0, 8)}-${time.slice(8, 12)}-7${random.hex(3)}-${variant}${random.hex(3)}-${random.hex(12)}`;
}
