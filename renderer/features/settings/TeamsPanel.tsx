import { useState } from 'react';
import { appRoleLabels } from '../../../shared/domain/people';
import { canEditTeams } from '../../../shared/domain/team';
import { useProfile } from '../../data/profile';
import { useKnownPeople, useResponderTeams } from '../../data/teamQueries';
import { NewTeamForm } from './NewTeamForm';
import { TeamCard } from './TeamCard';

/** The id the routing rules editor moves focus to when it sends a lead here to create a team. */
export const teamsPanelHeadingId = 'settings-teams-title';

/**
 * Settings > Teams: the responder teams incidents are routed and assigned to, with their members
 * and roles. Teams are team policy: leads and administrators change them, everyone else reads.
 */
export function TeamsPanel() {
  const profile = useProfile();
  const teams = useResponderTeams();
  const people = useKnownPeople();
  const [message, setMessage] = useState('');
  const canEdit = profile ? canEditTeams(profile.role) : false;

  return (
    <section className="card" aria-labelledby={teamsPanelHeadingId}>
      <h2 id={teamsPanelHeadingId} tabIndex={-1}>
        Teams
      </h2>
      <p className="muted">
        Responder teams own incidents: routing rules send new incidents to a team, and an incident can be assigned to a team and a person. Teams are
        shared with everyone in your team space when this device syncs.
      </p>
      {profile && !canEdit ? (
        <p className="read-only-note" role="note">
          Only team leads and administrators can change teams; your profile role is {appRoleLabels[profile.role]}. If that is wrong, change it under
          Profile above.
        </p>
      ) : null}
      {teams === undefined ? null : teams.length === 0 ? (
        <p>{canEdit ? 'No teams yet. Create the first one below, then add its members.' : 'No teams yet. A team lead can create them here.'}</p>
      ) : (
        <ul className="team-list" aria-label="Teams">
          {teams.map((team) => (
            <TeamCard key={team.id} team={team} people={people} canEdit={canEdit} onMessage={setMessage} />
          ))}
        </ul>
      )}
      {canEdit ? <NewTeamForm onMessage={setMessage} /> : null}
      <p role="status" className="muted" data-testid="teams-status">
        {message}
      </p>
    </section>
  );
}
