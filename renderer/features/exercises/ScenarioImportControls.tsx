import { useRef, useState, type ChangeEvent } from 'react';
import { Link } from 'react-router';
import type { ScenarioRecord } from '../../../shared/domain/exerciseRecords';
import { maxScenarioFileCharacters } from '../../../shared/formats/scenarioJson';
import type { OpenFileResult } from '../../../shared/ipc/desktopBridge';
import { getDataEnvironment } from '../../data/dataEnvironment';
import { importScenarioFile } from '../../data/exerciseScenarioCommands';
import { openTextFileWithDesktop, readPickedFile } from '../../platform/files';
import { MselImportDialog } from './MselImportDialog';

type Outcome = { kind: 'imported'; fileName: string; scenarios: ScenarioRecord[] } | { kind: 'failed'; message: string } | { kind: 'busy'; fileName: string };

/**
 * "Import scenario" (our JSON file) and "Import MSEL CSV" (injects only, so it asks for a title
 * first). Both are all or nothing: an error means nothing was added.
 */
export function ScenarioImportControls() {
  const [outcome, setOutcome] = useState<Outcome | null>(null);
  const [isMselOpen, setIsMselOpen] = useState(false);
  const fileInput = useRef<HTMLInputElement>(null);

  const importOpened = async (opened: OpenFileResult) => {
    if (opened.status === 'cancelled') return;
    if (opened.status === 'too-large') {
      setOutcome({ kind: 'failed', message: `${opened.fileName} is larger than ${maxScenarioFileCharacters / 1024 / 1024} MB, more than any scenario file can be. Nothing was imported.` });
      return;
    }
    setOutcome({ kind: 'busy', fileName: opened.fileName });
    try {
      const result = await importScenarioFile(getDataEnvironment(), opened.content);
      if (result.ok) setOutcome({ kind: 'imported', fileName: opened.fileName, scenarios: result.value });
      else setOutcome({ kind: 'failed', message: `${opened.fileName}: ${Object.values(result.errors).join(' ')} Nothing was imported.` });
    } catch (error) {
      setOutcome({ kind: 'failed', message: `Import of ${opened.fileName} failed: ${error instanceof Error ? error.message : String(error)}. Nothing was imported.` });
    }
  };

  const choose = async () => {
    const opened = await openTextFileWithDesktop('Import exercise scenarios', 'json');
    if (opened) await importOpened(opened);
    else fileInput.current?.click();
  };

  const onPicked = async (event: ChangeEvent<HTMLInputElement>) => {
    const file = event.target.files?.[0];
    // Cleared so picking the same file again (after fixing it) fires another change.
    event.target.value = '';
    if (file) await importOpened(await readPickedFile(file, maxScenarioFileCharacters));
  };

  const onMselImported = (scenario: ScenarioRecord, fileName: string) => {
    setIsMselOpen(false);
    setOutcome({ kind: 'imported', fileName, scenarios: [scenario] });
  };

  return (
    <div className="scenario-import">
      <div className="form-actions">
        <button type="button" onClick={() => void choose()} disabled={outcome?.kind === 'busy'}>
          Import scenario
        </button>
        <button type="button" onClick={() => setIsMselOpen(true)}>
          Import MSEL CSV
        </button>
        <input ref={fileInput} type="file" accept=".json,application/json" aria-label="Scenario file to import" hidden onChange={(event) => void onPicked(event)} />
      </div>
      <div role="status" aria-label="Scenario import result" className="import-result">
        {outcome?.kind === 'busy' ? <p>Importing {outcome.fileName}…</p> : null}
        {outcome?.kind === 'imported' ? (
          <p>
            Imported {outcome.scenarios.length === 1 ? '1 scenario' : `${outcome.scenarios.length} scenarios`} from {outcome.fileName}:{' '}
            {outcome.scenarios.map((scenario, index) => (
              <span key={scenario.id}>
                {index > 0 ? ', ' : null}
                <Link to={`/exercises/scenarios/${scenario.id}`}>{scenario.title}</Link> ({scenario.injects.length === 1 ? '1 inject' : `${scenario.injects.length} injects`})
              </span>
            ))}
            .
          </p>
        ) : null}
      </div>
      {outcome?.kind === 'failed' ? (
        <p role="alert" className="form-error">
          {outcome.message}
        </p>
      ) : null}
      <MselImportDialog isOpen={isMselOpen} onClose={() => setIsMselOpen(false)} onImported={onMselImported} />
    </div>
  );
}
