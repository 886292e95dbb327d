/**
 * How a pushed mutation changes the server's copy of a row. Pure, and shared by the server and
 * by the convergence simulation, so the test exercises the very rule the server runs.
 *
 * - Scalar fields: last writer wins per field by HLC stamp (string order is causal order).
 * - Insert-only tables (timeline entries): the first write of a row id is the row, for ever.
 * - Deletes are tombstones: the `deletedAt` field, merged like any other. A concurrent edit of
 *   other fields does not resurrect a deleted row; only a newer write of `deletedAt: null` (an
 *   explicit restore) does.
 */
import { compareHlcStamps } from '../domain/hlc';
import type { FieldStamps } from './mutation';

export type ServerRowState = { fields: Record<string, unknown>; stamps: FieldStamps };

export type AppliedMutation = { next: ServerRowState; changedFields: string[] };

export function isRowDeleted(fields: Record<string, unknown>): boolean {
  return typeof fields['deletedAt'] === 'string';
}

export function applyMutationToRow(
  current: ServerRowState | undefined,
  mutation: { fields: Record<string, unknown>; hlc: string },
  isInsertOnly: boolean,
): AppliedMutation {
  if (isInsertOnly) {
    if (current) return { next: current, changedFields: [] };
    const stamps: FieldStamps = {};
    for (const field of Object.keys(mutation.fields)) stamps[field] = mutation.hlc;
    return { next: { fields: { ...mutation.fields }, stamps }, changedFields: Object.keys(mutation.fields) };
  }
  const fields = { ...(current?.fields ?? {}) };
  const stamps = { ...(current?.stamps ?? {}) };
  const changedFields: string[] = [];
  for (const [field, value] of Object.entries(mutation.fields)) {
    const currentStamp = stamps[field];
    if (currentStamp !== undefined && compareHlcStamps(mutation.hlc, currentStamp) <= 0) continue;
    fields[field] = value;
    stamps[field] = mutation.hlc;
    changedFields.push(field);
  }
  return { next: { fields, stamps }, changedFields };
}
