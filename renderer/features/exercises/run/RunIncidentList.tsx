import { Link } from 'react-router';
import { incidentStageLabels } from '../../../../shared/domain/incident';
import { exerciseIncidentsOf, type ExerciseEvidence } from '../../../../shared/domain/expectedActions';

/** The run's exercise incidents, each a link into the real incident workflow. */
export function RunIncidentList({ evidence }: { evidence: ExerciseEvidence | undefined }) {
  const incidents = evidence ? exerciseIncidentsOf(evidence) : [];
  return (
    <section className="card run-section" aria-labelledby="run-incidents-title">
      <h2 id="run-incidents-title">Exercise incidents</h2>
      {incidents.length === 0 ? (
        <p className="muted">Incidents opened for this exercise appear here.</p>
      ) : (
        <ul aria-labelledby="run-incidents-title">
          {incidents.map((incident) => (
            <li key={incident.id}>
              <Link to={`/incidents/${incident.id}`}>
                {incident.reference} {incident.title}
              </Link>{' '}
              <span className="muted">({incidentStageLabels[incident.stage]})</span>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
