import { Bar, CartesianGrid, ComposedChart, Legend, Line, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import type { VolumeDimension } from '../../../shared/domain/metrics';
import { chartColour, previousPeriodColour } from './chartPalette';
import { axisTick, chartMargin, gridProps, legendStyle, tooltipContentStyle, tooltipLabelStyle } from './chartStyles';
import type { DrillHandler } from './drillTarget';
import type { VolumeSeriesKey, VolumeSeriesRow } from './trendSeries';

type VolumeChartProps = {
  keys: readonly VolumeSeriesKey[];
  rows: readonly VolumeSeriesRow[];
  dimension: VolumeDimension;
  /** Draws the previous range's totals as a faint dashed line. */
  showPrevious: boolean;
  height?: number;
  onDrill?: DrillHandler | undefined;
};

/** Incidents reported per period, stacked by a dimension, with the previous range's totals to compare. */
export function VolumeChart({ keys, rows, dimension, showPrevious, height = 300, onDrill }: VolumeChartProps) {
  return (
    <ResponsiveContainer width="100%" height={height}>
      <ComposedChart data={[...rows]} margin={chartMargin}>
        <CartesianGrid {...gridProps} />
        <XAxis dataKey="label" tick={axisTick} minTickGap={16} />
        <YAxis tick={axisTick} allowDecimals={false} width={48} />
        <Tooltip contentStyle={tooltipContentStyle} labelStyle={tooltipLabelStyle} />
        <Legend wrapperStyle={legendStyle} itemSorter={null} />
        {keys.map((series, seriesIndex) => (
          <Bar
            key={series.key}
            dataKey={series.dataKey}
            name={series.label}
            stackId="volume"
            fill={chartColour(seriesIndex)}
            className="chart-drill-bar"
            isAnimationActive={false}
            onClick={(_item, index) => {
              const row = rows[index];
              if (row && onDrill) onDrill({ point: { metric: 'volume', periodKey: row.periodKey, series: `${dimension}:${series.key}` }, label: `incidents reported in ${row.label}: ${series.label}` });
            }}
          />
        ))}
        {showPrevious ? (
          <Line type="monotone" dataKey="previousTotal" name="Previous period, total" stroke={previousPeriodColour} strokeDasharray="4 4" strokeOpacity={0.8} dot={false} isAnimationActive={false} />
        ) : null}
      </ComposedChart>
    </ResponsiveContainer>
  );
}
