/**
 * The Trends worker: keeps a compact metric row of every incident in memory and computes reports
 * off the main thread, so charts over 100,000 incidents never freeze the page.
 *
 * It reads the incidents table itself (IndexedDB works in workers) in keyset chunks, then on each
 * "refresh" only the rows written since (`localSeq` above the highest seen); a new list epoch
 * (rows deleted outright) means a full reload. Between visits its rows are kept in a compact
 * cache (renderer/data/metricRowCache.ts), so opening Trends reads only what changed since.
 */
/// <reference lib="webworker" />
import { computeMetrics, incidentsBehind, toMetricIncident, type MetricIncident } from '../../shared/domain/metrics';
import { FirebreakDatabase, type StoredIncident } from '../db/database';
import { decodeMetricRows, encodeMetricRows, type MetricRowColumns } from './metricRowCache';
import type { MetricsWorkerReply, MetricsWorkerRequest } from './metricsProtocol';

const chunkSize = 10_000;

let db: FirebreakDatabase | null = null;
const rows = new Map<string, MetricIncident>();
let rowList: MetricIncident[] | null = null;
let highestSeq = 0;
let loadedEpoch: number | null = null;
/** Requests run one at a time, in order: a compute never sees a half-applied refresh. */
let queue: Promise<void> = Promise.resolve();

function reply(message: MetricsWorkerReply): void {
  (self as unknown as DedicatedWorkerGlobalScope).postMessage(message);
}

function absorb(incidents: readonly StoredIncident[]): void {
  for (const incident of incidents) {
    if (incident.localSeq > highestSeq) highestSeq = incident.localSeq;
    if (incident.deletedAt === null) rows.set(incident.id, toMetricIncident(incident));
    else rows.delete(incident.id);
  }
  rowList = null;
}

async function readEpoch(database: FirebreakDatabase): Promise<number> {
  const row = await database.meta.get('listEpoch');
  return row?.key === 'listEpoch' ? row.epoch : 0;
}

/** The cached rows, when they were written under the current epoch by this layout. */
async function loadCache(database: FirebreakDatabase, epoch: number): Promise<boolean> {
  const row = await database.meta.get('metricRowCache');
  if (!row || row.key !== 'metricRowCache') return false;
  const columns = row.columns as MetricRowColumns;
  if (columns.epoch !== epoch) return false;
  const decoded = decodeMetricRows(columns);
  if (!decoded) return false;
  for (const metricRow of decoded) rows.set(metricRow.id, metricRow);
  highestSeq = columns.highestSeq;
  rowList = null;
  return true;
}

let saveTimer: ReturnType<typeof setTimeout> | null = null;

/** Writes the cache once the worker has been quiet for a moment (a sync may bring rows in bursts). */
function scheduleCacheSave(): void {
  if (saveTimer !== null) clearTimeout(saveTimer);
  saveTimer = setTimeout(() => {
    saveTimer = null;
    const database = db;
    if (!database || loadedEpoch === null) return;
    const columns = encodeMetricRows([...rows.values()], highestSeq, loadedEpoch);
    database.meta.put({ key: 'metricRowCache', columns }).catch((error: unknown) => console.warn('The trends cache could not be saved; the next visit reads every incident again', error));
  }, 1500);
}

async function readChangedSince(database: FirebreakDatabase): Promise<number> {
  let changed = 0;
  for (;;) {
    const chunk: StoredIncident[] = await database.incidents.where('localSeq').above(highestSeq).limit(chunkSize).toArray();
    absorb(chunk);
    changed += chunk.length;
    if (chunk.length < chunkSize) return changed;
  }
}

async function refresh(): Promise<number> {
  if (!db) throw new Error('The metrics worker was not started');
  const started = performance.now();
  const epoch = await readEpoch(db);
  let changed = 0;
  if (loadedEpoch !== epoch) {
    rows.clear();
    rowList = null;
    highestSeq = 0;
    const isFirstLoad = loadedEpoch === null;
    loadedEpoch = epoch;
    if (!(isFirstLoad && (await loadCache(db, epoch)))) {
      // Rows written while the table is read get a localSeq above this; reading everything above
      // it afterwards picks them up even when their chunk had already been read.
      const seqBeforeLoad = (await db.incidents.orderBy('localSeq').last())?.localSeq ?? 0;
      let lastId: string | null = null;
      for (;;) {
        const table = db.incidents;
        const chunk: StoredIncident[] = await (lastId === null ? table.orderBy(':id') : table.where(':id').above(lastId)).limit(chunkSize).toArray();
        absorb(chunk);
        changed += chunk.length;
        if (chunk.length < chunkSize) break;
        lastId = chunk[chunk.length - 1]!.id;
      }
      highestSeq = seqBeforeLoad;
    }
  }
  changed += await readChangedSince(db);
  if (changed > 0) scheduleCacheSave();
  return performance.now() - started;
}

function currentRows(): readonly MetricIncident[] {
  rowList ??= [...rows.values()];
  return rowList;
}

async function handle(request: MetricsWorkerRequest): Promise<void> {
  try {
    switch (request.type) {
      case 'start': {
        db?.close();
        db = new FirebreakDatabase(request.databaseName);
        loadedEpoch = null;
        const loadMs = await refresh();
        reply({ type: 'loaded', requestId: request.requestId, rowCount: rows.size, loadMs });
        return;
      }
      case 'refresh': {
        const loadMs = await refresh();
        reply({ type: 'loaded', requestId: request.requestId, rowCount: rows.size, loadMs });
        return;
      }
      case 'compute': {
        const started = performance.now();
        const report = computeMetrics(currentRows(), request.query, request.policy);
        const previous = request.previousQuery ? computeMetrics(currentRows(), request.previousQuery, request.policy) : null;
        reply({ type: 'report', requestId: request.requestId, report, previous, computeMs: performance.now() - started, rowCount: rows.size });
        return;
      }
      case 'behind': {
        reply({ type: 'ids', requestId: request.requestId, ids: incidentsBehind(currentRows(), request.query, request.point, request.policy) });
        return;
      }
    }
  } catch (error) {
    reply({ type: 'failed', requestId: request.requestId, message: error instanceof Error ? error.message : String(error) });
  }
}

self.addEventListener('message', (event: MessageEvent<MetricsWorkerRequest>) => {
  const request = event.data;
  queue = queue.then(() => handle(request));
});
