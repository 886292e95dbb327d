import type { MetricPoint } from '../../../shared/domain/metrics';

/** A chart point or table cell that opens the incidents it counts; label names it on the list's banner. */
export type DrillTarget = { point: MetricPoint; label: string };

export type DrillHandler = (target: DrillTarget) => void;
