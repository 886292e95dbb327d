/**
 * The always-visible sync status: local only, offline with changes waiting, syncing (with a
 * progress bar during a large pull), up to date as of a time, or an error with what to do next.
 */
import type { ReactNode } from 'react';
import { Link } from 'react-router';
import { usePendingChangeCount, useUnresolvedConflictCount } from '../data/conflictLog';
import { useLastSyncedAtMs, useSyncAccount } from '../data/syncSettings';
import { useSyncStatus } from '../sync/syncStatus';
import { syncNow } from '../sync/syncAccount';

function changes(count: number): string {
  return `${count} ${count === 1 ? 'change' : 'changes'}`;
}

export function SyncStatus() {
  const status = useSyncStatus();
  const account = useSyncAccount();
  const pendingCount = usePendingChangeCount();
  const conflictCount = useUnresolvedConflictCount();
  const storedLastSync = useLastSyncedAtMs();
  const lastSyncedAtMs = status.lastSyncedAtMs ?? storedLastSync;
  const syncedTitle = lastSyncedAtMs === null ? undefined : `Last synced ${new Date(lastSyncedAtMs).toLocaleString()}`;

  let text: string;
  let title: string | undefined = syncedTitle;
  let action: ReactNode = null;
  if (!account || status.state === 'local-only') {
    text = account === null || account === undefined ? 'Offline - local only' : pendingCount > 0 ? `Offline - ${changes(pendingCount)} waiting` : 'Up to date';
    if (!account) title = 'Everything is saved on this device. Sign in to a team server in Settings to sync.';
  } else if (status.state === 'syncing') {
    text = pendingCount > 0 ? `Syncing… ${changes(pendingCount)} to send` : 'Syncing…';
    if (status.progress) text = `Syncing… ${status.progress.received.toLocaleString()} of ~${status.progress.total.toLocaleString()}`;
  } else if (status.state === 'offline') {
    text = pendingCount > 0 ? `Offline - ${changes(pendingCount)} waiting` : 'Offline';
    title = `The team server cannot be reached; changes are saved here and sent when it can.${syncedTitle ? ` ${syncedTitle}.` : ''}`;
  } else if (status.state === 'error') {
    text = status.action === 'sign-in' ? 'Sync paused - sign in again' : status.action === 'update' ? 'Sync paused - update Firebreak' : 'Sync failed';
    title = status.errorMessage ?? undefined;
    action =
      status.action === 'sign-in' ? (
        <Link to="/settings" className="sync-action">
          Sign in again
        </Link>
      ) : status.action === 'retry' ? (
        <button type="button" className="sync-action" onClick={() => void syncNow()}>
          Retry sync
        </button>
      ) : null;
  } else {
    text = pendingCount > 0 ? `Up to date - ${changes(pendingCount)} waiting` : 'Up to date';
  }

  return (
    <div role="status" aria-label="Sync status" className={`sync-status sync-${status.state}`} title={title}>
      <span className="sync-dot" aria-hidden="true" />
      {text}
      {status.state === 'syncing' && status.progress ? (
        <progress aria-label="Sync progress" max={status.progress.total} value={Math.min(status.progress.received, status.progress.total)} />
      ) : null}
      {action}
      {conflictCount > 0 ? (
        <Link to="/conflicts" className="sync-conflicts">
          {conflictCount} {conflictCount === 1 ? 'conflict' : 'conflicts'}
        </Link>
      ) : null}
    </div>
  );
}
