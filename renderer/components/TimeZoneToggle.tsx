import { getDataEnvironment } from '../data/dataEnvironment';
import { updateSetting } from '../data/settingsData';
import { useDisplayPreferences } from './DisplayPreferencesContext';

/** One click switches every time in the app between local time and UTC (for correlating logs). */
export function TimeZoneToggle() {
  const preferences = useDisplayPreferences();
  const isUtc = preferences.timeZone === 'utc';
  return (
    <button
      type="button"
      className="small"
      aria-pressed={isUtc}
      aria-label="Show times in UTC"
      title={isUtc ? 'Times are in UTC; click for local time' : 'Times are in local time; click for UTC'}
      onClick={() => void updateSetting(getDataEnvironment(), 'displayPreferences', { ...preferences, timeZone: isUtc ? 'local' : 'utc' })}
    >
      {isUtc ? 'UTC' : 'Local time'}
    </button>
  );
}
