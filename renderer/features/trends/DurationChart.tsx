import { CartesianGrid, Legend, Line, LineChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { chartColour } from './chartPalette';
import { axisTick, chartMargin, gridProps, legendStyle, tooltipContentStyle, tooltipLabelStyle } from './chartStyles';
import type { DrillHandler } from './drillTarget';
import { chartedDurationMetrics, durationMetricLabels, type ChartedDurationMetric, type DurationSeriesRow } from './trendSeries';
import { drillDot } from './drillDot';

type DurationChartProps = {
  rows: readonly DurationSeriesRow[];
  /** Which metrics to draw (median solid, 90th percentile dashed). */
  metrics: readonly ChartedDurationMetric[];
  height?: number;
  onDrill?: DrillHandler | undefined;
};

/** Medians (solid) and 90th percentiles (dashed) of the time-to metrics per period, in hours. */
export function DurationChart({ rows, metrics, height = 300, onDrill }: DurationChartProps) {
  const drill = (metric: ChartedDurationMetric, index: number) => {
    const row = rows[index];
    if (row && onDrill) onDrill({ point: { metric, periodKey: row.periodKey }, label: `${durationMetricLabels[metric].toLowerCase()} measured in ${row.label}` });
  };
  return (
    <ResponsiveContainer width="100%" height={height}>
      <LineChart data={[...rows]} margin={chartMargin}>
        <CartesianGrid {...gridProps} />
        <XAxis dataKey="label" tick={axisTick} minTickGap={16} />
        <YAxis tick={axisTick} unit=" h" width={64} />
        <Tooltip contentStyle={tooltipContentStyle} labelStyle={tooltipLabelStyle} formatter={(value) => (value === null || value === undefined ? 'none' : `${String(value)} h`)} />
        <Legend wrapperStyle={legendStyle} itemSorter={null} />
        {metrics.flatMap((metric) => {
          const colour = chartColour(chartedDurationMetrics.indexOf(metric));
          const activeDot = drillDot(colour, (index) => drill(metric, index));
          return [
            <Line key={`${metric}Median`} type="monotone" dataKey={`${metric}Median`} name={`${durationMetricLabels[metric]} (median)`} stroke={colour} strokeWidth={2} dot={{ r: 2 }} activeDot={activeDot} connectNulls isAnimationActive={false} />,
            <Line key={`${metric}P90`} type="monotone" dataKey={`${metric}P90`} name={`${durationMetricLabels[metric]} (90th percentile)`} stroke={colour} strokeWidth={1.5} strokeDasharray="6 4" dot={false} activeDot={activeDot} connectNulls isAnimationActive={false} />,
          ];
        })}
      </LineChart>
    </ResponsiveContainer>
  );
}
