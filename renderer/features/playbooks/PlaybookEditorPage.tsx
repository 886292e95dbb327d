import { Link, useParams } from 'react-router';
import { canProposePlaybooks } from '../../../shared/domain/playbook';
import { appRoleLabels } from '../../../shared/domain/people';
import { usePlaybookVersion } from '../../data/playbookQueries';
import { toPersonRef, useProfile } from '../../data/profile';
import { PlaybookEditor } from './PlaybookEditor';

/**
 * /playbooks/new and /playbooks/:playbookId/edit: loads the version and says plainly when it
 * cannot be edited (a viewer, a retired version, a discarded draft) instead of showing a form
 * whose save would be refused.
 */
export function PlaybookEditorPage() {
  const { playbookId } = useParams();
  const profile = useProfile();
  const source = usePlaybookVersion(playbookId ?? '');
  const isNew = playbookId === undefined;

  if (profile === undefined || (!isNew && source === undefined)) return <section className="page" aria-busy="true" />;
  const backTo = isNew || !source ? '/playbooks' : `/playbooks/${source.id}`;
  const refusal =
    profile === null
      ? 'Set up your profile first: every change records who made it.'
      : !canProposePlaybooks(profile.role)
        ? `Your profile role is ${appRoleLabels[profile.role]}: viewers read playbooks but do not write them. Ask a responder or a lead.`
        : !isNew && !source
          ? 'This playbook version is not on this device: it may have been a draft that was discarded.'
          : source?.status === 'retired'
            ? `Version ${source.version} of ${source.name} is retired and kept as it was. Open the current version to edit it.`
            : null;
  if (refusal || profile === null) {
    return (
      <section className="page" aria-labelledby="playbook-edit-refused">
        <h1 id="playbook-edit-refused">This playbook cannot be edited here</h1>
        <p>{refusal}</p>
        <p>
          <Link to={backTo}>Back</Link>
        </p>
      </section>
    );
  }
  return (
    <div className="page playbook-editor-page">
      {/* Keyed by version so opening another version's editor starts from its own content. */}
      <PlaybookEditor key={source?.id ?? 'new'} source={isNew ? null : (source ?? null)} me={toPersonRef(profile)} />
    </div>
  );
}
