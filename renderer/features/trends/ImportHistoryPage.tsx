/**
 * Import incident history so trends show something on day one: choose VERIS files or a ServiceNow
 * CSV, match the columns (CSV), preview, then import with progress. Nothing is written before the
 * user presses Import, and an interrupted import can simply be run again.
 */
import { useRef, useState, type ChangeEvent } from 'react';
import { Link } from 'react-router';
import { guessServiceNowMapping, headerSignature, maxServiceNowCsvCharacters, readCsvTable, type ServiceNowCsvTable, type ServiceNowMapping } from '../../../shared/formats/serviceNowCsv';
import { maxVerisRecordCharacters } from '../../../shared/formats/veris';
import { useDisplayPreferences } from '../../components/DisplayPreferencesContext';
import { getDataEnvironment } from '../../data/dataEnvironment';
import {
  commitHistoryImport,
  planServiceNowImport,
  planVerisImport,
  readRememberedMapping,
  rememberMapping,
  type HistoryImportOutcome,
  type HistoryImportPlan,
  type HistoryImportProgress,
} from '../../data/historyImport';
import { HistoryImportPreview } from './HistoryImportPreview';
import { ServiceNowMappingForm } from './ServiceNowMappingForm';

type Source = 'veris' | 'servicenow';
type CsvStep = { table: ServiceNowCsvTable; mapping: ServiceNowMapping; fileName: string };

function firstError(errors: Record<string, string>): string {
  return Object.values(errors)[0] ?? 'The import could not be prepared';
}

