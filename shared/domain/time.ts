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

/**
 * A duration in words for reports and charts: "45 s", "45 min", "3 h", "3 h 10 min", "2 d 4 h".
 * (The incident screens' clocks keep renderer/components/formatTime.ts, which always shows minutes.)
 */
export function formatDurationText(valueMs: number): string {
  if (valueMs < 60_000) return `${Math.round(valueMs / 1000)} s`;
  const minutes = Math.round(valueMs / 60_000);
  if (minutes < 60) return `${minutes} min`;
  const hours = Math.floor(minutes / 60);
  if (hours < 48) return minutes % 60 === 0 ? `${hours} h` : `${hours} h ${minutes % 60} min`;
  const days = Math.floor(hours / 24);
  return hours % 24 === 0 ? `${days} d` : `${days} d ${hours % 24} h`;
}
