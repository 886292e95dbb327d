/** The always-visible sync status. Until the team server exists, everything stays on this device. */
export function SyncStatus() {
  return (
    <div role="status" aria-label="Sync status" className="sync-status" title="Everything is saved on this device. Team sync arrives with the sync server.">
      <span className="sync-dot" aria-hidden="true" />
      Offline - local only
    </div>
  );
}