export function ImportHistoryPage() {
  const { timeZone: zonePreference } = useDisplayPreferences();
  const userTimeZone = zonePreference === 'utc' ? 'UTC' : Intl.DateTimeFormat().resolvedOptions().timeZone;
  const [source, setSource] = useState<Source>('servicenow');
  const [csv, setCsv] = useState<CsvStep | null>(null);
  const [plan, setPlan] = useState<HistoryImportPlan | null>(null);
  const [progress, setProgress] = useState<HistoryImportProgress | null>(null);
  const [outcome, setOutcome] = useState<HistoryImportOutcome | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [isBusy, setIsBusy] = useState(false);
  const abort = useRef<AbortController | null>(null);

  const reset = () => {
    setCsv(null);
    setPlan(null);
    setOutcome(null);
    setError(null);
    setProgress(null);
  };

  const chooseSource = (next: Source) => {
    setSource(next);
    reset();
  };

  const onFiles = async (event: ChangeEvent<HTMLInputElement>) => {
    const files = [...(event.target.files ?? [])];
    event.target.value = '';
    reset();
    if (files.length === 0) return;
    setIsBusy(true);
    try {
      if (source === 'veris') {
        // A file far larger than any VERIS record is not read at all; it is listed as skipped.
        const tooLarge = files.filter((file) => file.size > maxVerisRecordCharacters);
        const readable = await Promise.all(files.filter((file) => !tooLarge.includes(file)).map(async (file) => ({ name: file.name, text: await file.text() })));
        const planned = await planVerisImport(getDataEnvironment(), readable);
        if (!planned.ok && readable.length > 0) {
          setError(firstError(planned.errors));
          return;
        }
        const oversized = tooLarge.map((file) => ({ sourceKey: file.name, reason: 'Skipped: the file is over 2 MB, far larger than any VERIS record' }));
        const base = planned.ok ? planned.value : { toAdd: [], alreadyImported: [], skipped: [], warnings: [] };
        setPlan({ ...base, skipped: [...oversized, ...base.skipped] });
        return;
      }
      const file = files[0]!;
      if (file.size > maxServiceNowCsvCharacters) {
        setError(`${file.name} is over 100 MB; export fewer incidents at a time. Nothing was imported.`);
        return;
      }
      const parsed = readCsvTable(await file.text());
      if (!parsed.ok) {
        setError(`${file.name}: ${parsed.error} Nothing was imported.`);
        return;
      }
      const remembered = await readRememberedMapping(getDataEnvironment(), headerSignature(parsed.table.headers));
      setCsv({ table: parsed.table, mapping: remembered ?? guessServiceNowMapping(parsed.table, userTimeZone), fileName: file.name });
    } catch (caught) {
      setError(`The files could not be read: ${caught instanceof Error ? caught.message : String(caught)}. Nothing was imported.`);
    } finally {
      setIsBusy(false);
    }
  };

  const previewCsv = async () => {
    if (!csv) return;
    setIsBusy(true);
    setError(null);
    try {
      const planned = await planServiceNowImport(getDataEnvironment(), csv.table, csv.mapping);
      if (!planned.ok) {
        setError(firstError(planned.errors));
        setPlan(null);
        return;
      }
      await rememberMapping(getDataEnvironment(), headerSignature(csv.table.headers), csv.mapping);
      setPlan(planned.value);
    } finally {
      setIsBusy(false);
    }
  };

  const runImport = async () => {
    if (!plan) return;
    const controller = new AbortController();
    abort.current = controller;
    setIsBusy(true);
    setProgress({ written: 0, total: plan.toAdd.length });
    try {
      const result = await commitHistoryImport(getDataEnvironment(), plan, setProgress, controller.signal);
      if (result.ok) {
        setOutcome(result.value);
        setPlan(null);
        setCsv(null);
      } else setError(firstError(result.errors));
    } catch (caught) {
      setError(`The import stopped: ${caught instanceof Error ? caught.message : String(caught)}. What was written before stays; run the import again to add the rest.`);
    } finally {
      setIsBusy(false);
      setProgress(null);
      abort.current = null;
    }
  };

  return (
    <section className="page import-history" aria-labelledby="import-history-title">
      <header className="page-header">
        <Link to="/trends" className="back-link">
          ← Trends
        </Link>
        <h1 id="import-history-title">Import incident history</h1>
        <p className="muted">
          Bring in past incidents so trends start with your history. Imported incidents are marked “Imported”, can be left out of charts, and
          importing the same file again adds nothing twice.
        </p>
      </header>

      <div className="card">
        <fieldset className="import-source" disabled={isBusy}>
          <legend>What are you importing?</legend>
          <label className="radio">
            <input type="radio" name="history-source" checked={source === 'servicenow'} onChange={() => chooseSource('servicenow')} />
            ServiceNow CSV export (one row per incident, or an audit log with one row per update)
          </label>
          <label className="radio">
            <input type="radio" name="history-source" checked={source === 'veris'} onChange={() => chooseSource('veris')} />
            VERIS JSON records (one incident per file, as in the VERIS Community Database)
          </label>
        </fieldset>
        <div className="field">
          <label htmlFor="history-files">{source === 'veris' ? 'VERIS files' : 'CSV file'}</label>
          <input
            id="history-files"
            type="file"
            multiple={source === 'veris'}
            accept={source === 'veris' ? '.json,application/json' : '.csv,text/csv'}
            disabled={isBusy}
            onChange={(event) => void onFiles(event)}
          />
        </div>
      </div>

      {error ? (
        <p role="alert" className="form-error">
          {error}
        </p>
      ) : null}

      {csv && !plan ? (
        <ServiceNowMappingForm table={csv.table} mapping={csv.mapping} onChange={(mapping) => setCsv({ ...csv, mapping })} onSubmit={() => void previewCsv()} isBusy={isBusy} />
      ) : null}

      {plan ? (
        <>
          <HistoryImportPreview plan={plan} />
          <div className="form-actions">
            {csv ? (
              <button type="button" onClick={() => setPlan(null)} disabled={isBusy}>
                Back to the columns
              </button>
            ) : null}
            <button type="button" className="primary" onClick={() => void runImport()} disabled={isBusy || plan.toAdd.length === 0}>
              {plan.toAdd.length === 0 ? 'Nothing new to import' : `Import ${plan.toAdd.length.toLocaleString()} incidents`}
            </button>
          </div>
        </>
      ) : null}

      {progress ? (
        <div className="progress">
          <progress aria-label="Import progress" max={progress.total} value={progress.written} />
          <span>
            {progress.written.toLocaleString()} of {progress.total.toLocaleString()}
          </span>
          <button type="button" onClick={() => abort.current?.abort()}>
            Cancel import
          </button>
        </div>
      ) : null}

      {outcome ? (
        <div role="status" className="card" data-testid="import-outcome">
          <p>
            {outcome.cancelled ? 'Import cancelled. ' : 'Import finished. '}
            {outcome.added.toLocaleString()} incidents added; {outcome.alreadyImported.toLocaleString()} were imported before and left as they were;{' '}
            {outcome.skipped.toLocaleString()} skipped.
            {outcome.cancelled ? ' Run the same import again to add the rest.' : ''}
          </p>
          <Link to="/trends">See the trends</Link>
        </div>
      ) : null}
    </section>
  );
}
