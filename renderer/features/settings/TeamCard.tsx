import { useEffect, useRef, useState } from 'react';
import type { PersonRef } from '../../../shared/domain/people';
import { teamMemberRoleLabels, teamMemberRoles, type ResponderTeam, type TeamMemberRole } from '../../../shared/domain/team';
import { getDataEnvironment } from '../../data/dataEnvironment';
import { changeTeamMemberRole, deleteResponderTeam, removeTeamMember } from '../../data/teamCommands';
import { AddTeamMemberForm } from './AddTeamMemberForm';
import { TeamDetailsForm } from './TeamDetailsForm';

type TeamCardProps = {
  team: ResponderTeam;
  people: readonly PersonRef[];
  canEdit: boolean;
  onMessage: (message: string) => void;
};

function firstError(errors: Record<string, string>): string {
  return Object.values(errors)[0] ?? 'The change was not saved.';
}

/** One team: its name and description, its members and their roles, and (for leads) the edits. */
export function TeamCard({ team, people, canEdit, onMessage }: TeamCardProps) {
  const [isEditing, setIsEditing] = useState(false);
  const [isConfirmingDelete, setIsConfirmingDelete] = useState(false);
  const [error, setError] = useState('');
  const headingId = `team-${team.id}-title`;
  const editButtonId = `team-${team.id}-edit`;
  const deleteButtonId = `team-${team.id}-delete`;

  // Where focus goes once the element exists: a button that replaces a closed form only appears
  // after the next render, and commands finish after their event has ended.
  const pendingFocusId = useRef<string | null>(null);
  useEffect(() => {
    const element = pendingFocusId.current ? document.getElementById(pendingFocusId.current) : null;
    if (element) {
      element.focus();
      pendingFocusId.current = null;
    }
  });
  const focusLater = (id: string) => {
    pendingFocusId.current = id;
    requestAnimationFrame(() => {
      // Already there (nothing had to render first): focus it now.
      if (pendingFocusId.current === id && document.getElementById(id)) {
        document.getElementById(id)!.focus();
        pendingFocusId.current = null;
      }
    });
  };

  const changeRole = async (personId: string, personName: string, role: TeamMemberRole) => {
    const result = await changeTeamMemberRole(getDataEnvironment(), team.id, personId, role);
    setError(result.ok ? '' : firstError(result.errors));
    if (result.ok) onMessage(`${personName} is now ${teamMemberRoleLabels[role].toLowerCase()} of ${team.name}.`);
  };

  const remove = async (personId: string, personName: string) => {
    const result = await removeTeamMember(getDataEnvironment(), team.id, personId);
    setError(result.ok ? '' : firstError(result.errors));
    if (!result.ok) return;
    onMessage(`${personName} removed from ${team.name}.`);
    // The row and its button are gone: continue from the form that adds members.
    focusLater(`team-${team.id}-add-person`);
  };

  const confirmDelete = async () => {
    const result = await deleteResponderTeam(getDataEnvironment(), team.id);
    setIsConfirmingDelete(false);
    if (!result.ok) {
      setError(firstError(result.errors));
      return;
    }
    onMessage(`Team "${team.name}" deleted. Incidents routed to it keep showing its name.`);
    focusLater('settings-teams-title');
  };

  return (
    <li>
      <article className="team-card" aria-labelledby={headingId}>
        <header className="team-card-header">
          <h3 id={headingId}>{team.name}</h3>
          {isEditing ? (
            <TeamDetailsForm
              team={team}
              onDone={(message) => {
                setIsEditing(false);
                if (message) onMessage(message);
                focusLater(editButtonId);
              }}
            />
          ) : (
            <>
              {team.description ? <p className="muted">{team.description}</p> : null}
              {canEdit ? (
                <div className="form-actions">
                  <button type="button" id={editButtonId} className="small" aria-label={`Edit team ${team.name}`} onClick={() => setIsEditing(true)}>
                    Edit
                  </button>
                  {isConfirmingDelete ? (
                    <>
                      <span role="alert">Delete {team.name}? Incidents routed to it keep its name; routing rules that use it will show it as deleted.</span>
                      <button type="button" className="danger small" autoFocus onClick={() => void confirmDelete()}>
                        Yes, delete {team.name}
                      </button>
                      <button
                        type="button"
                        className="small"
                        onClick={() => {
                          setIsConfirmingDelete(false);
                          focusLater(deleteButtonId);
                        }}
                      >
                        Keep it
                      </button>
                    </>
                  ) : (
                    <button type="button" id={deleteButtonId} className="danger-outline small" aria-label={`Delete team ${team.name}`} onClick={() => setIsConfirmingDelete(true)}>
                      Delete
                    </button>
                  )}
                </div>
              ) : null}
            </>
          )}
        </header>
        {team.members.length === 0 ? (
          <p className="muted">No members yet.</p>
        ) : (
          <table className="team-members" aria-label={`Members of ${team.name}`}>
            <thead>
              <tr>
                <th scope="col">Person</th>
                <th scope="col">Role</th>
                {canEdit ? (
                  <th scope="col">
                    <span className="visually-hidden">Actions</span>
                  </th>
                ) : null}
              </tr>
            </thead>
            <tbody>
              {team.members.map((member) => (
                <tr key={member.person.id}>
                  <th scope="row">{member.person.name}</th>
                  <td>
                    {canEdit ? (
                      <select
                        aria-label={`Role of ${member.person.name} in ${team.name}`}
                        value={member.role}
                        onChange={(event) => void changeRole(member.person.id, member.person.name, event.target.value as TeamMemberRole)}
                      >
                        {teamMemberRoles.map((role) => (
                          <option key={role} value={role}>
                            {teamMemberRoleLabels[role]}
                          </option>
                        ))}
                      </select>
                    ) : (
                      teamMemberRoleLabels[member.role]
                    )}
                  </td>
                  {canEdit ? (
                    <td>
                      <button type="button" className="link-button" aria-label={`Remove ${member.person.name} from ${team.name}`} onClick={() => void remove(member.person.id, member.person.name)}>
                        Remove
                      </button>
                    </td>
                  ) : null}
                </tr>
              ))}
            </tbody>
          </table>
        )}
        {error ? (
          <p className="form-error" role="alert">
            {error}
          </p>
        ) : null}
        {canEdit ? <AddTeamMemberForm team={team} people={people} onMessage={onMessage} /> : null}
      </article>
    </li>
  );
}
