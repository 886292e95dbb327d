import { useEffect, useState } from 'react';
import type { Incident } from '../../../shared/domain/incident';
import { canProposePlaybooks } from '../../../shared/domain/playbook';
import { appRoleLabels } from '../../../shared/domain/people';
import { FieldError } from '../../components/FieldError';
import { getDataEnvironment } from '../../data/dataEnvironment';
import { applyPlaybookToIncident } from '../../data/incidentPlaybookCommands';
import { useApprovedPlaybooks, usePlaybookVersionsById } from '../../data/incidentPlaybookQueries';
import { useTasks, useTimeline } from '../../data/incidentQueries';
import { seedStarterPlaybooks } from '../../data/playbookCommands';
import { useIncidentPlaybookProgress, useSuggestedPlaybooks } from '../../data/playbookQueries';
import { useProfile } from '../../data/profile';
import { useUiStore } from '../../state/uiStore';
import { AppliedPlaybookChecklist } from './AppliedPlaybookChecklist';
import { PlaybookPicker } from './PlaybookPicker';

const roleNoteId = 'playbook-role-note';

/**
 * The playbooks on an incident: what to apply (suggested for its category first, or any approved
 * one), then each applied playbook as a checklist by phase. Render it keyed by the incident id, so
 * an error or a half-made choice does not follow the user to another incident.
 */
export function PlaybookSection({ incident }: { incident: Incident }) {
  const profile = useProfile();
  const progress = useIncidentPlaybookProgress(incident.id);
  const tasks = useTasks(incident.id);
  const entries = useTimeline(incident.id);
  const suggestions = useSuggestedPlaybooks(incident);
  const approved = useApprovedPlaybooks();
  const versions = usePlaybookVersionsById(progress?.map((applied) => applied.playbookId) ?? []);
  const [applyError, setApplyError] = useState<string | undefined>();
  const [isApplying, setIsApplying] = useState(false);

  // The starters are seeded here too, so an incident has suggestions before anyone opens the library.
  useEffect(() => {
    void seedStarterPlaybooks(getDataEnvironment());
  }, []);

  const canWork = profile ? canProposePlaybooks(profile.role) : false;
  const disabledReasonId = canWork ? undefined : roleNoteId;

  const apply = async (playbookId: string, name: string) => {
    if (isApplying) return;
    setIsApplying(true);
    const result = await applyPlaybookToIncident(getDataEnvironment(), incident.id, playbookId);
    setIsApplying(false);
    if (!result.ok) {
      setApplyError(Object.values(result.errors)[0] ?? 'The playbook was not applied.');
      return;
    }
    setApplyError(undefined);
    useUiStore.getState().announce(`Applied ${name}: ${result.value.tasks.length} steps added`);
  };

  const isLoading = progress === undefined || tasks === undefined || entries === undefined || versions === undefined;
  const picker = (
    <PlaybookPicker
      incident={incident}
      suggestions={suggestions}
      approved={approved}
      appliedLineageIds={new Set(progress?.map((applied) => applied.lineageId))}
      canApply={canWork}
      disabledReasonId={disabledReasonId}
      onApply={(playbookId, name) => void apply(playbookId, name)}
      onInvalid={setApplyError}
    />
  );

  return (
    <section className="card playbooks" aria-labelledby="playbooks-title" aria-busy={isLoading}>
      <h2 id="playbooks-title">Playbooks</h2>
      {profile && !canWork ? (
        <p id={roleNoteId} className="muted">
          Your profile role ({appRoleLabels[profile.role]}) can read playbooks but not apply or work them.
        </p>
      ) : null}
      {profile === null ? (
        <p id={roleNoteId} className="muted">
          Set up your profile to apply playbooks: every step done is recorded with who did it.
        </p>
      ) : null}
      {isLoading
        ? null
        : progress.map((applied) => (
            <AppliedPlaybookChecklist
              key={applied.playbookId}
              progress={applied}
              playbook={versions.get(applied.playbookId) ?? null}
              tasks={tasks}
              entries={entries}
              canWork={canWork}
              disabledReasonId={disabledReasonId}
            />
          ))}
      {isLoading ? null : progress.length === 0 ? (
        picker
      ) : (
        <details className="apply-another">
          <summary>Apply another playbook</summary>
          {picker}
        </details>
      )}
      <FieldError id="apply-playbook-error" message={applyError} />
    </section>
  );
}
