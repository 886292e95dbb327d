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
      title={isUtc ? 'All times are shown in UTC; click for local time' : 'All times are shown in local time; click for UTC'}
      onClick={() => void updateSetting(getDataEnvironment(), 'displayPreferences', { ...preferences, timeZone: isUtc ? 'local' : 'utc' })}
    >
      UTC times
    </button>
  );
}
