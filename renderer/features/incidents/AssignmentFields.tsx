import type { Incident } from '../../../shared/domain/incident';
import type { PersonRef, Profile } from '../../../shared/domain/people';
import { teamMemberRoleLabels, type ResponderTeam } from '../../../shared/domain/team';
import { FieldError } from '../../components/FieldError';

/** Person choices that are not a person id. */
export const keepAssignee = 'keep';
export const assignToMe = 'me';

type AssignmentFieldsProps = {
  incident: Incident;
  /** Live teams, sorted by name. */
  teams: readonly ResponderTeam[];
  /** Everyone the device knows (profile, team members, current assignees). */
  people: readonly PersonRef[];
  profile: Profile | null | undefined;
  teamId: string;
  onTeamChange: (teamId: string) => void;
  personChoice: string;
  onPersonChange: (choice: string) => void;
  errors: Record<string, string>;
};

/**
 * The Assign dialog's choices: the team (any live team; the incident's current one stays listed
 * even if it has since been deleted) and the person: members of the chosen team first, then me,
 * then anyone else the device knows. "No change" leaves the person as it is.
 */
export function AssignmentFields({ incident, teams, people, profile, teamId, onTeamChange, personChoice, onPersonChange, errors }: AssignmentFieldsProps) {
  const current = incident.routedTeam;
  const isCurrentListed = current === null || teams.some((team) => team.id === current.id);
  const chosenTeam = teams.find((team) => team.id === teamId);
  const members = (chosenTeam?.members ?? []).filter((member) => member.person.id !== profile?.personId);
  const memberIds = new Set(members.map((member) => member.person.id));
  const others = people.filter((person) => person.id !== profile?.personId && !memberIds.has(person.id));
  const teamError = errors.team ?? errors['team.id'] ?? errors['team.name'];
  const personError = errors.assignee ?? errors['assignee.name'] ?? errors['assignee.id'];

  return (
    <>
      {teams.length === 0 && current === null ? (
        <p className="muted">No teams yet: a team lead can create them in Settings, under Teams.</p>
      ) : (
        <div className="field">
          <label htmlFor="action-team">Team</label>
          <select
            id="action-team"
            value={teamId}
            aria-invalid={teamError ? true : undefined}
            aria-describedby={teamError ? 'action-team-error' : undefined}
            onChange={(event) => onTeamChange(event.target.value)}
          >
            {current === null ? <option value="">No team</option> : null}
            {current !== null && !isCurrentListed ? <option value={current.id}>{current.name} (no longer in the team list)</option> : null}
            {teams.map((team) => (
              <option key={team.id} value={team.id}>
                {team.id === current?.id && incident.routedByRule ? `${team.name} (routed by rule "${incident.routedByRule}")` : team.name}
              </option>
            ))}
          </select>
          <FieldError id="action-team-error" message={teamError} />
        </div>
      )}
      <div className="field">
        <label htmlFor="action-assignee">Assignee</label>
        <select
          id="action-assignee"
          value={personChoice}
          aria-invalid={personError ? true : undefined}
          aria-describedby={personError ? 'action-assignee-error' : undefined}
          onChange={(event) => onPersonChange(event.target.value)}
        >
          <option value={keepAssignee}>{`No change (${incident.assignee ? incident.assignee.name : 'unassigned'})`}</option>
          {members.length > 0 ? (
            <optgroup label={`Members of ${chosenTeam!.name}`}>
              {members.map((member) => (
                <option key={member.person.id} value={member.person.id}>
                  {`${member.person.name} (${teamMemberRoleLabels[member.role].toLowerCase()})`}
                </option>
              ))}
            </optgroup>
          ) : null}
          <option value={assignToMe}>{profile ? `Me (${profile.name})` : 'Me'}</option>
          {others.length > 0 ? (
            <optgroup label="Everyone else">
              {others.map((person) => (
                <option key={person.id} value={person.id}>
                  {person.name}
                </option>
              ))}
            </optgroup>
          ) : null}
        </select>
        <FieldError id="action-assignee-error" message={personError} />
      </div>
    </>
  );
}
