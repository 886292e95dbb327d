import { useMemo, useState } from 'react';
import { useNavigate } from 'react-router';
import { useScenarioLibrary } from '../../data/exerciseQueries';
import { usePlaybookLibrary } from '../../data/playbookQueries';
import { filterScenarios } from './scenarioDisplay';
import { ScenarioImportControls } from './ScenarioImportControls';
import { ScenarioListItem } from './ScenarioListItem';

/** The id the "/" shortcut may focus on this page. */
export const scenarioSearchId = 'scenario-search';

/** The "Scenarios" section: search, open, create and import scenarios. */
export function ScenarioLibrary({ canWrite }: { canWrite: boolean }) {
  const scenarios = useScenarioLibrary();
  const playbooks = usePlaybookLibrary();
  const navigate = useNavigate();
  const [query, setQuery] = useState('');
  const shown = useMemo(() => filterScenarios(scenarios ?? [], query), [scenarios, query]);
  const playbookNames = useMemo(() => new Map((playbooks ?? []).map((playbook) => [playbook.lineageId, playbook.name])), [playbooks]);

  return (
    <section className="exercise-section" aria-labelledby="scenarios-title">
      <div className="section-header">
        <h2 id="scenarios-title">Scenarios</h2>
        {canWrite ? (
          <button type="button" className="primary" onClick={() => void navigate('/exercises/scenarios/new')}>
            New scenario
          </button>
        ) : null}
      </div>
      {canWrite ? <ScenarioImportControls /> : null}
      <div className="field scenario-search" role="search" aria-label="Scenario search">
        <label htmlFor={scenarioSearchId}>Search scenarios</label>
        <input id={scenarioSearchId} type="search" value={query} placeholder="Title, audience or inject" onChange={(event) => setQuery(event.target.value)} />
      </div>
      {scenarios === undefined ? null : (
        <p className="list-count" aria-live="polite">
          {query.trim() !== '' ? `${shown.length} of ${scenarios.length} scenarios shown` : `${scenarios.length} scenarios`}
        </p>
      )}
      {scenarios === undefined ? null : scenarios.length === 0 ? (
        <p className="list-empty">No scenarios yet. The six starter scenarios appear here in a moment; scenarios you write or import join them.</p>
      ) : shown.length === 0 ? (
        <div className="list-empty">
          <p>No scenario matches “{query}”.</p>
          <button type="button" onClick={() => setQuery('')}>
            Clear search
          </button>
        </div>
      ) : (
        <ul className="scenario-list" aria-label="Scenario library">
          {shown.map((scenario) => (
            <ScenarioListItem key={scenario.id} scenario={scenario} playbookNames={playbookNames} />
          ))}
        </ul>
      )}
    </section>
  );
}
