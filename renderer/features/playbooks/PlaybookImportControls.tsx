import { useRef, useState, type ChangeEvent } from 'react';
import { Link } from 'react-router';
import type { Playbook } from '../../../shared/domain/playbook';
import { maxCacaoFileCharacters } from '../../../shared/formats/cacao';
import { maxPlaybookFileCharacters } from '../../../shared/formats/playbookJson';
import type { OpenFileResult } from '../../../shared/ipc/desktopBridge';
import type { CommandResult, DataEnvironment } from '../../data/dataEnvironment';
import { getDataEnvironment } from '../../data/dataEnvironment';
import { importCacaoFile, importPlaybookFile, type PlaybookImport } from '../../data/playbookCommands';
import { openTextFileWithDesktop, readPickedFile } from '../../platform/files';

type ImportKind = 'playbooks' | 'cacao';

const importers: Record<ImportKind, { run: (environment: DataEnvironment, text: string) => Promise<CommandResult<PlaybookImport>>; maxBytes: number; title: string }> = {
  // A character is at least a byte, so the character limits are safe byte limits for the picker.
  playbooks: { run: importPlaybookFile, maxBytes: maxPlaybookFileCharacters, title: 'Import Firebreak playbooks' },
  cacao: { run: importCacaoFile, maxBytes: maxCacaoFileCharacters, title: 'Import a CACAO playbook' },
};

type Outcome = { kind: 'imported'; fileName: string; playbooks: Playbook[]; warnings: string[] } | { kind: 'failed'; message: string } | { kind: 'busy'; fileName: string };

function countPlaybooks(count: number): string {
  return count === 1 ? '1 playbook' : `${count} playbooks`;
}

/**
 * "Import playbooks" (our JSON file) and "Import CACAO playbook". In the desktop app a native dialog
 * opens; in a browser, a hidden file input. The import is all or nothing, so an error means nothing
 * was added; warnings say what did not carry over exactly.
 */
export function PlaybookImportControls() {
  const [outcome, setOutcome] = useState<Outcome | null>(null);
  const playbookInput = useRef<HTMLInputElement>(null);
  const cacaoInput = useRef<HTMLInputElement>(null);

  const importOpened = async (kind: ImportKind, opened: OpenFileResult) => {
    if (opened.status === 'cancelled') return;
    if (opened.status === 'too-large') {
      const limitMb = importers[kind].maxBytes / 1024 / 1024;
      setOutcome({ kind: 'failed', message: `${opened.fileName} is larger than ${limitMb} MB, more than any playbook file can be. Nothing was imported.` });
      return;
    }
    setOutcome({ kind: 'busy', fileName: opened.fileName });
    try {
      const result = await importers[kind].run(getDataEnvironment(), opened.content);
      if (result.ok) setOutcome({ kind: 'imported', fileName: opened.fileName, ...result.value });
      else setOutcome({ kind: 'failed', message: `${opened.fileName}: ${Object.values(result.errors).join(' ')}` });
    } catch (error) {
      setOutcome({ kind: 'failed', message: `Import of ${opened.fileName} failed: ${error instanceof Error ? error.message : String(error)}. Nothing was imported.` });
    }
  };

  const choose = async (kind: ImportKind) => {
    const opened = await openTextFileWithDesktop(importers[kind].title, 'json');
    if (opened) await importOpened(kind, opened);
    else (kind === 'cacao' ? cacaoInput : playbookInput).current?.click();
  };

  const onPicked = async (kind: ImportKind, event: ChangeEvent<HTMLInputElement>) => {
    const file = event.target.files?.[0];
    // Cleared so picking the same file again (after fixing it) fires another change.
    event.target.value = '';
    if (file) await importOpened(kind, await readPickedFile(file, importers[kind].maxBytes));
  };

  const isBusy = outcome?.kind === 'busy';
  return (
    <div className="playbook-import">
      <div className="form-actions">
        <button type="button" onClick={() => void choose('playbooks')} disabled={isBusy}>
          Import playbooks
        </button>
        <button type="button" onClick={() => void choose('cacao')} disabled={isBusy}>
          Import CACAO playbook
        </button>
        <input ref={playbookInput} type="file" accept=".json,application/json" aria-label="Playbook file to import" hidden onChange={(event) => void onPicked('playbooks', event)} />
        <input ref={cacaoInput} type="file" accept=".json,application/json" aria-label="CACAO file to import" hidden onChange={(event) => void onPicked('cacao', event)} />
      </div>
      <div role="status" aria-label="Import result" className="import-result">
        {outcome?.kind === 'busy' ? <p>Importing {outcome.fileName}…</p> : null}
        {outcome?.kind === 'imported' ? (
          <>
            <p>
              Imported {countPlaybooks(outcome.playbooks.length)} from {outcome.fileName} as {outcome.playbooks.length === 1 ? 'a draft' : 'drafts'}:{' '}
              {outcome.playbooks.map((playbook, index) => (
                <span key={playbook.id}>
                  {index > 0 ? ', ' : null}
                  <Link to={`/playbooks/${playbook.id}`}>{playbook.name}</Link>
                </span>
              ))}
              . A lead approves {outcome.playbooks.length === 1 ? 'it' : 'them'} before use.
            </p>
            {outcome.warnings.length > 0 ? (
              <>
                <p>
                  {outcome.warnings.length === 1 ? '1 warning' : `${outcome.warnings.length} warnings`}: check these before approving.
                </p>
                <ul className="import-warnings" aria-label="Import warnings">
                  {outcome.warnings.map((warning) => (
                    <li key={warning}>{warning}</li>
                  ))}
                </ul>
              </>
            ) : (
              <p>Everything in the file carried over.</p>
            )}
          </>
        ) : null}
      </div>
      {outcome?.kind === 'failed' ? (
        <p role="alert" className="form-error">
          {outcome.message}
        </p>
      ) : null}
    </div>
  );
}
