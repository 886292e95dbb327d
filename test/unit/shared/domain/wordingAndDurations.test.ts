import { describe, expect, it } from 'vitest';
import { formatDurationText } from '../../../../shared/domain/time';
import { pluralize } from '../../../../shared/domain/wording';

describe('formatDurationText', () => {
  it.each([
    [45_000, '45 s'],
    [20 * 60_000, '20 min'],
    [2 * 3_600_000, '2 h'],
    [3 * 3_600_000 + 10 * 60_000, '3 h 10 min'],
    [50 * 3_600_000, '2 d 2 h'],
    [72 * 3_600_000, '3 d'],
  ])('formats %d ms as %s', (valueMs, text) => {
    expect(formatDurationText(valueMs)).toBe(text);
  });
});

describe('pluralize', () => {
  it('puts the noun in the number of the count, with thousands separated', () => {
    expect(pluralize(1, 'step')).toBe('1 step');
    expect(pluralize(0, 'step')).toBe('0 steps');
    expect(pluralize(1200, 'ServiceNow category', 'ServiceNow categories')).toBe('1,200 ServiceNow categories');
  });
});
