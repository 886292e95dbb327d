import { incidentModeLabels, incidentModes, incidentStageLabels, incidentStages } from '../../../shared/domain/incident';
import { incidentSortFields, type IncidentSortField } from '../../../shared/domain/incidentList';
import { priorities } from '../../../shared/domain/priority';
import { incidentCategories, incidentCategoryLabels } from '../../../shared/domain/taxonomy';
import { useAssigneeOptions } from '../../data/useIncidentList';
import { useUiStore } from '../../state/uiStore';

const sortLabels: Record<IncidentSortField, string> = {
  reportedAt: 'Reported',
  updatedAt: 'Last update',
  priority: 'Priority',
  stage: 'Stage',
  reference: 'Reference',
  title: 'Title',
};

/** The direction each sort starts in: newest first, most urgent (P1) first, A to Z. */
const naturalDirection: Record<IncidentSortField, 'asc' | 'desc'> = {
  reportedAt: 'desc',
  updatedAt: 'desc',
  priority: 'asc',
  stage: 'asc',
  reference: 'desc',
  title: 'asc',
};

export function IncidentFilters() {
  const filter = useUiStore((state) => state.listFilter);
  const sort = useUiStore((state) => state.listSort);
  const setFilter = useUiStore((state) => state.setListFilter);
  const setSort = useUiStore((state) => state.setListSort);
  const assignees = useAssigneeOptions();

  return (
    <div className="filters" role="group" aria-label="Filter and sort incidents">
      <div className="filter">
        <label htmlFor="filter-stage">Stage</label>
        <select id="filter-stage" value={filter.stage} onChange={(event) => setFilter({ stage: event.target.value as typeof filter.stage })}>
          <option value="all">All stages</option>
          <option value="open">Open (not resolved)</option>
          {incidentStages.map((stage) => (
            <option key={stage} value={stage}>
              {incidentStageLabels[stage]}
            </option>
          ))}
        </select>
      </div>
      <div className="filter">
        <label htmlFor="filter-priority">Priority</label>
        <select id="filter-priority" value={filter.priority} onChange={(event) => setFilter({ priority: event.target.value as typeof filter.priority })}>
          <option value="all">All priorities</option>
          {priorities.map((priority) => (
            <option key={priority} value={priority}>
              {priority}
            </option>
          ))}
        </select>
      </div>
      <div className="filter">
        <label htmlFor="filter-category">Category</label>
        <select id="filter-category" value={filter.category} onChange={(event) => setFilter({ category: event.target.value as typeof filter.category })}>
          <option value="all">All categories</option>
          {incidentCategories.map((category) => (
            <option key={category} value={category}>
              {incidentCategoryLabels[category]}
            </option>
          ))}
        </select>
      </div>
      <div className="filter">
        <label htmlFor="filter-assignee">Assignee</label>
        <select id="filter-assignee" value={filter.assignee} onChange={(event) => setFilter({ assignee: event.target.value })}>
          <option value="all">Anyone</option>
          <option value="unassigned">Unassigned</option>
          {assignees.map((person) => (
            <option key={person.id} value={person.id}>
              {person.name}
            </option>
          ))}
        </select>
      </div>
      <div className="filter">
        <label htmlFor="filter-mode">Mode</label>
        <select id="filter-mode" value={filter.mode} onChange={(event) => setFilter({ mode: event.target.value as typeof filter.mode })}>
          <option value="all">All modes</option>
          {incidentModes.map((mode) => (
            <option key={mode} value={mode}>
              {incidentModeLabels[mode]}
            </option>
          ))}
        </select>
      </div>
      <div className="filter">
        <label htmlFor="filter-origin">Source</label>
        <select id="filter-origin" value={filter.origin} onChange={(event) => setFilter({ origin: event.target.value as typeof filter.origin })}>
          <option value="all">All incidents</option>
          <option value="real">Real only</option>
          <option value="sample">Sample data only</option>
        </select>
      </div>
      <div className="filter">
        <label htmlFor="filter-sort-by">Sort by</label>
        <select id="filter-sort-by" value={sort.field} onChange={(event) => {
            const field = event.target.value as IncidentSortField;
            setSort({ field, direction: naturalDirection[field] });
          }}>
          {incidentSortFields.map((field) => (
            <option key={field} value={field}>
              {sortLabels[field]}
            </option>
          ))}
        </select>
      </div>
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
