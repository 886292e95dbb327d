import { Link } from 'react-router';
import { playbookStatusLabels, type Playbook } from '../../../shared/domain/playbook';
import { Timestamp } from '../../components/Timestamp';

type PlaybookVersionListProps = { versions: readonly Playbook[]; currentId: string };

/** Every live version of the playbook, newest first; the one on screen is marked, not linked. */
export function PlaybookVersionList({ versions, currentId }: PlaybookVersionListProps) {
  return (
    <section className="card playbook-versions" aria-labelledby="playbook-versions-title">
      <h2 id="playbook-versions-title">Versions</h2>
      <ul className="version-list" aria-label="Versions">
        {versions.map((version) => {
          const label = `Version ${version.version}`;
          return (
            <li key={version.id} aria-current={version.id === currentId ? 'page' : undefined}>
              {version.id === currentId ? <strong>{label} (shown)</strong> : <Link to={`/playbooks/${version.id}`}>{label}</Link>}{' '}
              <span className={`badge playbook-status status-${version.status}`}>{playbookStatusLabels[version.status]}</span>
              <span className="small-text muted version-when">
                {version.approvedAt && version.approvedBy ? (
                  <>
                    approved by {version.approvedBy.name} <Timestamp iso={version.approvedAt} />
                  </>
                ) : (
                  <>
                    written by {version.createdBy.name} <Timestamp iso={version.createdAt} />
                  </>
                )}
              </span>
            </li>
          );
        })}
      </ul>
    </section>
  );
}
