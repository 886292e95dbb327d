import { Bar, BarChart, CartesianGrid, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { chartColour } from './chartPalette';
import { axisTick, chartMargin, gridProps, tooltipContentStyle, tooltipLabelStyle } from './chartStyles';
import type { DrillHandler } from './drillTarget';
import type { AgingSeriesRow } from './trendSeries';

/** The incidents open at the range end, by how long ago they were reported. */
export function AgingChart({ rows, height = 240, onDrill }: { rows: readonly AgingSeriesRow[]; height?: number; onDrill?: DrillHandler | undefined }) {
  return (
    <ResponsiveContainer width="100%" height={height}>
      <BarChart data={[...rows]} margin={chartMargin}>
        <CartesianGrid {...gridProps} />
        <XAxis dataKey="label" tick={axisTick} />
        <YAxis tick={axisTick} allowDecimals={false} width={48} />
        <Tooltip contentStyle={tooltipContentStyle} labelStyle={tooltipLabelStyle} />
        <Bar
          dataKey="count"
          name="Open incidents"
          fill={chartColour(4)}
          className="chart-drill-bar"
          isAnimationActive={false}
          onClick={(_item, index) => {
            const row = rows[index];
            if (row && onDrill) onDrill({ point: { metric: 'aging', series: row.key }, label: `the open incidents aged ${row.label.toLowerCase()}` });
          }}
        />
      </BarChart>
    </ResponsiveContainer>
  );
}
