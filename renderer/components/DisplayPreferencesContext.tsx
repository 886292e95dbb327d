/**
 * Display preferences (time zone, theme) read once at the top of the app and handed down, so
 * that hundreds of timestamps do not each run their own database query.
 */
import { createContext, useContext, useEffect, type ReactNode } from 'react';
import { defaultDisplayPreferences, type DisplayPreferences } from '../../shared/domain/settings';
import { useSetting } from '../data/settingsData';

const DisplayPreferencesContext = createContext<DisplayPreferences>(defaultDisplayPreferences);

export function DisplayPreferencesProvider({ children }: { children: ReactNode }) {
  const preferences = useSetting('displayPreferences');
  useEffect(() => {
    if (preferences.theme === 'system') delete document.documentElement.dataset.theme;
    else document.documentElement.dataset.theme = preferences.theme;
  }, [preferences.theme]);
  return <DisplayPreferencesContext.Provider value={preferences}>{children}</DisplayPreferencesContext.Provider>;
}

export function useDisplayPreferences(): DisplayPreferences {
  return useContext(DisplayPreferencesContext);
}
