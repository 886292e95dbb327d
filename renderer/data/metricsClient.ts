/**
 * The main-thread side of the Trends worker: one worker per database, promise-based requests, and
 * a hook that recomputes when the query changes or when any incident is written (a cheap live
 * query on the newest localSeq tells when).
 */
import { useLiveQuery } from 'dexie-react-hooks';
import { useEffect, useState } from 'react';
import type { MetricPoint, MetricsQuery } from '../../shared/domain/metrics';
import type { ServiceLevelPolicy } from '../../shared/domain/serviceLevel';
import { getDataEnvironment, type DataEnvironment } from './dataEnvironment';
import type { ComputedMetrics, MetricsWorkerReply, MetricsWorkerRequest } from './metricsProtocol';

type Pending = { resolve: (reply: MetricsWorkerReply) => void; reject: (error: Error) => void };
type RequestWithoutId = MetricsWorkerRequest extends infer Request ? (Request extends { requestId: number } ? Omit<Request, 'requestId'> : never) : never;

export class MetricsClient {
  private readonly worker: Worker;
  private nextRequestId = 1;
  private readonly pending = new Map<number, Pending>();
  /** Resolves once the worker has read every incident. */
  readonly ready: Promise<{ rowCount: number; loadMs: number }>;

  constructor(databaseName: string) {
    this.worker = new Worker(new URL('./metricsWorker.ts', import.meta.url), { type: 'module', name: 'firebreak-metrics' });
    this.worker.addEventListener('message', (event: MessageEvent<MetricsWorkerReply>) => {
      const waiting = this.pending.get(event.data.requestId);
      if (!waiting) return;
      this.pending.delete(event.data.requestId);
      if (event.data.type === 'failed') waiting.reject(new Error(event.data.message));
      else waiting.resolve(event.data);
    });
    this.worker.addEventListener('error', (event) => {
      for (const waiting of this.pending.values()) waiting.reject(new Error(`The trends worker stopped: ${event.message}`));
      this.pending.clear();
    });
    this.ready = this.send({ type: 'start', databaseName }).then((reply) => (reply.type === 'loaded' ? { rowCount: reply.rowCount, loadMs: reply.loadMs } : { rowCount: 0, loadMs: 0 }));
  }

  private send(request: RequestWithoutId): Promise<MetricsWorkerReply> {
    const requestId = this.nextRequestId++;
    return new Promise((resolve, reject) => {
      this.pending.set(requestId, { resolve, reject });
      this.worker.postMessage({ ...request, requestId } as MetricsWorkerRequest);
    });
  }

  /** Reads the incidents written since the last read. */
  async refresh(): Promise<void> {
    await this.send({ type: 'refresh' });
  }

  async compute(query: MetricsQuery, previousQuery: MetricsQuery | null, policy: ServiceLevelPolicy): Promise<ComputedMetrics> {
    await this.ready;
    const reply = await this.send({ type: 'compute', query, previousQuery, policy });
    if (reply.type !== 'report') throw new Error('The trends worker answered out of turn');
    return { report: reply.report, previous: reply.previous, computeMs: reply.computeMs, rowCount: reply.rowCount };
  }

  /** The ids of the incidents a chart point counts. */
  async incidentsBehind(query: MetricsQuery, point: MetricPoint, policy: ServiceLevelPolicy): Promise<string[]> {
    await this.ready;
    const reply = await this.send({ type: 'behind', query, point, policy });
    if (reply.type !== 'ids') throw new Error('The trends worker answered out of turn');
    return reply.ids;
  }

  terminate(): void {
    this.worker.terminate();
  }
}

const clients = new Map<string, MetricsClient>();

export function getMetricsClient(environment: DataEnvironment = getDataEnvironment()): MetricsClient {
  const name = environment.db.name;
  let client = clients.get(name);
  if (!client) {
    client = new MetricsClient(name);
    clients.set(name, client);
  }
  return client;
}

/** The newest write to the incidents table and the list epoch: when either moves, trends recompute. */
function useIncidentsVersion(): string | undefined {
  return useLiveQuery(async () => {
    const { db } = getDataEnvironment();
    const [newest, epoch] = await Promise.all([db.incidents.orderBy('localSeq').last(), db.meta.get('listEpoch')]);
    return `${newest?.localSeq ?? 0}:${epoch?.key === 'listEpoch' ? epoch.epoch : 0}`;
  }, []);
}

export type MetricsState = { result: ComputedMetrics | null; isComputing: boolean; error: string | null };

/**
 * The report for `query` (and for `previousQuery`, to compare), kept up to date with the data.
 * While a new report is computed the old one stays on screen.
 */
export function useMetricsReport(query: MetricsQuery, previousQuery: MetricsQuery | null, policy: ServiceLevelPolicy): MetricsState {
  const version = useIncidentsVersion();
  const [state, setState] = useState<MetricsState>({ result: null, isComputing: true, error: null });
  const requestKey = JSON.stringify([query, previousQuery, policy]);

  useEffect(() => {
    if (version === undefined) return;
    let isCurrent = true;
    const client = getMetricsClient();
    setState((previous) => ({ ...previous, isComputing: true }));
    void (async () => {
      try {
        await client.ready;
        await client.refresh();
        const result = await client.compute(query, previousQuery, policy);
        if (isCurrent) setState({ result, isComputing: false, error: null });
      } catch (error) {
        if (isCurrent) setState((previous) => ({ ...previous, isComputing: false, error: error instanceof Error ? error.message : String(error) }));
      }
    })();
    return () => {
      isCurrent = false;
    };
    // requestKey stands for query, previousQuery and policy, which are new objects on each render.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [requestKey, version]);

  return state;
}
