import { Area, CartesianGrid, ComposedChart, Legend, Line, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { chartColour, previousPeriodColour } from './chartPalette';
import { axisTick, chartMargin, gridProps, legendStyle, tooltipContentStyle, tooltipLabelStyle } from './chartStyles';
import { drillDot } from './drillDot';
import type { DrillHandler } from './drillTarget';
import type { BacklogSeriesRow } from './trendSeries';

/** Incidents open at the end of each period, with the previous range's backlog to compare. */
export function BacklogChart({ rows, showPrevious, height = 260, onDrill }: { rows: readonly BacklogSeriesRow[]; showPrevious: boolean; height?: number; onDrill?: DrillHandler | undefined }) {
  const colour = chartColour(0);
  const activeDot = drillDot(colour, (index) => {
    const row = rows[index];
    if (row && onDrill) onDrill({ point: { metric: 'backlog', periodKey: row.periodKey }, label: `the backlog at the end of ${row.label}` });
  });
  return (
    <ResponsiveContainer width="100%" height={height}>
      <ComposedChart data={[...rows]} margin={chartMargin}>
        <CartesianGrid {...gridProps} />
        <XAxis dataKey="label" tick={axisTick} minTickGap={16} />
        <YAxis tick={axisTick} allowDecimals={false} width={48} />
        <Tooltip contentStyle={tooltipContentStyle} labelStyle={tooltipLabelStyle} />
        <Legend wrapperStyle={legendStyle} itemSorter={null} />
        <Area type="monotone" dataKey="backlog" name="Open at period end" stroke={colour} fill={colour} fillOpacity={0.25} activeDot={activeDot} isAnimationActive={false} />
        {showPrevious ? <Line type="monotone" dataKey="previousBacklog" name="Previous period" stroke={previousPeriodColour} strokeDasharray="4 4" dot={false} isAnimationActive={false} /> : null}
      </ComposedChart>
    </ResponsiveContainer>
  );
}
