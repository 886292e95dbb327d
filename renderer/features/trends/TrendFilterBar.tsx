import { useState } from 'react';
import { unassignedTeamKey } from '../../../shared/domain/metrics';
import { metricGranularities, metricGranularityLabels, type MetricGranularity } from '../../../shared/domain/metricPeriods';
import { priorities, priorityLabels, type Priority } from '../../../shared/domain/priority';
import { categoriesByKind, incidentCategories, incidentCategoryLabels, incidentKindLabels, incidentKinds, type IncidentCategory, type IncidentKind } from '../../../shared/domain/taxonomy';
import { buildTrendQuery, type TrendFilters } from '../../../shared/domain/trendFilters';
import { FieldError } from '../../components/FieldError';

type TrendFilterBarProps = {
  filters: TrendFilters;
  timeZone: string;
  /** "Now" for validation: no date after today. */
  nowMs: number;
  teams: readonly { id: string; name: string }[];
  /** Called with filters that make a valid query; invalid ones stay in the bar with their errors. */
  onApply: (filters: TrendFilters) => void;
};

/**
 * The filters over the whole page. Edits apply at once when they make sense; a date typed halfway
 * or Day over a long range shows why it was refused and leaves the charts as they were.
 */
export function TrendFilterBar({ filters, timeZone, nowMs, teams, onApply }: TrendFilterBarProps) {
  const [draft, setDraft] = useState(filters);
  const validation = buildTrendQuery(draft, timeZone, nowMs);
  const errors = validation.ok ? {} : validation.errors;

  const change = (patch: Partial<TrendFilters>) => {
    const next = { ...draft, ...patch };
    // A category of the other kind would match nothing: picking a kind resets it.
    if (patch.kind && patch.kind !== 'all' && next.category !== 'all' && !categoriesByKind[patch.kind].includes(next.category)) next.category = 'all';
    setDraft(next);
    if (buildTrendQuery(next, timeZone, nowMs).ok) onApply(next);
  };

  const categoryChoices = draft.kind === 'all' ? incidentCategories : categoriesByKind[draft.kind];
  const describedBy = (field: string, error: string | undefined) => (error ? `trend-${field}-error` : undefined);

  return (
    <div role="group" aria-label="Trend filters" className="trend-filters">
      <div className="field">
        <label htmlFor="trend-from">From</label>
        <input id="trend-from" type="date" value={draft.from} aria-invalid={errors.from ? true : undefined} aria-describedby={describedBy('from', errors.from)} onChange={(event) => change({ from: event.target.value })} />
        <FieldError id="trend-from-error" message={errors.from} />
      </div>
      <div className="field">
        <label htmlFor="trend-to">To</label>
        <input id="trend-to" type="date" value={draft.to} aria-invalid={errors.to ? true : undefined} aria-describedby={describedBy('to', errors.to)} onChange={(event) => change({ to: event.target.value })} />
        <FieldError id="trend-to-error" message={errors.to} />
      </div>
      <div className="field">
        <label htmlFor="trend-granularity">Granularity</label>
        <select
          id="trend-granularity"
          value={draft.granularity}
          aria-invalid={errors.granularity ? true : undefined}
          aria-describedby={describedBy('granularity', errors.granularity)}
          onChange={(event) => change({ granularity: event.target.value as MetricGranularity })}
        >
          {metricGranularities.map((granularity) => (
            <option key={granularity} value={granularity}>
              {metricGranularityLabels[granularity]}
            </option>
          ))}
        </select>
        <FieldError id="trend-granularity-error" message={errors.granularity} />
      </div>
      <div className="field">
        <label htmlFor="trend-team">Team</label>
        <select id="trend-team" value={draft.team} onChange={(event) => change({ team: event.target.value })}>
          <option value="all">All teams</option>
          {teams.map((team) => (
            <option key={team.id} value={team.id}>
              {team.name}
            </option>
          ))}
          <option value={unassignedTeamKey}>No team</option>
        </select>
      </div>
      <div className="field">
        <label htmlFor="trend-kind">Kind</label>
        <select id="trend-kind" value={draft.kind} onChange={(event) => change({ kind: event.target.value as IncidentKind | 'all' })}>
          <option value="all">All kinds</option>
          {incidentKinds.map((kind) => (
            <option key={kind} value={kind}>
              {incidentKindLabels[kind]}
            </option>
          ))}
        </select>
      </div>
      <div className="field">
        <label htmlFor="trend-category">Category</label>
        <select id="trend-category" value={draft.category} onChange={(event) => change({ category: event.target.value as IncidentCategory | 'all' })}>
          <option value="all">All categories</option>
          {categoryChoices.map((category) => (
            <option key={category} value={category}>
              {incidentCategoryLabels[category]}
            </option>
          ))}
        </select>
      </div>
      <div className="field">
        <label htmlFor="trend-priority">Priority</label>
        <select id="trend-priority" value={draft.priority} onChange={(event) => change({ priority: event.target.value as Priority | 'all' })}>
          <option value="all">All priorities</option>
          {priorities.map((priority) => (
            <option key={priority} value={priority}>
              {priorityLabels[priority]}
            </option>
          ))}
        </select>
      </div>
      <div className="trend-checkboxes">
        <label className="checkbox">
          <input type="checkbox" checked={draft.isComparing} onChange={(event) => change({ isComparing: event.target.checked })} />
          Compare with previous period
        </label>
        <label className="checkbox">
          <input type="checkbox" checked={draft.includeImported} onChange={(event) => change({ includeImported: event.target.checked })} />
          Include imported history
        </label>
        <label className="checkbox">
          <input type="checkbox" checked={draft.includeExercises} onChange={(event) => change({ includeExercises: event.target.checked })} />
          Include exercises
        </label>
      </div>
    </div>
  );
}
