/** Timestamps are ISO 8601 UTC strings ("2026-11-27T07:35:18.000Z"): sortable and unambiguous. */
import { z } from 'zod';

export const isoTimestampSchema = z.iso.datetime({ message: 'Enter a valid date and time' });
export type IsoTimestamp = string;

export function toIso(ms: number): IsoTimestamp {
  return new Date(ms).toISOString();
}

export function toMs(iso: IsoTimestamp): number {
  return Date.parse(iso);
}

/** Entries may be backdated, but nobody can record something as happening in the future. */
export const allowedFutureSkewMs = 5 * 60 * 1000;
