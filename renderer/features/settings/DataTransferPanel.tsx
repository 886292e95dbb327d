import { useRef, useState, type ChangeEvent } from 'react';
import { maxImportBytes } from '../../../shared/formats/firebreakExport';
import { getDataEnvironment } from '../../data/dataEnvironment';
import { exportAllData, exportFileName, importExportText, type ImportSummary } from '../../data/importExport';
import { openTextFileWithDesktop, readPickedFile, saveTextFile } from '../../platform/files';
import type { OpenFileResult } from '../../../shared/ipc/desktopBridge';

function describeSummary(summary: ImportSummary): string {
  const parts = [
    `${summary.incidentsAdded} incidents added`,
    `${summary.incidentsUpdated} updated`,
    `${summary.timelineEntriesAdded} timeline entries added`,
    `${summary.tasksAdded + summary.tasksUpdated} tasks added or updated`,
    `${summary.settingsUpdated} settings updated`,
    `${summary.teamsAdded + summary.teamsUpdated} responder teams added or updated`,
    `${summary.playbooksAdded + summary.playbooksUpdated} playbook versions added or updated`,
  ];
  return `Import finished: ${parts.join(', ')}.`;
}

/** Backup and restore: export every local record to JSON and import such a file back. */
export function DataTransferPanel() {
  const [status, setStatus] = useState<{ text: string; isError: boolean } | null>(null);
  const [isBusy, setIsBusy] = useState(false);
  const fileInput = useRef<HTMLInputElement>(null);

  const runExport = async () => {
    setIsBusy(true);
    try {
      const environment = getDataEnvironment();
      const file = await exportAllData(environment);
      const result = await saveTextFile(exportFileName(environment.nowMs()), JSON.stringify(file, null, 1), 'json', 'application/json');
      setStatus(
        result.status === 'saved'
          ? { text: `Exported ${file.incidents.length} incidents and ${file.timelineEntries.length} timeline entries to ${result.fileName}.`, isError: false }
          : { text: 'Export cancelled; nothing was written.', isError: false },
      );
    } catch (error) {
      setStatus({ text: `Export failed: ${error instanceof Error ? error.message : String(error)}. Your data is unchanged.`, isError: true });
    } finally {
      setIsBusy(false);
    }
  };

  const importOpened = async (opened: OpenFileResult) => {
    if (opened.status === 'cancelled') return;
    if (opened.status === 'too-large') {
      setStatus({ text: `${opened.fileName} is ${(opened.sizeBytes / 1024 / 1024).toFixed(0)} MB, larger than any Firebreak export. Nothing was imported.`, isError: true });
      return;
    }
    setIsBusy(true);
    setStatus({ text: `Importing ${opened.fileName}…`, isError: false });
    try {
      const result = await importExportText(getDataEnvironment(), opened.content);
      setStatus(result.ok ? { text: describeSummary(result.summary), isError: false } : { text: result.error, isError: true });
    } catch (error) {
      setStatus({ text: `Import failed: ${error instanceof Error ? error.message : String(error)}. Nothing was imported.`, isError: true });
    } finally {
      setIsBusy(false);
    }
  };

  const chooseImport = async () => {
    const opened = await openTextFileWithDesktop('Import a Firebreak export', 'json');
    if (opened) await importOpened(opened);
    else fileInput.current?.click();
  };

  const onFilePicked = async (event: ChangeEvent<HTMLInputElement>) => {
    const file = event.target.files?.[0];
    event.target.value = '';
    if (file) await importOpened(await readPickedFile(file, maxImportBytes));
  };

  return (
    <section className="card" aria-labelledby="settings-data-title">
      <h2 id="settings-data-title">Backup and restore</h2>
      <p className="muted">
        Export writes every incident, timeline entry, task, setting, responder team and playbook version on this device to a JSON file. Importing merges field by field: newer
        changes are never overwritten by older ones, and importing the same file twice changes nothing.
      </p>
      <div className="form-actions">
        <button type="button" onClick={() => void runExport()} disabled={isBusy}>
          Export all data
        </button>
        <button type="button" onClick={() => void chooseImport()} disabled={isBusy}>
          Import from file
        </button>
        <input
          ref={fileInput}
          type="file"
          accept=".json,application/json"
          aria-label="Import file"
          hidden
          data-testid="import-file-input"
          onChange={(event) => void onFilePicked(event)}
        />
      </div>
      {status ? (
        <p role={status.isError ? 'alert' : 'status'} className={status.isError ? 'form-error' : 'muted'} data-testid="data-transfer-status">
          {status.text}
        </p>
      ) : null}
    </section>
  );
}
