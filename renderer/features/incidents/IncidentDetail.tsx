import { useEffect, useRef, useState } from 'react';
import { Link } from 'react-router';
import { incidentModeLabels } from '../../../shared/domain/incident';
import { levelLabels } from '../../../shared/domain/priority';
import { incidentCategoryLabels, incidentKindLabels } from '../../../shared/domain/taxonomy';
import { PriorityBadge } from '../../components/PriorityBadge';
import { StageBadge } from '../../components/StageBadge';
import { TlpBadge } from '../../components/TlpBadge';
import { useIncident } from '../../data/incidentQueries';
import { EditDetailsDialog } from './EditDetailsDialog';
import { LifecycleActions } from './LifecycleActions';
import { LifecycleTimestamps } from './LifecycleTimestamps';
import { PlaybookSection } from './PlaybookSection';
import { ServiceLevelClocks } from './ServiceLevelClocks';
import { TaskPanel } from './TaskPanel';
import { TimelinePanel } from './TimelinePanel';

/** One incident: what matters first (stage, priority, assignee, next actions), then the record. */
export function IncidentDetail({ incidentId }: { incidentId: string }) {
  const incident = useIncident(incidentId);
  const titleRef = useRef<HTMLHeadingElement>(null);
  const [isEditing, setIsEditing] = useState(false);
  const isLoaded = Boolean(incident);
  // Opening an incident moves focus to it, so Tab continues into its actions, not the list.
  useEffect(() => {
    if (isLoaded) titleRef.current?.focus({ preventScroll: true });
  }, [isLoaded]);
  if (incident === undefined) return <section className="detail-panel" aria-busy="true" aria-label="Loading incident" />;
  if (incident === null) {
    return (
      <section className="detail-panel" aria-labelledby="missing-title">
        <h1 id="missing-title">Incident not found</h1>
        <p>It may have been deleted, or the link is wrong.</p>
        <Link to="/incidents">Back to the incident list</Link>
      </section>
    );
  }
  return (
    <article className={`detail-panel${incident.mode === 'exercise' ? ' exercise' : ''}`} aria-labelledby="incident-title">
      {incident.mode === 'exercise' ? (
        <p className="exercise-banner" role="note">
          Exercise incident: not real, excluded from metrics
        </p>
      ) : null}
      <header className="detail-header">
        <Link to="/incidents" className="back-link">
          ← All incidents
        </Link>
        <p className="detail-reference" data-testid="incident-reference">
          {incident.reference}
        </p>
        <h1 id="incident-title" ref={titleRef} tabIndex={-1}>
          {incident.title}
        </h1>
        {incident.source === 'sample' ? (
          <p className="sample-note" role="note">
            Sample incident, generated for demonstration; it stays on this device.
          </p>
        ) : null}
        <dl className="header-facts">
          <div>
            <dt>Stage</dt>
            <dd data-testid="incident-stage">
              <StageBadge stage={incident.stage} />
            </dd>
          </div>
          <div>
            <dt>Priority</dt>
            <dd data-testid="incident-priority">
              <PriorityBadge priority={incident.priority} />
              {incident.priorityOverride ? <span className="muted"> override: {incident.priorityOverride.justification}</span> : null}
            </dd>
          </div>
          <div>
            <dt>Assignee</dt>
            <dd data-testid="incident-assignee">{incident.assignee?.name ?? 'Unassigned'}</dd>
          </div>
          <div>
            <dt>Team</dt>
            <dd data-testid="incident-team">{incident.routedTeam?.name ?? 'No team'}</dd>
            {incident.routedTeam && incident.routedByRule ? (
              <dd className="muted small-text" data-testid="incident-routed-by">
                {`by rule "${incident.routedByRule}"`}
              </dd>
            ) : null}
          </div>
          <div>
            <dt>TLP</dt>
            <dd>
              <TlpBadge tlp={incident.tlp} />
            </dd>
          </div>
          {incident.isMajor ? (
            <div>
              <dt>Flag</dt>
              <dd className="flag">Major incident</dd>
            </div>
          ) : null}
          {incident.hasPersonalData ? (
            <div>
              <dt>Flag</dt>
              <dd className="flag">Personal data involved</dd>
            </div>
          ) : null}
        </dl>
        <ServiceLevelClocks incident={incident} />
        {incident.stage === 'on_hold' && incident.holdReason ? <p className="hold-reason">On hold: {incident.holdReason}</p> : null}
        <div className="header-actions">
          <LifecycleActions incident={incident} />
          <button type="button" onClick={() => setIsEditing(true)} disabled={incident.stage === 'closed' || incident.stage === 'cancelled'}>
            Edit details
          </button>
        </div>
        {isEditing ? <EditDetailsDialog incident={incident} onClose={() => setIsEditing(false)} /> : null}
      </header>
      <div className="detail-body">
        <TimelinePanel incident={incident} />
        <aside className="detail-side">
          <PlaybookSection key={incident.id} incident={incident} />
          <TaskPanel incidentId={incident.id} />
          <section aria-labelledby="incident-facts-title" className="card">
            <h2 id="incident-facts-title">Details</h2>
            <dl className="facts">
              <dt>Kind</dt>
              <dd>{incidentKindLabels[incident.kind]}</dd>
              <dt>Category</dt>
              <dd>{incidentCategoryLabels[incident.category]}</dd>
              <dt>Impact</dt>
              <dd>{levelLabels[incident.impact]}</dd>
              <dt>Urgency</dt>
              <dd>{levelLabels[incident.urgency]}</dd>
              <dt>Mode</dt>
              <dd>{incidentModeLabels[incident.mode]}</dd>
              <dt>Reporter</dt>
              <dd>{incident.reporter.name}</dd>
              {incident.affectedServices ? (
                <>
                  <dt>Affected services</dt>
                  <dd>{incident.affectedServices}</dd>
                </>
              ) : null}
              {incident.resolutionSummary ? (
                <>
                  <dt>Resolution</dt>
                  <dd>{incident.resolutionSummary}</dd>
                </>
              ) : null}
            </dl>
            {incident.description ? <p className="description">{incident.description}</p> : null}
          </section>
          <LifecycleTimestamps incident={incident} />
        </aside>
      </div>
    </article>
  );
}
