/**
 * Keeps the slim list rows of every incident in memory, so that filter, sort and search over
 * 100,000 incidents take milliseconds instead of a database scan.
 *
 * Loading happens in three steps: the newest page first (so the list paints at once), then the
 * whole table, then a live subscription to rows written after the load (`localSeq` above the
 * highest seen), so every later change costs only the rows it touched.
 */
import { liveQuery, type Subscription } from 'dexie';
import { toIncidentListItem, type IncidentListItem } from '../../shared/domain/incidentList';
import type { StoredIncident } from '../db/database';
import type { DataEnvironment } from './dataEnvironment';

export type IncidentListSnapshot = {
  items: readonly IncidentListItem[];
  /** False until every row has been read; filters then cover only what is loaded. */
  isComplete: boolean;
  totalCount: number;
};

const firstPageSize = 200;

export class IncidentListSource {
  private readonly rows = new Map<string, IncidentListItem>();
  private highestSeq = 0;
  private snapshot: IncidentListSnapshot = { items: [], isComplete: false, totalCount: 0 };
  private readonly listeners = new Set<() => void>();
  private subscription: Subscription | null = null;
  private started = false;
  private stopped = false;

  constructor(private readonly environment: DataEnvironment) {}

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    if (!this.started) {
      this.started = true;
      void this.load();
    }
    return () => {
      this.listeners.delete(listener);
    };
  };

  getSnapshot = (): IncidentListSnapshot => this.snapshot;

  stop(): void {
    this.stopped = true;
    this.subscription?.unsubscribe();
  }

  private publish(isComplete: boolean, totalCount: number): void {
    this.snapshot = { items: Array.from(this.rows.values()), isComplete, totalCount };
    for (const listener of this.listeners) listener();
  }

  private absorb(rows: readonly StoredIncident[]): void {
    for (const row of rows) {
      if (row.localSeq > this.highestSeq) this.highestSeq = row.localSeq;
      if (row.deletedAt === null) this.rows.set(row.id, toIncidentListItem(row));
      else this.rows.delete(row.id);
    }
  }

  private async load(): Promise<void> {
    const { db } = this.environment;
    const [firstPage, totalCount, newest] = await Promise.all([
      db.incidents.orderBy('reportedAt').reverse().limit(firstPageSize).toArray(),
      db.incidents.count(),
      db.incidents.orderBy('localSeq').last(),
    ]);
    if (this.stopped) return;
    const seqBeforeLoad = newest?.localSeq ?? 0;
    this.absorb(firstPage);
    this.publish(firstPage.length >= totalCount, totalCount);
    if (firstPage.length < totalCount) {
      const all = await db.incidents.toArray();
      if (this.stopped) return;
      this.absorb(all);
    }
    // Rows written while the table was being read have a localSeq above seqBeforeLoad.
    this.highestSeq = Math.max(this.highestSeq, seqBeforeLoad);
    this.publish(true, this.rows.size);
    this.subscription = liveQuery(() => db.incidents.where('localSeq').above(this.highestSeq).toArray()).subscribe({
      next: (changed) => {
        if (changed.length === 0) return;
        this.absorb(changed);
        this.publish(true, this.rows.size);
      },
      error: (error: unknown) => {
        console.error('The incident list stopped following changes', error);
      },
    });
  }
}
