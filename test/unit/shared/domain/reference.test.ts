import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  deviceCodeFromId,
  formatIncidentReference,
  parseIncidentReference,
} from '../../../../shared/domain/reference';

const crockfordCode = /^[0-9ABCDEFGHJKMNPQRSTVWXYZ]{4}$/;
const crockfordChar = fc.constantFrom(...'0123456789ABCDEFGHJKMNPQRSTVWXYZ'.split(''));
const deviceCodeArb = fc.tuple(crockfordChar, crockfordChar, crockfordChar, crockfordChar).map((chars) => chars.join(''));
const sequenceArb = fc.integer({ min: 1, max: 10_000_000 });
const yearArb = fc.integer({ min: 2000, max: 2999 });

describe('format and parse', () => {
  it('formats the documented shape', () => {
    expect(formatIncidentReference({ year: 2026, deviceCode: 'K7QF', sequence: 42 })).toBe('INC-2026-K7QF-0042');
    expect(formatIncidentReference({ year: 2026, deviceCode: 'K7QF', sequence: 12345 })).toBe('INC-2026-K7QF-12345');
  });

  it('property: parse(format(parts)) gives the parts back', () => {
    fc.assert(
      fc.property(yearArb, deviceCodeArb, sequenceArb, (year, deviceCode, sequence) => {
        const reference = formatIncidentReference({ year, deviceCode, sequence });
        expect(parseIncidentReference(reference)).toEqual({ year, deviceCode, sequence });
      }),
    );
  });

  it.each(['', 'INC-2026-K7QF', 'INC-2026-K7QF-42', 'inc-2026-K7QF-0042', 'INC-2026-k7qf-0042', 'INC-2026-K7QI-0042', 'INC-26-K7QF-0042', 'INC-2026-K7QF-0042 ', 'XINC-2026-K7QF-0042'])(
    'parse returns null for %j',
    (text) => {
      expect(parseIncidentReference(text)).toBeNull();
    },
  );
});

describe('deviceCodeFromId', () => {
  it('produces 4 Crockford characters from a UUID', () => {
    const code = deviceCodeFromId('0190a1b2-c3d4-7e5f-8a6b-7c8d9e0f1a2b');
    expect(code).toMatch(crockfordCode);
    // the last five hex digits 0f1a2b -> f1a2b = 0b1111_0001_1010_0010_1011 -> 11110 00110 10001 01011 -> Y 6 H B
    expect(code).toBe('Y6HB');
    expect(deviceCodeFromId('0190a1b2-c3d4-7e5f-8a6b-7c8d9e0f1a2b')).toBe(code);
  });

  it('property: always 4 Crockford characters, never I, L, O or U', () => {
    fc.assert(
      fc.property(fc.uuid(), (id) => {
        expect(deviceCodeFromId(id)).toMatch(crockfordCode);
      }),
    );
  });

  it('property: ids whose last 5 hex digits differ get different codes (the code keeps all 20 bits)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 0xfffff }), fc.integer({ min: 0, max: 0xfffff }), (a, b) => {
        fc.pre(a !== b);
        const id = (tail: number) => `0190a1b2-c3d4-7e5f-8a6b-7c8d9e${tail.toString(16).padStart(6, '0')}`;
        expect(deviceCodeFromId(id(a))).not.toBe(deviceCodeFromId(id(b)));
      }),
    );
  });

  it('is case-insensitive in the id', () => {
    expect(deviceCodeFromId('ABCDEF12345')).toBe(deviceCodeFromId('abcdef12345'));
  });

  it.each(['', 'abcd', 'ghijklmnop', '12-34'])('throws for %j, which has fewer than 5 hex digits', (id) => {
    expect(() => deviceCodeFromId(id)).toThrow(/at least 5 hex digits/);
  });
});

describe('uniqueness', () => {
  it('property: references from two different device codes never collide, whatever the sequences', () => {
    fc.assert(
      fc.property(
        deviceCodeArb,
        deviceCodeArb,
        fc.array(fc.tuple(yearArb, sequenceArb), { maxLength: 50 }),
        fc.array(fc.tuple(yearArb, sequenceArb), { maxLength: 50 }),
        (codeA, codeB, seqA, seqB) => {
          fc.pre(codeA !== codeB);
          const refsA = new Set(seqA.map(([year, sequence]) => formatIncidentReference({ year, deviceCode: codeA, sequence })));
          for (const [year, sequence] of seqB) {
            expect(refsA.has(formatIncidentReference({ year, deviceCode: codeB, sequence }))).toBe(false);
          }
        },
      ),
    );
  });

  it('property: one device with an increasing sequence never repeats a reference, even across years', () => {
    fc.assert(
      fc.property(
        deviceCodeArb,
        fc.integer({ min: 1, max: 5000 }),
        fc.array(fc.tuple(fc.integer({ min: 1, max: 50 }), fc.constantFrom(2026, 2027)), { minLength: 1, maxLength: 200 }),
        (code, start, steps) => {
          let sequence = start;
          const seen = new Set<string>();
          for (const [increment, year] of steps) {
            sequence += increment;
            const reference = formatIncidentReference({ year, deviceCode: code, sequence });
            expect(seen.has(reference)).toBe(false);
            seen.add(reference);
          }
        },
      ),
    );
  });

  it('crossing 9999 does not produce a reference that collides with a lower sequence', () => {
    const refs = [9998, 9999, 10000, 10001, 99999, 100000].map((sequence) =>
      formatIncidentReference({ year: 2026, deviceCode: 'K7QF', sequence }),
    );
    expect(new Set(refs).size).toBe(refs.length);
    expect(refs.map((reference) => parseIncidentReference(reference)?.sequence)).toEqual([9998, 9999, 10000, 10001, 99999, 100000]);
  });
});

describe('invalid input', () => {
  it.each([0, -1, 1.5, Number.NaN, Number.POSITIVE_INFINITY])('throws for sequence %s', (sequence) => {
    expect(() => formatIncidentReference({ year: 2026, deviceCode: 'K7QF', sequence })).toThrow(/sequence/);
  });

  it.each(['', 'K7Q', 'K7QFA', 'k7qf', 'K7QI', 'K7QL', 'K7QO', 'K7QU', 'K7-F'])('throws for device code %j', (deviceCode) => {
    expect(() => formatIncidentReference({ year: 2026, deviceCode, sequence: 1 })).toThrow(/device code/);
  });
});
