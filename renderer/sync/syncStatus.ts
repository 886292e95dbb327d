/**
 * The sync engine's status for the UI, as a tiny external store (read with useSyncStatus). It
 * holds what the engine is doing now; counts of saved data (pending changes, conflicts) are read
 * from the database by the components themselves.
 */
import { useSyncExternalStore } from 'react';

export type SyncState = 'local-only' | 'offline' | 'syncing' | 'up-to-date' | 'error';

export type SyncStatusSnapshot = {
  state: SyncState;
  /** Changes still in the outbox, as the engine last saw them. */
  pendingCount: number;
  lastSyncedAtMs: number | null;
  /** During a first or large pull: rows received and roughly how many there are. */
  progress: { received: number; total: number } | null;
  errorMessage: string | null;
  /** What the user can do about the error. */
  action: 'sign-in' | 'update' | 'retry' | null;
};

export const initialSyncStatus: SyncStatusSnapshot = {
  state: 'local-only',
  pendingCount: 0,
  lastSyncedAtMs: null,
  progress: null,
  errorMessage: null,
  action: null,
};

export class SyncStatusStore {
  private snapshot: SyncStatusSnapshot = initialSyncStatus;
  private readonly listeners = new Set<() => void>();

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  getSnapshot = (): SyncStatusSnapshot => this.snapshot;

  update(patch: Partial<SyncStatusSnapshot>): void {
    this.snapshot = { ...this.snapshot, ...patch };
    for (const listener of this.listeners) listener();
  }

  reset(): void {
    this.update(initialSyncStatus);
  }
}

export const syncStatusStore = new SyncStatusStore();

export function useSyncStatus(): SyncStatusSnapshot {
  return useSyncExternalStore(syncStatusStore.subscribe, syncStatusStore.getSnapshot);
}
