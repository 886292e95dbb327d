/**
 * The Trends worker: keeps a compact metric row of every incident in memory and computes reports
 * off the main thread, so charts over 100,000 incidents never freeze the page.
 *
 * It reads the incidents table itself (IndexedDB works in workers) in keyset chunks, then on each
 * "refresh" only the rows written since (`localSeq` above the highest seen); a new list epoch
 * (rows deleted outright) means a full reload.
 */
/// <reference lib="webworker" />
import { computeMetrics, incidentsBehind, toMetricIncident, type MetricIncident } from '../../shared/domain/metrics';
import { FirebreakDatabase, type StoredIncident } from '../db/database';
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

async function refresh(): Promise<number> {
  if (!db) throw new Error('The metrics worker was not started');
  const started = performance.now();
  const epoch = await readEpoch(db);
  if (loadedEpoch !== epoch) {
    rows.clear();
    highestSeq = 0;
    loadedEpoch = epoch;
    let lastId: string | null = null;
    for (;;) {
      const table = db.incidents;
      const chunk: StoredIncident[] = await (lastId === null ? table.orderBy(':id') : table.where(':id').above(lastId)).limit(chunkSize).toArray();
      absorb(chunk);
      if (chunk.length < chunkSize) break;
      lastId = chunk[chunk.length - 1]!.id;
    }
  } else {
    absorb(await db.incidents.where('localSeq').above(highestSeq).toArray());
  }
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
