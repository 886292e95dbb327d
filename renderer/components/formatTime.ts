/** Time display: local time with its zone, or UTC for the whole app (responders correlate logs in UTC). */
import type { DisplayPreferences } from '../../shared/domain/settings';

export type TimeZoneChoice = DisplayPreferences['timeZone'];

export function formatTimestamp(iso: string, zone: TimeZoneChoice): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  if (zone === 'utc') return `${iso.slice(0, 16).replace('T', ' ')} UTC`;
  return new Intl.DateTimeFormat(undefined, {
    year: 'numeric',
    month: 'short',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    hour12: false,
    timeZoneName: 'short',
  }).format(date);
}

export function formatRelative(iso: string, nowMs: number): string {
  const diffMs = nowMs - new Date(iso).getTime();
  const minutes = Math.round(Math.abs(diffMs) / 60_000);
  const suffix = diffMs >= 0 ? 'ago' : 'from now';
  if (minutes < 1) return 'just now';
  if (minutes < 60) return `${minutes} min ${suffix}`;
  const hours = Math.round(minutes / 60);
  if (hours < 48) return `${hours} h ${suffix}`;
  return `${Math.round(hours / 24)} days ${suffix}`;
}

export function formatDuration(ms: number): string {
  const minutes = Math.round(ms / 60_000);
  if (minutes < 60) return `${minutes} min`;
  const hours = Math.floor(minutes / 60);
  if (hours < 48) return `${hours} h ${minutes % 60} min`;
  return `${Math.floor(hours / 24)} d ${hours % 24} h`;
}

/** Value for <input type="datetime-local"> from an ISO instant, in the chosen zone. */
export function toDateTimeInputValue(iso: string, zone: TimeZoneChoice): string {
  const date = new Date(iso);
  if (zone === 'utc') return date.toISOString().slice(0, 16);
  const local = new Date(date.getTime() - date.getTimezoneOffset() * 60_000);
  return local.toISOString().slice(0, 16);
}

/** ISO instant from a datetime-local value, read in the chosen zone; null when empty or invalid. */
export function fromDateTimeInputValue(value: string, zone: TimeZoneChoice): string | null {
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2})?$/.test(value)) return null;
  const date = zone === 'utc' ? new Date(`${value}${value.length === 16 ? ':00' : ''}Z`) : new Date(value);
  return Number.isNaN(date.getTime()) ? null : date.toISOString();
}
