import { CartesianGrid, Legend, Line, LineChart, ReferenceLine, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { chartColour } from './chartPalette';
import { axisTick, chartMargin, gridProps, legendStyle, tooltipContentStyle, tooltipLabelStyle } from './chartStyles';
import type { DrillHandler } from './drillTarget';
import type { SlaSeriesRow } from './trendSeries';
import { drillDot } from './drillDot';

/**
 * The compliance target the chart draws. A constant for now: it should become a setting that
 * leads own (with the service targets), since a team may commit to 90% or 99%.
 */
export const slaTargetPercent = 95;

type Clock = 'slaResponse' | 'slaResolution';

/** Response (solid) and resolution (dashed) compliance per period against the target line. */
export function SlaChart({ rows, targetPercent = slaTargetPercent, height = 260, onDrill }: { rows: readonly SlaSeriesRow[]; targetPercent?: number; height?: number; onDrill?: DrillHandler | undefined }) {
  const activeDotFor = (clock: Clock, colour: string) =>
    drillDot(colour, (index) => {
      const row = rows[index];
      if (row && onDrill) onDrill({ point: { metric: clock, periodKey: row.periodKey }, label: `the ${clock === 'slaResponse' ? 'response' : 'resolution'} clocks stopped in ${row.label}` });
    });
  return (
    <ResponsiveContainer width="100%" height={height}>
      <LineChart data={[...rows]} margin={chartMargin}>
        <CartesianGrid {...gridProps} />
        <XAxis dataKey="label" tick={axisTick} minTickGap={16} />
        <YAxis tick={axisTick} domain={[0, 100]} unit="%" width={52} />
        <Tooltip contentStyle={tooltipContentStyle} labelStyle={tooltipLabelStyle} formatter={(value) => (value === null || value === undefined ? 'none stopped' : `${String(value)}%`)} />
        <Legend wrapperStyle={legendStyle} itemSorter={null} />
        <ReferenceLine y={targetPercent} stroke="var(--text)" strokeDasharray="2 4" label={{ value: `Target ${targetPercent}%`, position: 'insideBottomRight', fill: 'var(--text)', fontSize: 12 }} />
        <Line type="monotone" dataKey="responsePercent" name="Response met" stroke={chartColour(0)} strokeWidth={2} dot={{ r: 2 }} activeDot={activeDotFor('slaResponse', chartColour(0))} connectNulls isAnimationActive={false} />
        <Line type="monotone" dataKey="resolutionPercent" name="Resolution met" stroke={chartColour(1)} strokeWidth={2} strokeDasharray="6 3" dot={{ r: 2 }} activeDot={activeDotFor('slaResolution', chartColour(1))} connectNulls isAnimationActive={false} />
      </LineChart>
    </ResponsiveContainer>
  );
}
