/**
 * Per-field last-writer-wins merge by HLC stamp. Used for import today and for sync pulls later.
 * A field whose local stamp is newer is kept, which is how pending offline edits survive.
 */
import { compareHlcStamps } from '../domain/hlc';
import type { FieldStamps } from './mutation';

export type StampedRow = { values: Record<string, unknown>; stamps: FieldStamps };

export type FieldClash = { field: string; localValue: unknown; incomingValue: unknown; winner: 'local' | 'incoming' };

export type MergeResult = { values: Record<string, unknown>; stamps: FieldStamps; changedFields: string[]; clashes: FieldClash[] };

function sameValue(left: unknown, right: unknown): boolean {
  return left === right || JSON.stringify(left) === JSON.stringify(right);
}

/**
 * Merges an incoming row into a local one. Commutative, associative and idempotent over stamped
 * rows: the result for each field is the value with the greatest stamp (ties broken by the stamp's
 * node id, which is part of the stamp).
 */
export function mergeStampedRows(local: StampedRow | undefined, incoming: StampedRow): MergeResult {
  if (!local) {
    return { values: { ...incoming.values }, stamps: { ...incoming.stamps }, changedFields: Object.keys(incoming.values), clashes: [] };
  }
  const values = { ...local.values };
  const stamps = { ...local.stamps };
  const changedFields: string[] = [];
  const clashes: FieldClash[] = [];
  for (const field of Object.keys(incoming.values)) {
    const incomingStamp = incoming.stamps[field] ?? '';
    const localStamp = local.stamps[field] ?? '';
    const incomingValue = incoming.values[field];
    const localValue = local.values[field];
    const incomingWins = compareHlcStamps(incomingStamp, localStamp) > 0;
    if (incomingWins) {
      values[field] = incomingValue;
      stamps[field] = incomingStamp;
      if (!sameValue(localValue, incomingValue)) changedFields.push(field);
    }
    if (localStamp && incomingStamp && localStamp !== incomingStamp && !sameValue(localValue, incomingValue)) {
      clashes.push({ field, localValue, incomingValue, winner: incomingWins ? 'incoming' : 'local' });
    }
  }
  return { values, stamps, changedFields, clashes };
}
