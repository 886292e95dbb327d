import { useParams } from 'react-router';
import { IncidentDetail } from './IncidentDetail';
import { IncidentListPanel } from './IncidentListPanel';
import { NewIncidentDialog } from './NewIncidentDialog';

/** The list and the selected incident side by side (one at a time on narrow screens). */
export function IncidentsPage() {
  const { incidentId } = useParams();
  return (
    <div className={incidentId ? 'split has-detail' : 'split'}>
      <IncidentListPanel selectedId={incidentId ?? null} />
      {incidentId ? (
        <IncidentDetail key={incidentId} incidentId={incidentId} />
      ) : (
        <section className="detail-empty" aria-label="No incident selected">
          <p>Select an incident to see its timeline, tasks and actions.</p>
          <p className="muted">
            <kbd>j</kbd>/<kbd>k</kbd> move through the list, <kbd>N</kbd> records a new incident.
          </p>
        </section>
      )}
      <NewIncidentDialog />
    </div>
  );
}
