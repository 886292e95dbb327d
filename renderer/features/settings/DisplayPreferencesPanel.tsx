import type { DisplayPreferences } from '../../../shared/domain/settings';
import { useDisplayPreferences } from '../../components/DisplayPreferencesContext';
import { getDataEnvironment } from '../../data/dataEnvironment';
import { updateSetting } from '../../data/settingsData';

export function DisplayPreferencesPanel() {
  const preferences = useDisplayPreferences();
  const change = (patch: Partial<DisplayPreferences>) => void updateSetting(getDataEnvironment(), 'displayPreferences', { ...preferences, ...patch });
  return (
    <section className="card" aria-labelledby="settings-display-title">
      <h2 id="settings-display-title">Display</h2>
      <div className="form-row">
        <div className="field">
          <label htmlFor="display-time-zone">Time zone</label>
          <select id="display-time-zone" value={preferences.timeZone} onChange={(event) => change({ timeZone: event.target.value as DisplayPreferences['timeZone'] })}>
            <option value="local">Local time ({Intl.DateTimeFormat().resolvedOptions().timeZone})</option>
            <option value="utc">UTC</option>
          </select>
        </div>
        <div className="field">
          <label htmlFor="display-theme">Theme</label>
          <select id="display-theme" value={preferences.theme} onChange={(event) => change({ theme: event.target.value as DisplayPreferences['theme'] })}>
            <option value="system">Follow the system</option>
            <option value="light">Light</option>
            <option value="dark">Dark</option>
          </select>
        </div>
      </div>
    </section>
  );
}
