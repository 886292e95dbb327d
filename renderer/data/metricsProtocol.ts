/** Messages between the Trends page and its worker (renderer/data/metricsWorker.ts). */
import type { MetricPoint, MetricsQuery, MetricsReport } from '../../shared/domain/metrics';
import type { ServiceLevelPolicy } from '../../shared/domain/serviceLevel';

export type MetricsWorkerRequest =
  | { type: 'start'; requestId: number; databaseName: string }
  | { type: 'refresh'; requestId: number }
  | { type: 'compute'; requestId: number; query: MetricsQuery; previousQuery: MetricsQuery | null; policy: ServiceLevelPolicy }
  | { type: 'behind'; requestId: number; query: MetricsQuery; point: MetricPoint; policy: ServiceLevelPolicy };

export type MetricsWorkerReply =
  | { type: 'loaded'; requestId: number; rowCount: number; loadMs: number }
  | { type: 'report'; requestId: number; report: MetricsReport; previous: MetricsReport | null; computeMs: number; rowCount: number }
  | { type: 'ids'; requestId: number; ids: string[] }
  | { type: 'failed'; requestId: number; message: string };

/** A report with how long it took, for the page's status line and the benchmark. */
export type ComputedMetrics = { report: MetricsReport; previous: MetricsReport | null; computeMs: number; rowCount: number };
