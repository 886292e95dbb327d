import { useState, type FormEvent, type KeyboardEvent } from 'react';
import type { Incident } from '../../../shared/domain/incident';
import { manualEntryKinds, timelineEntryKindLabels, type TimelineEntry } from '../../../shared/domain/timeline';
import { useDisplayPreferences } from '../../components/DisplayPreferencesContext';
import { FieldError } from '../../components/FieldError';
import { fromDateTimeInputValue } from '../../components/formatTime';
import { Timestamp } from '../../components/Timestamp';
import { getDataEnvironment } from '../../data/dataEnvironment';
import { addTimelineNote } from '../../data/incidentCommands';
import { useTimeline } from '../../data/incidentQueries';
import { useUiStore } from '../../state/uiStore';

type ManualKind = (typeof manualEntryKinds)[number];

/**
 * The append-only timeline. Entries are never edited: a mistake is fixed by a correction entry
 * that points at the original, and both stay visible.
 */
export function TimelinePanel({ incident }: { incident: Incident }) {
  const entries = useTimeline(incident.id);
  const { timeZone } = useDisplayPreferences();
  const text = useUiStore((state) => state.noteDrafts[incident.id] ?? '');
  const setNoteDraft = useUiStore((state) => state.setNoteDraft);
  const setText = (next: string) => setNoteDraft(incident.id, next);
  const [kind, setKind] = useState<ManualKind>('note');
  const [occurredAt, setOccurredAt] = useState('');
  const [correcting, setCorrecting] = useState<TimelineEntry | null>(null);
  const [errors, setErrors] = useState<Record<string, string>>({});

  const submit = async (event?: FormEvent) => {
    event?.preventDefault();
    const occurredIso = occurredAt === '' ? null : fromDateTimeInputValue(occurredAt, timeZone);
    if (occurredAt !== '' && !occurredIso) {
      setErrors({ occurredAt: 'Enter a valid date and time, or leave it empty for now' });
      return;
    }
    const result = await addTimelineNote(getDataEnvironment(), incident.id, {
      kind: correcting ? 'correction' : kind,
      text,
      occurredAt: occurredIso,
      correctsEntryId: correcting?.id ?? null,
    });
    if (!result.ok) {
      setErrors(result.errors);
      return;
    }
    setErrors({});
    setText('');
    setOccurredAt('');
    setCorrecting(null);
  };

  const onKeyDown = (event: KeyboardEvent<HTMLTextAreaElement>) => {
    if (event.key === 'Enter' && (event.ctrlKey || event.metaKey)) {
      event.preventDefault();
      void submit();
    }
  };

  const byId = new Map((entries ?? []).map((entry) => [entry.id, entry]));

  return (
    <section className="timeline card" aria-labelledby="timeline-title">
      <h2 id="timeline-title">Timeline</h2>
      <form className="note-form" onSubmit={submit} noValidate>
        {correcting ? (
          <p className="correcting">
            Correcting the entry of <Timestamp iso={correcting.occurredAt} />: “{correcting.text.slice(0, 80)}”{' '}
            <button type="button" className="link-button" onClick={() => setCorrecting(null)}>
              Stop correcting
            </button>
          </p>
        ) : null}
        <label htmlFor="timeline-note">Timeline note</label>
        <textarea
          id="timeline-note"
          rows={3}
          value={text}
          placeholder="What happened, what was done, what was decided (Ctrl+Enter adds it)"
          aria-invalid={Boolean(errors.text)}
          aria-describedby={errors.text ? 'timeline-note-error' : undefined}
          onChange={(event) => setText(event.target.value)}
          onKeyDown={onKeyDown}
        />
        <FieldError id="timeline-note-error" message={errors.text ?? errors.form ?? errors.correctsEntryId} />
        <div className="note-options">
          {correcting ? null : (
            <div className="field">
              <label htmlFor="timeline-entry-kind">Entry type</label>
              <select id="timeline-entry-kind" value={kind} onChange={(event) => setKind(event.target.value as ManualKind)}>
                {manualEntryKinds
                  .filter((value) => value !== 'correction')
                  .map((value) => (
                    <option key={value} value={value}>
                      {timelineEntryKindLabels[value]}
                    </option>
                  ))}
              </select>
            </div>
          )}
          <div className="field">
            <label htmlFor="timeline-occurred-at">Occurred at</label>
            <input
              id="timeline-occurred-at"
              type="datetime-local"
              value={occurredAt}
              aria-invalid={Boolean(errors.occurredAt)}
              aria-describedby={errors.occurredAt ? 'timeline-occurred-error' : 'timeline-occurred-hint'}
              onChange={(event) => setOccurredAt(event.target.value)}
            />
            <span id="timeline-occurred-hint" className="hint">
              Empty means now ({timeZone === 'utc' ? 'UTC' : 'local time'})
            </span>
            <FieldError id="timeline-occurred-error" message={errors.occurredAt} />
          </div>
          <button type="submit" className="primary">
            Add note
          </button>
        </div>
      </form>
      {entries === undefined ? null : (
        <ol className="timeline-entries" aria-label="Timeline entries" reversed>
          {[...entries].reverse().map((entry) => {
            const corrected = entry.correctsEntryId ? byId.get(entry.correctsEntryId) : undefined;
            return (
              <li key={entry.id} className={`timeline-entry kind-${entry.kind}`}>
                <div className="entry-meta">
                  <span className="entry-kind">{timelineEntryKindLabels[entry.kind]}</span>
                  <Timestamp iso={entry.occurredAt} />
                  {entry.recordedAt !== entry.occurredAt ? (
                    <span className="muted">
                      (recorded <Timestamp iso={entry.recordedAt} />)
                    </span>
                  ) : null}
                  <span className="entry-author">{entry.author.name}</span>
                </div>
                {corrected ? <p className="muted small-text">Corrects: “{corrected.text.slice(0, 120)}”</p> : null}
                <p className="entry-text">{entry.text}</p>
                {entry.kind !== 'created' ? (
                  <button
                    type="button"
                    className="link-button small-text"
                    aria-label={`Correct the ${timelineEntryKindLabels[entry.kind].toLowerCase()} entry “${entry.text.slice(0, 40)}”`}
                    onClick={() => {
                      setCorrecting(entry);
                      document.getElementById('timeline-note')?.focus();
                    }}
                  >
                    Correct
                  </button>
                ) : null}
              </li>
            );
          })}
        </ol>
      )}
    </section>
  );
}
