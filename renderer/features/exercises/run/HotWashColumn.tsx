import { useState, type FormEvent } from 'react';
import { hotWashKindLabels, type HotWashEntry, type HotWashKind } from '../../../../shared/domain/exerciseEvaluation';
import { getDataEnvironment } from '../../../data/dataEnvironment';
import { addHotWashEntry } from '../../../data/exerciseRecordCommands';
import { commandErrorText } from './commandError';

const shortLabels: Record<HotWashKind, string> = { went_well: 'Went well', to_improve: 'To improve', other: 'Other' };

/** One hot-wash list with its own box to add to it. */
export function HotWashColumn({ runId, kind, entries }: { runId: string; kind: HotWashKind; entries: readonly HotWashEntry[] }) {
  const [text, setText] = useState('');
  const [error, setError] = useState<string | null>(null);
  const label = shortLabels[kind];
  const inputId = `hot-wash-${kind}`;

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const result = await addHotWashEntry(getDataEnvironment(), runId, { kind, text });
    setError(commandErrorText(result));
    if (result.ok) setText('');
  };

  return (
    <div className="hot-wash-column">
      <h3 id={`${inputId}-title`}>{hotWashKindLabels[kind]}</h3>
      <ul aria-label={label}>
        {entries.map((entry) => (
          <li key={entry.id}>
            {entry.text} <span className="muted">— {entry.by.name}</span>
          </li>
        ))}
      </ul>
      {entries.length === 0 ? <p className="muted">Nothing yet.</p> : null}
      <form className="form-row no-print" onSubmit={(event) => void submit(event)} noValidate>
        <label htmlFor={inputId} className="visually-hidden">
          {label} comment
        </label>
        <input id={inputId} value={text} maxLength={2000} onChange={(event) => setText(event.target.value)} aria-invalid={error ? true : undefined} />
        <button type="submit" aria-label={`Add to ${label}`}>
          Add
        </button>
      </form>
      {error ? (
        <p className="form-error" role="alert">
          {error}
        </p>
      ) : null}
    </div>
  );
}
