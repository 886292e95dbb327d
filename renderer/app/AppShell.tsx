import { Outlet } from 'react-router';
import { DisplayPreferencesProvider } from '../components/DisplayPreferencesContext';
import { SyncStatus } from '../components/SyncStatus';
import { TimeZoneToggle } from '../components/TimeZoneToggle';
import { useProfile } from '../data/profile';
import { ProfileSetup } from '../features/profile/ProfileSetup';
import { NavigationBar } from './NavigationBar';
import { Announcement } from './Announcement';
import { ShortcutHelp } from './ShortcutHelp';
import { useGlobalShortcuts } from './useGlobalShortcuts';

/** Left navigation, the current area, and the status bar. First launch asks for a profile. */
export function AppShell() {
  const profile = useProfile();
  useGlobalShortcuts();
  if (profile === undefined) return <div className="app-loading" aria-busy="true" />;
  if (profile === null) return <ProfileSetup />;
  return (
    <DisplayPreferencesProvider>
      <div className="app-shell">
        <button type="button" className="skip-link" onClick={() => document.getElementById('main-content')?.focus()}>
          Skip to main content
        </button>
        <NavigationBar />
        <main className="app-main" id="main-content" tabIndex={-1}>
          <Outlet />
        </main>
        <footer className="app-status">
          <SyncStatus />
          <Announcement />
          <span className="status-profile">
            {profile.name} ({profile.initials}) on this device
          </span>
          <TimeZoneToggle />
          <span className="status-hint">
            Press <kbd>?</kbd> for shortcuts
          </span>
        </footer>
        <ShortcutHelp />
      </div>
    </DisplayPreferencesProvider>
  );
}
