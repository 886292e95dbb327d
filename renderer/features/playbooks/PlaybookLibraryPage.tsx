import { useEffect, useMemo, useState } from 'react';
import { useNavigate, useSearchParams } from 'react-router';
import { canProposePlaybooks, playbookStatuses, playbookStatusLabels, playbookStatusSchema } from '../../../shared/domain/playbook';
import { appRoleLabels } from '../../../shared/domain/people';
import { incidentCategories, incidentCategoryLabels, incidentCategorySchema } from '../../../shared/domain/taxonomy';
import { optionsOf, SelectField } from '../../components/SelectField';
import { getDataEnvironment } from '../../data/dataEnvironment';
import { seedStarterPlaybooks } from '../../data/playbookCommands';
import { useOpenPlaybookDrafts, usePlaybookLibrary } from '../../data/playbookQueries';
import { useProfile } from '../../data/profile';
import { filterPlaybooks, type PlaybookLibraryFilter } from './playbookLibraryFilter';
import { PlaybookImportControls } from './PlaybookImportControls';
import { PlaybookListItem } from './PlaybookListItem';

/** The id the "/" shortcut focuses on this page. */
export const playbookSearchId = 'playbook-search';

const categoryOptions = [{ value: 'all', label: 'All categories' }, ...optionsOf(incidentCategories, incidentCategoryLabels)] as const;
const statusOptions = [{ value: 'all', label: 'All statuses' }, ...optionsOf(playbookStatuses, playbookStatusLabels)] as const;

/**
 * The filter lives in the address (?q=&category=&status=), so going back from a playbook finds the
 * list as it was left. Unknown values in a hand-edited address fall back to "all".
 */
function readFilter(params: URLSearchParams): PlaybookLibraryFilter {
  const category = incidentCategorySchema.safeParse(params.get('category'));
  const status = playbookStatusSchema.safeParse(params.get('status'));
  return { query: params.get('q') ?? '', category: category.success ? category.data : 'all', status: status.success ? status.data : 'all' };
}

/** The playbook library: search, filter, open, create and import playbooks. */
export function PlaybookLibraryPage() {
  const profile = useProfile();
  const playbooks = usePlaybookLibrary();
  const openDrafts = useOpenPlaybookDrafts();
  const navigate = useNavigate();
  const [params, setParams] = useSearchParams();
  const addressFilter = useMemo(() => readFilter(params), [params]);
  // The search box keeps its own text: the address updates a moment after a key press (it is a
  // navigation), and a controlled input fed from it would drop the keys typed meanwhile.
  const [query, setQuery] = useState(addressFilter.query);
  const filter = useMemo(() => ({ ...addressFilter, query }), [addressFilter, query]);
  const [seedError, setSeedError] = useState('');
  const canPropose = profile ? canProposePlaybooks(profile.role) : false;

  // Seeding adds only starters this device has never seen, so running it on every visit is safe.
  useEffect(() => {
    seedStarterPlaybooks(getDataEnvironment()).catch((error: unknown) => {
      setSeedError(`The starter playbooks could not be added: ${error instanceof Error ? error.message : String(error)}. Your own playbooks are unchanged.`);
    });
  }, []);

  const shown = useMemo(() => filterPlaybooks(playbooks ?? [], filter, openDrafts), [playbooks, filter, openDrafts]);

  const setFilter = (patch: Partial<PlaybookLibraryFilter>) => {
    const next = { ...filter, ...patch };
    if (patch.query !== undefined) setQuery(patch.query);
    const search = new URLSearchParams();
    if (next.query) search.set('q', next.query);
    if (next.category !== 'all') search.set('category', next.category);
    if (next.status !== 'all') search.set('status', next.status);
    setParams(search, { replace: true });
  };
  const isFiltered = filter.query !== '' || filter.category !== 'all' || filter.status !== 'all';

  return (
    <section className="page playbook-library" aria-labelledby="playbooks-title">
      <header className="page-header">
        <h1 id="playbooks-title">Playbooks</h1>
        {canPropose ? (
          <button type="button" className="primary" onClick={() => void navigate('/playbooks/new')}>
            New playbook
          </button>
        ) : null}
      </header>
      <p className="muted">
        Response procedures, step by step and phase by phase. A lead approves a playbook before it is offered on incidents; editing an approved
        playbook starts a new draft version and leaves the approved one in use.
      </p>
      {profile && !canPropose ? (
        <p className="read-only-note" role="note">
          Your profile role is {appRoleLabels[profile.role]}: you can read and export playbooks. Responders, trainers and leads write and import
          them.
        </p>
      ) : null}
      {seedError ? (
        <p role="alert" className="form-error">
          {seedError}
        </p>
      ) : null}
      {canPropose ? <PlaybookImportControls /> : null}

      <div className="playbook-filters" role="search" aria-label="Playbook search and filters">
        <div className="field playbook-search">
          <label htmlFor={playbookSearchId}>Search playbooks</label>
          <input
            id={playbookSearchId}
            type="search"
            value={filter.query}
            placeholder="Name, summary or step"
            onChange={(event) => setFilter({ query: event.target.value })}
          />
        </div>
        <SelectField id="playbook-category" label="Category" value={filter.category} options={categoryOptions} onChange={(category) => setFilter({ category })} />
        <SelectField id="playbook-status" label="Status" value={filter.status} options={statusOptions} onChange={(status) => setFilter({ status })} />
      </div>

      {playbooks === undefined ? null : (
        <p className="list-count" aria-live="polite">
          {isFiltered ? `${shown.length} of ${playbooks.length} playbooks shown` : `${playbooks.length} playbooks`}
        </p>
      )}
      {playbooks === undefined ? null : playbooks.length === 0 ? (
        <div className="list-empty">
          <p>No playbooks yet. Playbooks you write or import, and the starter playbooks, appear here.</p>
          {canPropose ? <p>Start with New playbook, or import a Firebreak or CACAO playbook file.</p> : null}
        </div>
      ) : shown.length === 0 ? (
        <div className="list-empty">
          <p>No playbook matches this search and these filters.</p>
          <button type="button" onClick={() => setFilter({ query: '', category: 'all', status: 'all' })}>
            Clear search and filters
          </button>
        </div>
      ) : (
        <ul className="playbook-list" aria-label="Playbooks">
          {shown.map((playbook) => (
            <PlaybookListItem key={playbook.id} playbook={playbook} openDraft={openDrafts?.get(playbook.lineageId)} />
          ))}
        </ul>
      )}
    </section>
  );
}
