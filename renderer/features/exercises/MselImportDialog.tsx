import { useState, type FormEvent } from 'react';
import type { ScenarioRecord } from '../../../shared/domain/exerciseRecords';
import { maxMselCsvCharacters } from '../../../shared/formats/mselCsv';
import { Dialog } from '../../components/Dialog';
import { TextField } from '../../components/TextField';
import { getDataEnvironment } from '../../data/dataEnvironment';
import { importMselFile } from '../../data/exerciseScenarioCommands';
import { readPickedFile } from '../../platform/files';
import { objectivesNamedInMsel } from './mselObjectives';

type MselImportDialogProps = { isOpen: boolean; onClose: () => void; onImported: (scenario: ScenarioRecord, fileName: string) => void };

type Problems = { fields: Record<string, string>; rows: string[]; fileName: string };

/**
 * A master scenario events list holds only injects, so the new scenario's title (and length) is
 * asked for here. Every row problem is listed; one bad row imports nothing.
 */
export function MselImportDialog({ isOpen, onClose, onImported }: MselImportDialogProps) {
  const [title, setTitle] = useState('');
  const [duration, setDuration] = useState('60');
  const [file, setFile] = useState<File | null>(null);
  const [problems, setProblems] = useState<Problems | null>(null);
  const [isBusy, setIsBusy] = useState(false);

  const close = () => {
    setProblems(null);
    onClose();
  };

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const fields: Record<string, string> = {};
    if (title.trim() === '') fields.title = 'Give the scenario a title';
    if (!/^\d+$/.test(duration.trim()) || Number(duration) < 1) fields.durationMinutes = 'Enter the duration as whole minutes, at least 1';
    if (!file) fields.file = 'Choose the MSEL CSV file';
    if (Object.keys(fields).length > 0 || !file) {
      setProblems({ fields, rows: [], fileName: file?.name ?? '' });
      return;
    }
    setIsBusy(true);
    try {
      const opened = await readPickedFile(file, maxMselCsvCharacters);
      if (opened.status !== 'opened') {
        setProblems({ fields: { file: `${file.name} is larger than ${maxMselCsvCharacters / 1024 / 1024} MB. Nothing was imported.` }, rows: [], fileName: file.name });
        return;
      }
      const result = await importMselFile(getDataEnvironment(), opened.content, {
        title,
        objectives: objectivesNamedInMsel(opened.content),
        audience: '',
        difficulty: 'introductory',
        durationMinutes: Number(duration),
        narrative: '',
        linkedPlaybookLineageIds: [],
      });
      if (result.ok) {
        setTitle('');
        setFile(null);
        setProblems(null);
        onImported(result.value, file.name);
        return;
      }
      const { file: rowText, ...rest } = result.errors;
      setProblems({ fields: rest, rows: rowText ? rowText.split('\n') : [], fileName: file.name });
    } catch (error) {
      setProblems({ fields: { form: `The import failed: ${error instanceof Error ? error.message : String(error)}.` }, rows: [], fileName: file.name });
    } finally {
      setIsBusy(false);
    }
  };

  const otherErrors = problems ? Object.entries(problems.fields).filter(([field]) => !['title', 'durationMinutes', 'file'].includes(field)) : [];
  return (
    <Dialog title="Import MSEL CSV" isOpen={isOpen} onClose={close}>
      <form className="form" onSubmit={(event) => void submit(event)} noValidate>
        <p className="muted">
          The CSV has one row per inject with the columns msel_number, release, channel, from, to, title, content, expected_actions and facilitator_notes. It
          becomes a new scenario; objectives the actions name are added with their ids as text. Describe them and add the narrative afterwards with Edit.
        </p>
        <TextField id="msel-title" label="Scenario title" value={title} onChange={setTitle} error={problems?.fields.title} required />
        <TextField id="msel-duration" label="Duration in minutes" value={duration} onChange={setDuration} error={problems?.fields.durationMinutes} inputMode="numeric" />
        <div className="field">
          <label htmlFor="msel-file">MSEL CSV file</label>
          <input
            id="msel-file"
            type="file"
            accept=".csv,text/csv"
            aria-invalid={problems?.fields.file ? true : undefined}
            onChange={(event) => {
              setFile(event.target.files?.[0] ?? null);
              setProblems(null);
            }}
          />
          {problems?.fields.file ? (
            <p className="field-error" role="alert">
              {problems.fields.file}
            </p>
          ) : null}
        </div>
        {problems && (problems.rows.length > 0 || otherErrors.length > 0) ? (
          <div role="alert" className="form-error msel-import-errors">
            <p>
              {problems.fileName} was not imported: nothing was added.{' '}
              {problems.rows.length > 0 ? `Fix ${problems.rows.length === 1 ? 'this problem' : `these ${problems.rows.length} problems`} and import it again.` : ''}
            </p>
            <ul aria-label="MSEL import problems">
              {problems.rows.map((row, index) => (
                <li key={index}>{row}</li>
              ))}
              {otherErrors.map(([field, message]) => (
                <li key={field}>{message}</li>
              ))}
            </ul>
          </div>
        ) : null}
        <div className="form-actions">
          <button type="submit" className="primary" disabled={isBusy}>
            Import
          </button>
          <button type="button" onClick={close}>
            Cancel
          </button>
        </div>
      </form>
    </Dialog>
  );
}
