import { useVirtualizer } from '@tanstack/react-virtual';
import { useEffect, useRef } from 'react';
import { useNavigate } from 'react-router';
import { dependsOnTime } from '../../../shared/domain/incidentList';
import { useNow } from '../../components/useNow';
import { getDataEnvironment } from '../../data/dataEnvironment';
import { takeLifecycleAction } from '../../data/incidentCommands';
import { readProfile, toPersonRef } from '../../data/profile';
import { useIncidentList } from '../../data/useIncidentList';
import { useUiStore } from '../../state/uiStore';
import { BulkActionBar } from './BulkActionBar';
import { IncidentFilters } from './IncidentFilters';
import { IncidentListRow } from './IncidentListRow';
import { QueueBar } from './QueueBar';

const rowHeight = 66;
/** Performance marks read by `npm run bench`. */
export const firstRowsMark = 'firebreak:incident-list-first-rows';
/** Marked each time the shown rows change (a filter, sort or queue applied), for the same. */
export const rowsShownMark = 'firebreak:incident-list-rows-shown';

function isTypingTarget(target: EventTarget | null): boolean {
  return target instanceof HTMLElement && (target.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(target.tagName));
}

/** Triage key "a": take the incident. A refusal (e.g. a closed incident) is announced, not thrown. */
async function assignToMe(incidentId: string): Promise<void> {
  const environment = getDataEnvironment();
  const profile = await readProfile(environment);
  if (!profile) return;
  const result = await takeLifecycleAction(environment, incidentId, { type: 'assign', assignee: toPersonRef(profile) });
  if (!result.ok) useUiStore.getState().announce(Object.values(result.errors).join(' '));
}

