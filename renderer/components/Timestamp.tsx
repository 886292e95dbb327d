import { useDisplayPreferences } from './DisplayPreferencesContext';
import { formatRelative, formatTimestamp } from './formatTime';
import { useNow } from './useNow';

type TimestampProps = { iso: string; isRelative?: boolean };

/** A point in time in the chosen zone; relative times show the absolute time on hover. */
export function Timestamp({ iso, isRelative = false }: TimestampProps) {
  const { timeZone } = useDisplayPreferences();
  const now = useNow();
  const absolute = formatTimestamp(iso, timeZone);
  return (
    <time dateTime={iso} title={isRelative ? absolute : `${iso} (UTC)`}>
      {isRelative ? formatRelative(iso, now) : absolute}
    </time>
  );
}
