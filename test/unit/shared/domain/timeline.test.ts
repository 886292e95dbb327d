import { describe, expect, it } from 'vitest';
import {
  compareTimelineEntries,
  createTimelineEntry,
  timelineEntrySchema,
  validateTimelineNote,
  type TimelineEntry,
} from '../../../../shared/domain/timeline';
import { fixedNowIso, fixedNowMs, hour, isoAt, minute } from '../fixtures';

const entryId = '0190a000-0000-7000-8000-0000000000aa';

function note(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return { kind: 'note', text: 'Rolled back the release', occurredAt: null, correctsEntryId: null, ...overrides };
}

describe('validateTimelineNote', () => {
  it('accepts a note that happened now, trimming the text', () => {
    const result = validateTimelineNote(note({ text: '  Rolled back  ' }), fixedNowMs);
    expect(result).toEqual({ ok: true, value: { kind: 'note', text: 'Rolled back', occurredAt: null, correctsEntryId: null } });
  });

  it.each(['', '   \n'])('rejects empty text %j', (text) => {
    expect(validateTimelineNote(note({ text }), fixedNowMs)).toEqual({ ok: false, errors: { text: 'Write the note first' } });
  });

  it('rejects text over 20,000 characters', () => {
    const result = validateTimelineNote(note({ text: 'x'.repeat(20_001) }), fixedNowMs);
    expect(result.ok).toBe(false);
  });

  it('accepts a backdated occurredAt, even from before the incident was reported', () => {
    expect(validateTimelineNote(note({ occurredAt: isoAt(-hour) }), fixedNowMs).ok).toBe(true);
    expect(validateTimelineNote(note({ occurredAt: isoAt(-10 * hour) }), fixedNowMs).ok).toBe(true);
  });

  it('rejects an occurredAt in the future beyond the allowed skew', () => {
    expect(validateTimelineNote(note({ occurredAt: isoAt(hour) }), fixedNowMs)).toEqual({
      ok: false,
      errors: { occurredAt: 'Occurred at cannot be in the future' },
    });
    expect(validateTimelineNote(note({ occurredAt: isoAt(4 * minute) }), fixedNowMs).ok).toBe(true);
  });

  it('rejects a malformed occurredAt', () => {
    const result = validateTimelineNote(note({ occurredAt: 'yesterday' }), fixedNowMs);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(Object.keys(result.errors)).toEqual(['occurredAt']);
  });

  it('rejects a correction that does not name its target, and accepts one that does', () => {
    expect(validateTimelineNote(note({ kind: 'correction' }), fixedNowMs)).toEqual({
      ok: false,
      errors: { correctsEntryId: 'A correction must name the entry it corrects' },
    });
    expect(validateTimelineNote(note({ kind: 'correction', correctsEntryId: entryId }), fixedNowMs).ok).toBe(true);
    expect(validateTimelineNote(note({ kind: 'correction', correctsEntryId: 'entry-1' }), fixedNowMs).ok).toBe(false);
  });

  it.each(['status_change', 'created', 'assignment', 'bogus'])('rejects kind %s, which people cannot add by hand', (kind) => {
    const result = validateTimelineNote(note({ kind }), fixedNowMs);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(Object.keys(result.errors)).toEqual(['kind']);
  });

  it('rejects unknown fields', () => {
    expect(validateTimelineNote(note({ recordedAt: fixedNowIso }), fixedNowMs).ok).toBe(false);
  });
});

describe('createTimelineEntry', () => {
  const context = {
    id: entryId,
    incidentId: '0190a000-0000-7000-8000-000000000001',
    author: { id: 'p1', name: 'Ada' },
    deviceId: 'device-1',
    nowIso: fixedNowIso,
  };

  it('defaults occurredAt to now', () => {
    const entry = createTimelineEntry(context, 'note', 'hello');
    expect(entry.occurredAt).toBe(fixedNowIso);
    expect(entry.recordedAt).toBe(fixedNowIso);
    expect(timelineEntrySchema.parse(entry)).toEqual(entry);
  });

  it('keeps recordedAt as the device clock when the entry is backdated', () => {
    const entry = createTimelineEntry(context, 'correction', 'wrong host', isoAt(-hour), '0190a000-0000-7000-8000-0000000000bb');
    expect(entry.occurredAt).toBe(isoAt(-hour));
    expect(entry.recordedAt).toBe(fixedNowIso);
    expect(entry.correctsEntryId).toBe('0190a000-0000-7000-8000-0000000000bb');
    expect(timelineEntrySchema.safeParse(entry).success).toBe(true);
  });
});

describe('compareTimelineEntries', () => {
  const base: TimelineEntry = {
    id: '0190a000-0000-7000-8000-000000000010',
    incidentId: '0190a000-0000-7000-8000-000000000001',
    kind: 'note',
    text: '',
    occurredAt: isoAt(0),
    recordedAt: isoAt(0),
    author: { id: 'p', name: 'P' },
    deviceId: 'd',
    correctsEntryId: null,
  };

  it('orders by occurredAt, then recordedAt, then id', () => {
    const a = { ...base, id: '0190a000-0000-7000-8000-000000000003', occurredAt: isoAt(-hour), recordedAt: isoAt(0) };
    const b = { ...base, id: '0190a000-0000-7000-8000-000000000002', occurredAt: isoAt(0), recordedAt: isoAt(-minute) };
    const c = { ...base, id: '0190a000-0000-7000-8000-000000000001', occurredAt: isoAt(0), recordedAt: isoAt(0) };
    const d = { ...base, id: '0190a000-0000-7000-8000-000000000004', occurredAt: isoAt(0), recordedAt: isoAt(0) };
    expect([d, c, b, a].sort(compareTimelineEntries)).toEqual([a, b, c, d]);
    expect([b, d, a, c].sort(compareTimelineEntries)).toEqual([a, b, c, d]);
    expect(compareTimelineEntries(c, { ...c })).toBe(0);
  });
});
