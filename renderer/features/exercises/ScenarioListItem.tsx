import { Link } from 'react-router';
import { scenarioDifficultyLabels } from '../../../shared/domain/exerciseScenario';
import type { ScenarioRecord } from '../../../shared/domain/exerciseRecords';
import { formatDuration } from './scenarioDisplay';

type ScenarioListItemProps = { scenario: ScenarioRecord; playbookNames: ReadonlyMap<string, string> };

/** One scenario in the library: title (a link), difficulty, duration, injects and the playbooks it exercises. */
export function ScenarioListItem({ scenario, playbookNames }: ScenarioListItemProps) {
  const injectCount = scenario.injects.length;
  const playbooks = scenario.linkedPlaybookLineageIds.map((lineageId) => playbookNames.get(lineageId) ?? 'a playbook not on this device');
  return (
    <li className="scenario-item">
      <div className="row-line">
        <h3 className="scenario-item-title">
          <Link to={`/exercises/scenarios/${scenario.id}`}>{scenario.title}</Link>
        </h3>
        <span className="badge">{scenarioDifficultyLabels[scenario.difficulty]}</span>
        {scenario.version > 1 ? <span className="muted">Version {scenario.version}</span> : null}
      </div>
      <p className="muted">
        {formatDuration(scenario.durationMinutes)} · {injectCount === 1 ? '1 inject' : `${injectCount} injects`}
        {playbooks.length > 0 ? ` · Playbooks: ${playbooks.join(', ')}` : ' · No linked playbooks'}
      </p>
    </li>
  );
}
