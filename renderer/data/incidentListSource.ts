/**
 * Keeps the slim list rows of every incident in memory, so that filter, sort and search over
 * 100,000 incidents take milliseconds instead of a database scan.
 *
 * It reads the slim incidentListRows table, never full incident records. Loading happens in
 * three steps: the newest page first (so the list paints at once), then the whole table in chunks
 * (so the page stays responsive), then a live subscription to rows written after the load
 * (`localSeq` above the highest seen), so every later change costs only the rows it touched.
 */
import { liveQuery, type Subscription } from 'dexie';
import type { IncidentListItem } from '../../shared/domain/incidentList';
import type { StoredIncidentListRow } from '../db/database';
import type { DataEnvironment } from './dataEnvironment';

export type IncidentListSnapshot = {
  items: readonly IncidentListItem[];
  /** False until every row has been read; filters then cover only what is loaded. */
  isComplete: boolean;
  /** Rows read so far; while loading this grows without `items` changing (no re-sort per chunk). */
  loadedCount: number;
  totalCount: number;
};

const firstPageSize = 200;
const chunkSize = 20_000;

export class IncidentListSource {
  private readonly rows = new Map<string, IncidentListItem>();
  private highestSeq = 0;
  private snapshot: IncidentListSnapshot = { items: [], isComplete: false, loadedCount: 0, totalCount: 0 };
  private readonly listeners = new Set<() => void>();
  private subscription: Subscription | null = null;
  private epochSubscription: Subscription | null = null;
  private loadedEpoch: number | null = null;
  /** A reload supersedes a load still in flight; the old one stops at its next step. */
  private loadGeneration = 0;
  private started = false;
  private stopped = false;

  constructor(private readonly environment: DataEnvironment) {}

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    if (!this.started) {
      this.started = true;
      this.followEpoch();
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
    this.epochSubscription?.unsubscribe();
  }

  /** Rows deleted outright leave no trace for the localSeq feed; a new epoch means "reload". */
  private followEpoch(): void {
    const { db } = this.environment;
    this.epochSubscription = liveQuery(async () => {
      const row = await db.meta.get('listEpoch');
      return row?.key === 'listEpoch' ? row.epoch : 0;
    }).subscribe({
      next: (epoch) => {
        if (this.loadedEpoch === null) this.loadedEpoch = epoch;
        else if (epoch !== this.loadedEpoch) {
          this.loadedEpoch = epoch;
          this.subscription?.unsubscribe();
          this.subscription = null;
          this.rows.clear();
          this.highestSeq = 0;
          void this.load();
        }
      },
      error: (error: unknown) => console.error('The incident list stopped following deletions', error),
    });
  }

  private publish(isComplete: boolean, totalCount: number): void {
    this.snapshot = { items: Array.from(this.rows.values()), isComplete, loadedCount: this.rows.size, totalCount };
    this.notify();
  }

  private publishProgress(loadedCount: number): void {
    this.snapshot = { ...this.snapshot, loadedCount };
    this.notify();
  }

  private notify(): void {
    for (const listener of this.listeners) listener();
  }

  private absorb(rows: readonly StoredIncidentListRow[]): void {
    for (const row of rows) {
      if (row.localSeq > this.highestSeq) this.highestSeq = row.localSeq;
      // The stored row is kept as the list item as it is (its two extra columns are harmless):
      // copying 100,000 rows without them cost a quarter of a second and as much again in GC.
      if (row.deletedAt === null) this.rows.set(row.id, row);
      else this.rows.delete(row.id);
    }
  }

  private async load(): Promise<void> {
    const generation = ++this.loadGeneration;
    const isSuperseded = () => this.stopped || generation !== this.loadGeneration;
    const table = this.environment.db.incidentListRows;
    const [firstPage, totalCount, newest] = await Promise.all([
      table.orderBy('reportedAt').reverse().limit(firstPageSize).toArray(),
      table.count(),
      table.orderBy('localSeq').last(),
    ]);
    if (isSuperseded()) return;
    const seqBeforeLoad = newest?.localSeq ?? 0;
    this.absorb(firstPage);
    this.publish(firstPage.length >= totalCount, totalCount);
    if (firstPage.length < totalCount) {
      // Keyset pages by primary key: each chunk is one short read, and the page paints between them.
      let lastId: string | null = null;
      let read = 0;
      for (;;) {
        const chunk: StoredIncidentListRow[] = await (lastId === null ? table.orderBy(':id') : table.where(':id').above(lastId)).limit(chunkSize).toArray();
        if (isSuperseded()) return;
        this.absorb(chunk);
        read += chunk.length;
        if (chunk.length < chunkSize) break;
        lastId = chunk[chunk.length - 1]!.id;
        this.publishProgress(Math.min(read, totalCount));
      }
    }
    // Rows written while the table was being read have a localSeq above seqBeforeLoad.
    this.highestSeq = Math.max(this.highestSeq, seqBeforeLoad);
    this.publish(true, this.rows.size);
    this.subscription = liveQuery(() => table.where('localSeq').above(this.highestSeq).toArray()).subscribe({
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