export function IncidentListPanel({ selectedId }: { selectedId: string | null }) {
  const filter = useUiStore((state) => state.listFilter);
  const sort = useUiStore((state) => state.listSort);
  const setFilter = useUiStore((state) => state.setListFilter);
  const resetFilter = useUiStore((state) => state.resetListFilter);
  const openNewIncident = useUiStore((state) => state.setNewIncidentOpen);
  const searchFocusRequest = useUiStore((state) => state.searchFocusRequest);
  const selectedIds = useUiStore((state) => state.selectedIncidentIds);
  const toggleSelected = useUiStore((state) => state.toggleIncidentSelection);
  const trendSelection = useUiStore((state) => state.trendSelection);
  const clearTrendSelection = useUiStore((state) => state.clearTrendSelection);
  // Service-level filters change answer as time passes: re-run them every few seconds, and only then.
  const tickingNow = useNow(5000);
  const nowMs = dependsOnTime(filter, sort) ? tickingNow : 0;
  const { rows, isStale, isComplete, loadedCount, totalCount, serviceLevelOf } = useIncidentList(filter, sort, nowMs, trendSelection?.ids ?? null);
  const checked = new Set(selectedIds);
  const navigate = useNavigate();
  const scrollRef = useRef<HTMLDivElement>(null);
  const searchRef = useRef<HTMLInputElement>(null);
  const hasMarkedFirstRows = useRef(false);
  /** The incident a j/k press navigated to, until the route catches up (briefly). */
  const pendingSelection = useRef<{ id: string; atMs: number } | null>(null);

  // TanStack Virtual returns fresh functions each render; this component opts out of memoisation.
  // eslint-disable-next-line react-hooks/incompatible-library
  const virtualizer = useVirtualizer({
    count: rows.length,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => rowHeight,
    overscan: 12,
  });

  useEffect(() => {
    if (searchFocusRequest === 0) return;
    searchRef.current?.focus();
    // A dialog that just closed hands focus back to its opener a moment later; take it again.
    const frame = requestAnimationFrame(() => searchRef.current?.focus());
    return () => cancelAnimationFrame(frame);
  }, [searchFocusRequest]);

  useEffect(() => {
    if (!isStale) performance.mark(rowsShownMark);
  }, [rows, isStale]);

  useEffect(() => {
    if (!hasMarkedFirstRows.current && rows.length > 0) {
      hasMarkedFirstRows.current = true;
      performance.mark(firstRowsMark);
    }
  }, [rows.length]);

  // j / k move the selection through the list; a assigns the open incident to me; Esc goes back.
  useEffect(() => {
    const onKeyDown = (event: KeyboardEvent) => {
      if (event.ctrlKey || event.metaKey || event.altKey || isTypingTarget(event.target) || document.querySelector('dialog[open]')) return;
      if (event.key === 'Escape' && selectedId) {
        void navigate('/incidents');
        return;
      }
      if (event.key === 'a' && selectedId) {
        event.preventDefault();
        void assignToMe(selectedId);
        return;
      }
      if (event.key !== 'j' && event.key !== 'k') return;
      event.preventDefault();
      // Read the position from a ref, not the URL: key repeat can outrun the route update.
      const pending = pendingSelection.current;
      const currentId = pending && event.timeStamp - pending.atMs < 1000 ? pending.id : selectedId;
      const current = currentId ? rows.findIndex((row) => row.id === currentId) : -1;
      const next = event.key === 'j' ? Math.min(rows.length - 1, current + 1) : Math.max(0, current - 1);
      const row = rows[next];
      if (!row) return;
      pendingSelection.current = { id: row.id, atMs: event.timeStamp };
      virtualizer.scrollToIndex(next, { align: 'auto' });
      void navigate(`/incidents/${row.id}`);
    };
    window.addEventListener('keydown', onKeyDown);
    return () => window.removeEventListener('keydown', onKeyDown);
  }, [rows, selectedId, navigate, virtualizer]);

  const isFiltered = trendSelection !== null || JSON.stringify(filter) !== JSON.stringify(useUiStore.getInitialState().listFilter);
  const countText = !isComplete
    ? `Loading incidents… ${loadedCount.toLocaleString()} of ${totalCount.toLocaleString()}`
    : isFiltered
      ? `${rows.length.toLocaleString()} of ${totalCount.toLocaleString()} incidents match`
      : `${totalCount.toLocaleString()} ${totalCount === 1 ? "incident" : "incidents"}`;

  return (
    <section className="list-panel" aria-labelledby="incident-list-title">
      <header className="list-header">
        <h1 id="incident-list-title">Incidents</h1>
        <button type="button" className="primary" onClick={() => openNewIncident(true)} aria-keyshortcuts="N">
          New incident
        </button>
      </header>
      <div className="search-row">
        <label htmlFor="incident-search" className="visually-hidden">
          Search incidents
        </label>
        <input
          id="incident-search"
          ref={searchRef}
          type="search"
          placeholder="Search title or reference  ( / )"
          value={filter.search}
          aria-keyshortcuts="/"
          onChange={(event) => setFilter({ search: event.target.value })}
          onKeyDown={(event) => {
            if (event.key === 'Escape') event.currentTarget.blur();
          }}
        />
      </div>
      {trendSelection ? (
        <div className="trend-selection" role="region" aria-label="Trend drill-down">
          <p data-testid="trend-selection-banner">
            Showing {trendSelection.ids.length.toLocaleString()} {trendSelection.ids.length === 1 ? 'incident' : 'incidents'} behind {trendSelection.label}
          </p>
          <button type="button" className="small" onClick={clearTrendSelection}>
            Show all incidents
          </button>
        </div>
      ) : null}
      <QueueBar />
      <IncidentFilters />
      <div className="list-count">
        <p role="status" aria-label="Incident count" data-testid="incident-count">
          {countText}
        </p>
        {isFiltered ? (
          <button
            type="button"
            className="link-button"
            onClick={() => {
              resetFilter();
              clearTrendSelection();
            }}
          >
            Clear filters
          </button>
        ) : null}
      </div>
      <BulkActionBar shownRows={rows} />
      {isComplete && totalCount === 0 ? (
        <div className="list-empty">
          <p>No incidents yet.</p>
          <p className="muted">Record the first one with New incident (N), or generate sample data in Settings to explore.</p>
        </div>
      ) : isComplete && rows.length === 0 ? (
        <div className="list-empty">
          <p>No incidents match these filters.</p>
          <p className="muted">Clear the filters above to see every incident.</p>
        </div>
      ) : (
        <div ref={scrollRef} className="list-scroll" role="list" aria-label="Incident list" aria-rowcount={rows.length}>
          <div style={{ height: virtualizer.getTotalSize(), position: 'relative' }}>
            {virtualizer.getVirtualItems().map((virtualRow) => {
              const row = rows[virtualRow.index]!;
              return (
                <IncidentListRow
                  key={row.id}
                  item={row}
                  isSelected={row.id === selectedId}
                  top={virtualRow.start}
                  height={rowHeight}
                  position={virtualRow.index + 1}
                  setSize={rows.length}
                  serviceLevel={serviceLevelOf(row)}
                  isChecked={checked.has(row.id)}
                  onToggleChecked={() => toggleSelected(row.id)}
                />
              );
            })}
          </div>
        </div>
      )}
    </section>
  );
}
