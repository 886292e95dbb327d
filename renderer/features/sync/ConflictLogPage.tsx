/**
 * The conflict log: every same-field clash between a local unsynced value and a team member's,
 * every local change the server refused, and every pulled change that could not be applied,
 * with both values, both authors and the winner. A losing value can be re-applied in one click.
 */
import { useState } from 'react';
import { Link } from 'react-router';
import { getDataEnvironment } from '../../data/dataEnvironment';
import { useConflictLog, type ConflictLogEntry } from '../../data/conflictLog';
import { dismissConflict, reapplyLosingValue } from '../../data/syncStore';

function showValue(value: unknown): string {
  if (value === null || value === undefined) return '(empty)';
  if (typeof value === 'string') return value;
  // A responder team's members: "Kim Keyboard (lead), Sam Analyst (member)".
  if (Array.isArray(value) && value.length === 0) return '(none)';
  if (Array.isArray(value)) return value.map(showValue).join(', ');
  if (typeof value === 'object' && 'person' in value && 'role' in value && typeof value.role === 'string') return `${showValue(value.person)} (${value.role})`;
  if (typeof value === 'object' && 'name' in value && typeof value.name === 'string') return value.name;
  return JSON.stringify(value);
}

function describeSubject(conflict: ConflictLogEntry): string {
  if (conflict.incidentReference) return `${conflict.incidentReference} ${conflict.incidentTitle ?? ''}`.trim();
  if (conflict.table === 'settings') return `Setting ${conflict.rowId}`;
  if (conflict.table === 'responderTeams') return `Team ${conflict.teamName ?? conflict.rowId}`;
  if (conflict.table === 'playbooks') return `Playbook ${conflict.playbookLabel ?? conflict.rowId}`;
  if (conflict.exerciseLabel) return conflict.exerciseLabel;
  return `${conflict.table} ${conflict.rowId}`;
}

function stampTime(stamp: string | null): string {
  if (!stamp) return 'unknown time';
  const ms = Number(stamp.slice(0, 13));
  return Number.isFinite(ms) ? new Date(ms).toLocaleString() : 'unknown time';
}

const kindLabels = { clash: 'Changed in two places', rejected: 'Refused by the team server', skipped: 'Not applied here' } as const;

export function ConflictLogPage() {
  const conflicts = useConflictLog();
  return (
    <div className="conflict-log-page">
      <h1>Conflict log</h1>
      {conflicts === undefined ? null : conflicts.length === 0 ? (
        <p>No conflicts. When two people change the same field while offline, both values are kept here.</p>
      ) : (
        <ul className="conflict-list" aria-label="Conflicts">
          {conflicts.map((conflict) => (
            <ConflictItem key={conflict.id} conflict={conflict} />
          ))}
        </ul>
      )}
    </div>
  );
}

function ConflictItem({ conflict }: { conflict: ConflictLogEntry }) {
  const [error, setError] = useState<string | null>(null);
  const subject = describeSubject(conflict);
  const field = conflict.field === '*' ? 'whole record' : conflict.field;
  const canReapply = conflict.field !== '*' && conflict.table !== 'timelineEntries' && conflict.resolvedAt === null;
  const reapply = async () => {
    const result = await reapplyLosingValue(getDataEnvironment(), conflict.id);
    setError(result.ok ? null : (Object.values(result.errors)[0] ?? 'Could not re-apply the value.'));
  };
  return (
    <li className="card conflict-item">
      <h2>
        {conflict.incidentId && conflict.incidentReference ? <Link to={`/incidents/${conflict.incidentId}`}>{subject}</Link> : subject}: {field}
      </h2>
      <p className="muted">
        {kindLabels[conflict.kind]}
        {conflict.reason ? ` - ${conflict.reason}` : ''}
      </p>
      <dl className="conflict-values">
        <dt>This device{conflict.winner === 'local' ? ' (kept)' : ''}</dt>
        <dd>
          {showValue(conflict.localValue)} <span className="muted">by {conflict.localAuthor}, {stampTime(conflict.localStamp)}</span>
        </dd>
        <dt>Team server{conflict.winner === 'remote' ? ' (kept)' : ''}</dt>
        <dd>
          {showValue(conflict.remoteValue)} <span className="muted">by {conflict.remoteAuthor}, {stampTime(conflict.remoteStamp)}</span>
        </dd>
      </dl>
      {conflict.resolvedAt ? (
        <p className="muted">Resolved {new Date(conflict.resolvedAt).toLocaleString()}</p>
      ) : (
        <div className="form-actions">
          {canReapply ? (
            <button type="button" aria-label={`Re-apply losing value of ${field}`} onClick={() => void reapply()}>
              Re-apply losing value
            </button>
          ) : null}
          <button type="button" aria-label={`Dismiss conflict on ${field}`} onClick={() => void dismissConflict(getDataEnvironment(), conflict.id)}>
            Dismiss
          </button>
        </div>
      )}
      {error ? (
        <p className="field-error" role="alert">
          {error}
        </p>
      ) : null}
    </li>
  );
}
