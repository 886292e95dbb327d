import { Link } from 'react-router';
import { playbookStatusLabels, type Playbook } from '../../../shared/domain/playbook';
import { incidentCategoryLabels, incidentKindLabels } from '../../../shared/domain/taxonomy';

type PlaybookListItemProps = { playbook: Playbook; openDraft: Playbook | undefined };

/** One playbook in the library: its name links to the listed version; an open revision is named beside it. */
export function PlaybookListItem({ playbook, openDraft }: PlaybookListItemProps) {
  const stepCount = playbook.steps.length;
  const scope = [...playbook.kinds.map((kind) => incidentKindLabels[kind]), ...playbook.categories.map((category) => incidentCategoryLabels[category])];
  const hasSeparateDraft = openDraft !== undefined && openDraft.id !== playbook.id;
  return (
    <li className="playbook-item">
      <div className="row-line">
        <h2 className="playbook-item-name">
          <Link to={`/playbooks/${playbook.id}`}>{playbook.name}</Link>
        </h2>
        <span className={`badge playbook-status status-${playbook.status}`}>{playbookStatusLabels[playbook.status]}</span>
        <span className="muted">Version {playbook.version}</span>
        {hasSeparateDraft ? (
          <Link to={`/playbooks/${openDraft.id}`} className="small-text">
            Draft version {openDraft.version} open
          </Link>
        ) : null}
      </div>
      <p className="playbook-item-facts muted">
        {scope.join(' · ')} · {stepCount === 1 ? '1 step' : `${stepCount} steps`}
      </p>
      {playbook.summary ? <p className="playbook-item-summary">{playbook.summary}</p> : null}
    </li>
  );
}
