import { describe, expect, it } from 'vitest';
import {
  comparePriorities,
  defaultPriorityMatrix,
  defaultServiceTargets,
  derivePriority,
  effectivePriority,
  priorityMatrixSchema,
  priorityOverrideSchema,
  serviceTargetsSchema,
  type Level,
  type Priority,
  type PriorityMatrix,
} from '../../../../shared/domain/priority';
import { settingDefaults, settingSchemas } from '../../../../shared/domain/settings';
import { createIncident } from '../../../../shared/domain/incident';
import { fixedNowIso, validNewIncidentInput } from '../fixtures';

const minute = 60_000;
const hour = 60 * minute;

describe('default priority matrix (product.md table)', () => {
  // impact, urgency, priority: each row copied from the table in product.md
  const cells: [Level, Level, Priority][] = [
    ['high', 'high', 'P1'],
    ['high', 'medium', 'P2'],
    ['high', 'low', 'P3'],
    ['medium', 'high', 'P2'],
    ['medium', 'medium', 'P3'],
    ['medium', 'low', 'P4'],
    ['low', 'high', 'P3'],
    ['low', 'medium', 'P4'],
    ['low', 'low', 'P5'],
  ];
  it.each(cells)('impact %s x urgency %s -> %s', (impact, urgency, priority) => {
    expect(derivePriority(defaultPriorityMatrix, impact, urgency)).toBe(priority);
    expect(effectivePriority(defaultPriorityMatrix, impact, urgency, null)).toBe(priority);
  });

  it('is a valid matrix by its own schema', () => {
    expect(priorityMatrixSchema.parse(defaultPriorityMatrix)).toEqual(defaultPriorityMatrix);
  });
});

describe('custom matrix', () => {
  // a deliberately unusual matrix: urgency dominates, impact barely matters
  const custom: PriorityMatrix = {
    high: { high: 'P1', medium: 'P4', low: 'P5' },
    medium: { high: 'P1', medium: 'P4', low: 'P5' },
    low: { high: 'P2', medium: 'P5', low: 'P5' },
  };

  it('is honoured for every cell', () => {
    for (const impact of ['high', 'medium', 'low'] as const) {
      for (const urgency of ['high', 'medium', 'low'] as const) {
        expect(derivePriority(custom, impact, urgency)).toBe(custom[impact][urgency]);
      }
    }
    expect(derivePriority(custom, 'high', 'medium')).toBe('P4');
    expect(derivePriority(defaultPriorityMatrix, 'high', 'medium')).toBe('P2');
  });

  it('is used by createIncident', () => {
    const incident = createIncident(validNewIncidentInput({ impact: 'low', urgency: 'high' }), {
      id: '0190a000-0000-7000-8000-000000000001',
      reference: 'INC-2026-K7QF-0001',
      reporter: { id: 'p', name: 'P' },
      matrix: custom,
      nowIso: fixedNowIso,
    });
    expect(incident.priority).toBe('P2');
  });

  it('the schema rejects unknown priorities, missing cells and extra keys', () => {
    expect(priorityMatrixSchema.safeParse({ ...custom, low: { high: 'P6', medium: 'P5', low: 'P5' } }).success).toBe(false);
    expect(priorityMatrixSchema.safeParse({ ...custom, low: { high: 'P2', medium: 'P5' } }).success).toBe(false);
    expect(priorityMatrixSchema.safeParse({ high: custom.high, medium: custom.medium }).success).toBe(false);
    expect(priorityMatrixSchema.safeParse({ ...custom, critical: custom.high }).success).toBe(false);
    expect(priorityMatrixSchema.safeParse(custom).success).toBe(true);
  });
});

