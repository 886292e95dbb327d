import { Link, useParams } from 'react-router';
import { findPhaseGaps, playbookPhaseLabels, playbookStatusLabels } from '../../../shared/domain/playbook';
import { incidentCategoryLabels, incidentKindLabels } from '../../../shared/domain/taxonomy';
import { Timestamp } from '../../components/Timestamp';
import { usePlaybookVersion, usePlaybookVersions } from '../../data/playbookQueries';
import { useProfile } from '../../data/profile';
import { InstructionsText } from './InstructionsText';
import { PlaybookActions } from './PlaybookActions';
import { PlaybookPreview } from './PlaybookPreview';
import { PlaybookVersionList } from './PlaybookVersionList';

/** One playbook version: what it says, its versions, and what can be done with it. */
export function PlaybookPage() {
  const { playbookId = '' } = useParams();
  const playbook = usePlaybookVersion(playbookId);
  const versions = usePlaybookVersions(playbook?.lineageId ?? '');
  const profile = useProfile();

  if (playbook === undefined) return <section className="page" aria-busy="true" />;
  if (playbook === null) {
    return (
      <section className="page" aria-labelledby="playbook-missing-title">
        <h1 id="playbook-missing-title">Playbook not found</h1>
        <p>This playbook version is not on this device: it may have been a draft that was discarded, here or on another device.</p>
        <p>
          <Link to="/playbooks">Back to the playbooks</Link>
        </p>
      </section>
    );
  }

  const gaps = playbook.status === 'draft' ? findPhaseGaps(playbook) : [];
  const categories = playbook.categories.map((category) => incidentCategoryLabels[category]);
  return (
    <article className="page playbook-page" aria-labelledby="playbook-title">
      <p className="back-to-list">
        <Link to="/playbooks">All playbooks</Link>
      </p>
      <h1 id="playbook-title">{playbook.name}</h1>
      <dl className="header-facts">
        <div>
          <dt>Status</dt>
          <dd>
            <span className={`badge playbook-status status-${playbook.status}`}>{playbookStatusLabels[playbook.status]}</span>
          </dd>
        </div>
        <div>
          <dt>Version</dt>
          <dd>Version {playbook.version}</dd>
        </div>
        <div>
          <dt>For</dt>
          <dd>
            {playbook.kinds.map((kind) => incidentKindLabels[kind]).join(', ')} incidents
            {categories.length > 0 ? `: ${categories.join(', ')}` : ' (any category)'}
          </dd>
        </div>
        <div>
          <dt>Owner</dt>
          <dd>{playbook.owner.name}</dd>
        </div>
        <div>
          <dt>Last changed</dt>
          <dd>
            <Timestamp iso={playbook.updatedAt} />
          </dd>
        </div>
      </dl>
      {profile ? <PlaybookActions playbook={playbook} versions={versions ?? []} role={profile.role} /> : null}
      {gaps.length > 0 ? (
        <p className="phase-gap-note" role="note">
          No steps yet for {gaps.map((phase) => playbookPhaseLabels[phase]).join(', ')}. A complete response usually covers every phase; a lead can
          still approve a shorter playbook.
        </p>
      ) : null}
      <div className="playbook-body">
        <div className="playbook-main">
          {playbook.summary ? (
            <section aria-labelledby="playbook-summary-title">
              <h2 id="playbook-summary-title">Summary</h2>
              <InstructionsText text={playbook.summary} />
            </section>
          ) : null}
          <PlaybookPreview playbook={playbook} />
        </div>
        {versions ? <PlaybookVersionList versions={versions} currentId={playbook.id} /> : null}
      </div>
    </article>
  );
}
