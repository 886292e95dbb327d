import { incidentModeLabels, incidentModes, incidentStageLabels, incidentStages } from '../../../shared/domain/incident';
import { incidentSortFields, type IncidentSortField } from '../../../shared/domain/incidentList';
import { priorities } from '../../../shared/domain/priority';
import { incidentCategories, incidentCategoryLabels } from '../../../shared/domain/taxonomy';
import { listServiceLevelStateLabels, type ListServiceLevelState } from '../../../shared/domain/listServiceLevel';
import { useAssigneeOptions, useTeamOptions } from '../../data/useIncidentList';
import { optionsOf, SelectField } from '../../components/SelectField';
import { useUiStore } from '../../state/uiStore';

const sortLabels: Record<IncidentSortField, string> = {
  reportedAt: 'Reported',
  updatedAt: 'Last update',
  priority: 'Priority',
  stage: 'Stage',
  reference: 'Reference',
  title: 'Title',
  timeLeft: 'Time left (SLA)',
};

const serviceLevelStates: ListServiceLevelState[] = ['on_track', 'at_risk', 'breached', 'paused'];

/** The direction each sort starts in: newest first, most urgent (P1) first, A to Z. */
const naturalDirection: Record<IncidentSortField, 'asc' | 'desc'> = {
  reportedAt: 'desc',
  updatedAt: 'desc',
  priority: 'asc',
  stage: 'asc',
  reference: 'desc',
  title: 'asc',
  timeLeft: 'asc',
};

export function IncidentFilters() {
  const filter = useUiStore((state) => state.listFilter);
  const sort = useUiStore((state) => state.listSort);
  const setFilter = useUiStore((state) => state.setListFilter);
  const setSort = useUiStore((state) => state.setListSort);
  const assignees = useAssigneeOptions();
  const teams = useTeamOptions();

  return (
    <div className="filters" role="group" aria-label="Filter and sort incidents">
      <SelectField
        className="filter"
        id="filter-stage"
        label="Stage"
        value={filter.stage}
        options={[{ value: 'all', label: 'All stages' }, { value: 'open', label: 'Open (not resolved)' }, ...optionsOf(incidentStages, incidentStageLabels)]}
        onChange={(stage) => setFilter({ stage })}
      />
      <SelectField
        className="filter"
        id="filter-priority"
        label="Priority"
        value={filter.priority}
        options={[{ value: 'all', label: 'All priorities' }, ...optionsOf(priorities, (priority) => priority)]}
        onChange={(priority) => setFilter({ priority })}
      />
      <SelectField
        className="filter"
        id="filter-category"
        label="Category"
        value={filter.category}
        options={[{ value: 'all', label: 'All categories' }, ...optionsOf(incidentCategories, incidentCategoryLabels)]}
        onChange={(category) => setFilter({ category })}
      />
      <SelectField
        className="filter"
        id="filter-assignee"
        label="Assignee"
        value={filter.assignee}
        options={[{ value: 'all', label: 'Anyone' }, { value: 'unassigned', label: 'Unassigned' }, ...assignees.map((person) => ({ value: person.id, label: person.name }))]}
        onChange={(assignee) => setFilter({ assignee })}
      />
      <SelectField
        className="filter"
        id="filter-team"
        label="Team"
        value={filter.team}
        options={[{ value: 'all', label: 'Any team' }, { value: 'none', label: 'No team' }, ...teams.map((team) => ({ value: team.id, label: team.name }))]}
        onChange={(team) => setFilter({ team })}
      />
      <SelectField
        className="filter"
        id="filter-service-level"
        label="Service level"
        value={filter.serviceLevel}
        options={[{ value: 'all', label: 'Any' }, ...optionsOf(serviceLevelStates, listServiceLevelStateLabels)]}
        onChange={(serviceLevel) => setFilter({ serviceLevel })}
      />
      <SelectField
        className="filter"
        id="filter-major"
        label="Major"
        value={filter.isMajor}
        options={[
          { value: 'all', label: 'Major or not' },
          { value: 'major', label: 'Major only' },
        ]}
        onChange={(isMajor) => setFilter({ isMajor })}
      />
      <SelectField
        className="filter"
        id="filter-mode"
        label="Mode"
        value={filter.mode}
        options={[{ value: 'all', label: 'All modes' }, ...optionsOf(incidentModes, incidentModeLabels)]}
        onChange={(mode) => setFilter({ mode })}
      />
      <SelectField
        className="filter"
        id="filter-origin"
        label="Source"
        value={filter.origin}
        options={[
          { value: 'all', label: 'All incidents' },
          { value: 'real', label: 'Real only' },
          { value: 'sample', label: 'Sample data only' },
        ]}
        onChange={(origin) => setFilter({ origin })}
      />
      <SelectField
        className="filter"
        id="filter-sort-by"
        label="Sort by"
        value={sort.field}
        options={optionsOf(incidentSortFields, sortLabels)}
        onChange={(field) => setSort({ field, direction: naturalDirection[field] })}
      />
      <button
        type="button"
        className="small"
        aria-label={sort.direction === 'asc' ? 'Sort ascending (click for descending)' : 'Sort descending (click for ascending)'}
        onClick={() => setSort({ ...sort, direction: sort.direction === 'asc' ? 'desc' : 'asc' })}
      >
        {sort.direction === 'asc' ? '↑ Ascending' : '↓ Descending'}
      </button>
    </div>
  );
}