describe('priority override', () => {
  it('takes precedence over the matrix', () => {
    const override = priorityOverrideSchema.parse({ priority: 'P1', justification: 'Regulator is watching this one' });
    expect(effectivePriority(defaultPriorityMatrix, 'low', 'low', override)).toBe('P1');
    expect(effectivePriority(defaultPriorityMatrix, 'high', 'high', { priority: 'P5', justification: 'Test system only, no users' })).toBe('P5');
  });

  it('needs a justification of at least 10 characters after trimming', () => {
    expect(priorityOverrideSchema.safeParse({ priority: 'P1', justification: 'too short' }).success).toBe(false); // 9 chars
    expect(priorityOverrideSchema.safeParse({ priority: 'P1', justification: '   padded   ' }).success).toBe(false);
    expect(priorityOverrideSchema.safeParse({ priority: 'P1', justification: '' }).success).toBe(false);
    const result = priorityOverrideSchema.safeParse({ priority: 'P1', justification: 'ten chars!' });
    expect(result.success).toBe(true);
  });

  it('gives a message that explains the minimum', () => {
    const result = priorityOverrideSchema.safeParse({ priority: 'P2', justification: 'because' });
    expect(result.success).toBe(false);
    if (!result.success) expect(result.error.issues[0]?.message).toMatch(/at least 10 characters/);
  });

  it('rejects an unknown priority', () => {
    expect(priorityOverrideSchema.safeParse({ priority: 'P0', justification: 'Long enough reason' }).success).toBe(false);
  });
});

describe('comparePriorities', () => {
  it('orders P1 (most urgent) first', () => {
    const shuffled: Priority[] = ['P3', 'P5', 'P1', 'P4', 'P2'];
    expect([...shuffled].sort(comparePriorities)).toEqual(['P1', 'P2', 'P3', 'P4', 'P5']);
    expect(comparePriorities('P2', 'P2')).toBe(0);
  });
});

describe('service targets', () => {
  it('defaults match product.md', () => {
    expect(defaultServiceTargets).toEqual({
      P1: { respondWithinMs: 15 * minute, resolveWithinMs: 4 * hour },
      P2: { respondWithinMs: 30 * minute, resolveWithinMs: 8 * hour },
      P3: { respondWithinMs: 2 * hour, resolveWithinMs: 24 * hour },
      P4: { respondWithinMs: 8 * hour, resolveWithinMs: 72 * hour },
      P5: { respondWithinMs: 24 * hour, resolveWithinMs: 7 * 24 * hour },
    });
    expect(serviceTargetsSchema.safeParse(defaultServiceTargets).success).toBe(true);
  });

  it('rejects a resolve target shorter than the respond target', () => {
    const bad = { ...defaultServiceTargets, P3: { respondWithinMs: 2 * hour, resolveWithinMs: hour } };
    const result = serviceTargetsSchema.safeParse(bad);
    expect(result.success).toBe(false);
    if (!result.success) {
      expect(result.error.issues[0]?.path[0]).toBe('P3');
      expect(result.error.issues[0]?.message).toMatch(/cannot be shorter/);
    }
  });

  it('accepts equal respond and resolve targets', () => {
    expect(serviceTargetsSchema.safeParse({ ...defaultServiceTargets, P1: { respondWithinMs: hour, resolveWithinMs: hour } }).success).toBe(true);
  });

  it('rejects zero, negative, fractional and missing targets', () => {
    for (const P1 of [
      { respondWithinMs: 0, resolveWithinMs: hour },
      { respondWithinMs: -1, resolveWithinMs: hour },
      { respondWithinMs: 1.5, resolveWithinMs: hour },
      { respondWithinMs: minute },
    ]) {
      expect(serviceTargetsSchema.safeParse({ ...defaultServiceTargets, P1 }).success).toBe(false);
    }
    const { P5: _dropped, ...missingP5 } = defaultServiceTargets;
    expect(serviceTargetsSchema.safeParse(missingP5).success).toBe(false);
  });
});

describe('settings defaults', () => {
  it('every default parses with its own schema', () => {
    for (const key of Object.keys(settingSchemas) as (keyof typeof settingSchemas)[]) {
      expect(settingSchemas[key].safeParse(settingDefaults[key]).success).toBe(true);
    }
    expect(settingDefaults.priorityMatrix).toBe(defaultPriorityMatrix);
  });
});
