import { Link, useParams } from 'react-router';
import { appRoleLabels } from '../../../shared/domain/people';
import { canWriteScenarios } from '../../data/exerciseAccess';
import { useScenario } from '../../data/exerciseQueries';
import { useProfile } from '../../data/profile';
import { ScenarioEditor } from './ScenarioEditor';

/**
 * /exercises/scenarios/new and /exercises/scenarios/:scenarioId/edit: loads the version and says
 * plainly when it cannot be edited instead of showing a form whose save would be refused.
 */
export function ScenarioEditorPage() {
  const { scenarioId } = useParams();
  const profile = useProfile();
  const source = useScenario(scenarioId ?? '');
  const isNew = scenarioId === undefined;

  if (profile === undefined || (!isNew && source === undefined)) return <section className="page" aria-busy="true" />;
  const backTo = isNew || !source ? '/exercises' : `/exercises/scenarios/${source.id}`;
  const refusal =
    profile === null
      ? 'Set up your profile first: every change records who made it.'
      : !canWriteScenarios(profile.role)
        ? `Your profile role is ${appRoleLabels[profile.role]}: trainers, leads and administrators write scenarios (they hold the facilitator's notes and the expected answers).`
        : !isNew && !source
          ? 'This scenario is not on this device: it may have been deleted.'
          : null;
  if (refusal) {
    return (
      <section className="page" aria-labelledby="scenario-edit-refused">
        <h1 id="scenario-edit-refused">This scenario cannot be edited here</h1>
        <p>{refusal}</p>
        <p>
          <Link to={backTo}>Back</Link>
        </p>
      </section>
    );
  }
  return (
    <div className="page scenario-editor-page">
      {/* Keyed by version so opening another version's editor starts from its own content. */}
      <ScenarioEditor key={source?.id ?? 'new'} source={isNew ? null : (source ?? null)} />
    </div>
  );
}
