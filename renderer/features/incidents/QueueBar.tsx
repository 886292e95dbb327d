import { useState } from 'react';
import { emptyIncidentListFilter, type IncidentListFilter } from '../../../shared/domain/incidentList';
import { matchingQueue, queueIds, queueLabels, queueView } from '../../../shared/domain/queues';
import { getDataEnvironment } from '../../data/dataEnvironment';
import { useProfile } from '../../data/profile';
import { deleteSavedView, useSavedViews } from '../../data/savedViews';
import { useResponderTeams } from '../../data/teamQueries';
import { useTeamOptions } from '../../data/useIncidentList';
import { SelectField } from '../../components/SelectField';
import { useUiStore } from '../../state/uiStore';
import { SaveViewDialog } from './SaveViewDialog';

/**
 * The queues (My queue, Team queue, Unassigned, Breaching soon, Breached, Major), the person's
 * saved views, and "All incidents". A queue is only a filter and a sort, so the current one is
 * whichever matches the filters in force; changing a filter by hand leaves every queue unmarked.
 */
export function QueueBar() {
  const filter = useUiStore((state) => state.listFilter);
  const sort = useUiStore((state) => state.listSort);
  const setListView = useUiStore((state) => state.setListView);
  const storedTeamId = useUiStore((state) => state.queueTeamId);
  const setQueueTeamId = useUiStore((state) => state.setQueueTeamId);
  const profile = useProfile();
  const responderTeams = useResponderTeams();
  const teamsOnIncidents = useTeamOptions();
  // The team list first; teams that only appear on incidents (deleted, or not synced here) after.
  const teams = [
    ...(responderTeams ?? []).map((team) => ({ id: team.id, name: team.name })),
    ...teamsOnIncidents.filter((team) => !responderTeams?.some((known) => known.id === team.id)),
  ];
  const myTeam = responderTeams?.find((team) => team.members.some((member) => member.person.id === profile?.personId));
  const savedViews = useSavedViews();
  const [isSaving, setSaving] = useState(false);
  // "Team queue" opens on the person's own team until they choose another.
  const teamId = storedTeamId ?? myTeam?.id ?? teams[0]?.id ?? 'none';
  const context = { personId: profile?.personId ?? null, teamId };
  const current = matchingQueue({ filter, sort }, context);
  const currentKey = JSON.stringify({ filter, sort });
  const isAll = currentKey === JSON.stringify({ filter: emptyIncidentListFilter, sort: useUiStore.getInitialState().listSort });

  const withDefaults = (saved: IncidentListFilter): IncidentListFilter => ({ ...emptyIncidentListFilter, ...saved });

  return (
    <nav className="queue-bar" aria-label="Queues and saved views">
      <ul>
        <li>
          <button type="button" className="queue-tab" aria-current={isAll ? 'true' : undefined} onClick={() => setListView({ filter: emptyIncidentListFilter, sort: useUiStore.getInitialState().listSort })}>
            All incidents
          </button>
        </li>
        {queueIds.map((queue) => (
          <li key={queue}>
            <button type="button" className="queue-tab" aria-current={current === queue ? 'true' : undefined} onClick={() => setListView(queueView(queue, context))}>
              {queueLabels[queue]}
            </button>
          </li>
        ))}
        {savedViews.map((view) => {
          const isCurrent = JSON.stringify({ filter: withDefaults(view.filter), sort: view.sort }) === currentKey;
          return (
            <li key={view.id} className="saved-view">
              <button type="button" className="queue-tab" aria-current={isCurrent ? 'true' : undefined} onClick={() => setListView({ filter: withDefaults(view.filter), sort: view.sort })}>
                {view.name}
              </button>
              <button type="button" className="icon-button" aria-label={`Delete saved view ${view.name}`} onClick={() => void deleteSavedView(getDataEnvironment(), view.id)}>
                ×
              </button>
            </li>
          );
        })}
        <li>
          <button type="button" className="link-button" onClick={() => setSaving(true)}>
            Save view…
          </button>
        </li>
      </ul>
      {current === 'team' ? (
        <SelectField
          className="filter"
          id="queue-team"
          label="Team queue of"
          value={teamId}
          options={[{ value: 'none', label: 'Not yet routed' }, ...teams.map((team) => ({ value: team.id, label: team.name }))]}
          onChange={(next) => {
            setQueueTeamId(next);
            setListView(queueView('team', { ...context, teamId: next }));
          }}
        />
      ) : null}
      <SaveViewDialog isOpen={isSaving} onClose={() => setSaving(false)} />
    </nav>
  );
}
