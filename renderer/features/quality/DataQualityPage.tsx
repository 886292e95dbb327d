import { useMemo } from 'react';
import { Link, useNavigate } from 'react-router';
import { dataQualityCheckLabels, dataQualityChecks, findDataQualityIssues, updateIntervalMs, type DataQualityCheck } from '../../../shared/domain/dataQuality';
import { emptyIncidentListFilter, type IncidentListFilter } from '../../../shared/domain/incidentList';
import { priorities } from '../../../shared/domain/priority';
import { formatDuration } from '../../components/formatTime';
import { PriorityBadge } from '../../components/PriorityBadge';
import { Timestamp } from '../../components/Timestamp';
import { useNow } from '../../components/useNow';
import { useAllIncidentListItems } from '../../data/useIncidentList';
import { useUiStore } from '../../state/uiStore';

/** How many of each list to show; the rest are a click away in the filtered incident list. */
const shownPerCheck = 100;

const explanations: Record<DataQualityCheck, string> = {
  uncategorised: 'Still filed as "Other": routing rules, reports and trends cannot place them.',
  unassigned: 'Nobody owns them.',
  stale: `Nothing written on them for longer than their priority allows (${priorities.map((priority) => `${priority} ${formatDuration(updateIntervalMs[priority])}`).join(', ')}).`,
};

const emptyMessages: Record<DataQualityCheck, string> = {
  uncategorised: 'Every open incident has a category.',
  unassigned: 'Every open incident has an assignee.',
  stale: 'Every open incident has been updated on time.',
};

/** The incident-list filter that shows the same incidents, where one exists. */
const listFilters: Partial<Record<DataQualityCheck, IncidentListFilter>> = {
  uncategorised: { ...emptyIncidentListFilter, stage: 'open', category: 'other' },
  unassigned: { ...emptyIncidentListFilter, stage: 'open', assignee: 'unassigned' },
};

/** For leads: open incidents missing a category, an assignee, or a timely update. */
export function DataQualityPage() {
  const { items, isComplete } = useAllIncidentListItems();
  const nowMs = useNow(60_000);
  const report = useMemo(() => findDataQualityIssues(items, nowMs), [items, nowMs]);
  const setListView = useUiStore((state) => state.setListView);
  const navigate = useNavigate();

  return (
    <section className="page quality-page" aria-labelledby="quality-title">
      <h1 id="quality-title">Data quality</h1>
      <p className="muted">Open live incidents that are hard to manage because something is missing. Exercise incidents are left out.</p>
      {!isComplete ? <p role="status">Loading incidents…</p> : null}
      {dataQualityChecks.map((check) => {
        const found = report[check];
        const filter = listFilters[check];
        return (
          <section key={check} className="quality-check" aria-labelledby={`quality-${check}`}>
            <h2 id={`quality-${check}`}>
              {dataQualityCheckLabels[check]} <span className="count-badge">{found.length.toLocaleString()}</span>
            </h2>
            <p className="muted">{explanations[check]}</p>
            {found.length === 0 ? (
              <p>{emptyMessages[check]}</p>
            ) : (
              <>
                <ul className="quality-list">
                  {found.slice(0, shownPerCheck).map((item) => (
                    <li key={item.id}>
                      <PriorityBadge priority={item.priority} /> <Link to={`/incidents/${item.id}`}>{item.reference}</Link> {item.title}{' '}
                      <span className="muted small-text">
                        last update <Timestamp iso={item.updatedAt} isRelative />
                      </span>
                    </li>
                  ))}
                </ul>
                {found.length > shownPerCheck ? (
                  <p className="muted">
                    {`Showing the ${shownPerCheck} longest without an update of ${found.length.toLocaleString()}.`}{' '}
                    {filter ? (
                      <button
                        type="button"
                        className="link-button"
                        onClick={() => {
                          setListView({ filter, sort: { field: 'updatedAt', direction: 'asc' } });
                          void navigate('/incidents');
                        }}
                      >
                        Show all in the incident list
                      </button>
                    ) : null}
                  </p>
                ) : null}
              </>
            )}
          </section>
        );
      })}
    </section>
  );
}
