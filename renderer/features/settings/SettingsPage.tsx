import type { ReactNode } from 'react';
import { ProfileForm } from '../../components/ProfileForm';
import { useProfile } from '../../data/profile';
import { DataTransferPanel } from './DataTransferPanel';
import { DisplayPreferencesPanel } from './DisplayPreferencesPanel';
import { EscalationRulesEditor } from './EscalationRulesEditor';
import { PriorityMatrixEditor } from './PriorityMatrixEditor';
import { RoutingRulesEditor } from './RoutingRulesEditor';
import { SampleDataPanel } from './SampleDataPanel';
import { ServiceHoursEditor } from './ServiceHoursEditor';
import { ServiceTargetsEditor } from './ServiceTargetsEditor';
import { TeamsPanel } from './TeamsPanel';

/** `syncPanel` is passed in by the router, since one feature does not import another. */
export function SettingsPage({ syncPanel = null }: { syncPanel?: ReactNode }) {
  const profile = useProfile();
  return (
    <div className="settings-page">
      <h1>Settings</h1>
      <section className="card" aria-labelledby="settings-profile-title">
        <h2 id="settings-profile-title">Profile</h2>
        {profile ? <ProfileForm key={profile.personId} profile={profile} submitLabel="Save profile" /> : null}
      </section>
      {syncPanel}
      <DisplayPreferencesPanel />
      <PriorityMatrixEditor />
      <ServiceTargetsEditor />
      <ServiceHoursEditor />
      <TeamsPanel />
      <RoutingRulesEditor />
      <EscalationRulesEditor />
      <DataTransferPanel />
      <SampleDataPanel />
    </div>
  );
}
