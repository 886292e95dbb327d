import { useEffect, useState } from 'react';
import { Link, useParams } from 'react-router';
import { isStarterScenarioId } from '../../../shared/domain/exerciseRecords';
import { scenarioDifficultyLabels, scenarioPoints } from '../../../shared/domain/exerciseScenario';
import { getDataEnvironment } from '../../data/dataEnvironment';
import { useScenario } from '../../data/exerciseQueries';
import { seedStarterScenarios } from '../../data/exerciseScenarioCommands';
import { usePlaybookLibrary } from '../../data/playbookQueries';
import { useProfile } from '../../data/profile';
import { MselTable } from './MselTable';
import { PlainText } from './PlainText';
import { ScenarioActions } from './ScenarioActions';
import { formatDuration } from './scenarioDisplay';

/** One scenario version: what it trains, its story, the playbooks it exercises and its MSEL. */
export function ScenarioPage() {
  const { scenarioId = '' } = useParams();
  const scenario = useScenario(scenarioId);
  const playbooks = usePlaybookLibrary();
  const profile = useProfile();
  // A starter opened by its address before this device has shown the Exercises page is not seeded
  // yet: seed it here (only starters never seen, as the Exercises page does) before saying it is missing.
  const isStarter = isStarterScenarioId(scenarioId);
  const [seededId, setSeededId] = useState<string | null>(null);
  const isSeeding = isStarter && seededId !== scenarioId;
  useEffect(() => {
    if (!isStarter) return;
    let isCurrent = true;
    seedStarterScenarios(getDataEnvironment())
      .catch(() => undefined)
      .finally(() => {
        if (isCurrent) setSeededId(scenarioId);
      });
    return () => {
      isCurrent = false;
    };
  }, [isStarter, scenarioId]);

  if (scenario === undefined || (scenario === null && isSeeding)) return <section className="page" aria-busy="true" />;
  if (scenario === null) {
    return (
      <section className="page" aria-labelledby="scenario-missing-title">
        <h1 id="scenario-missing-title">Scenario not found</h1>
        <p>This scenario is not on this device: it may have been deleted, here or on another device. Runs made from it keep their own copy.</p>
        <p>
          <Link to="/exercises">Back to the exercises</Link>
        </p>
      </section>
    );
  }

  const playbookById = new Map((playbooks ?? []).map((playbook) => [playbook.lineageId, playbook]));
  return (
    <article className="page scenario-page" aria-labelledby="scenario-title">
      <p className="back-to-list">
        <Link to="/exercises">All exercises</Link>
      </p>
      <h1 id="scenario-title">{scenario.title}</h1>
      <dl className="header-facts">
        <div>
          <dt>Difficulty</dt>
          <dd>{scenarioDifficultyLabels[scenario.difficulty]}</dd>
        </div>
        <div>
          <dt>Duration</dt>
          <dd>{formatDuration(scenario.durationMinutes)}</dd>
        </div>
        <div>
          <dt>Version</dt>
          <dd>Version {scenario.version}</dd>
        </div>
        <div>
          <dt>Injects</dt>
          <dd>{scenario.injects.length}</dd>
        </div>
        <div>
          <dt>Points</dt>
          <dd>{scenarioPoints(scenario)}</dd>
        </div>
      </dl>
      {profile ? <ScenarioActions scenario={scenario} role={profile.role} /> : null}
      <section aria-labelledby="scenario-audience-title">
        <h2 id="scenario-audience-title">Audience</h2>
        <p>{scenario.audience || <span className="muted">Not stated.</span>}</p>
      </section>
      <section aria-labelledby="scenario-objectives-title">
        <h2 id="scenario-objectives-title">Objectives</h2>
        {scenario.objectives.length === 0 ? (
          <p className="muted">No objectives yet.</p>
        ) : (
          <ol>
            {scenario.objectives.map((objective) => (
              <li key={objective.id}>{objective.text}</li>
            ))}
          </ol>
        )}
      </section>
      <section aria-labelledby="scenario-narrative-title">
        <h2 id="scenario-narrative-title">Narrative</h2>
        {scenario.narrative.trim() === '' ? <p className="muted">No narrative yet.</p> : <PlainText text={scenario.narrative} />}
      </section>
      <section aria-labelledby="scenario-playbooks-title">
        <h2 id="scenario-playbooks-title">Linked playbooks</h2>
        {scenario.linkedPlaybookLineageIds.length === 0 ? (
          <p className="muted">None.</p>
        ) : (
          <ul>
            {scenario.linkedPlaybookLineageIds.map((lineageId) => {
              const playbook = playbookById.get(lineageId);
              return <li key={lineageId}>{playbook ? <Link to={`/playbooks/${playbook.id}`}>{playbook.name}</Link> : `A playbook not on this device (${lineageId})`}</li>;
            })}
          </ul>
        )}
      </section>
      <section aria-labelledby="scenario-msel-title">
        <h2 id="scenario-msel-title">Injects</h2>
        <MselTable injects={scenario.injects} />
      </section>
    </article>
  );
}
