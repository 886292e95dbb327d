/** The enlarged dot recharts draws under the pointer on a line or area; clicking it drills into that period. */
type DotProps = { cx?: number | undefined; cy?: number | undefined; index: number };

export function drillDot(colour: string, onPick: (index: number) => void) {
  return function DrillDot(props: DotProps) {
    return <circle cx={props.cx} cy={props.cy} r={6} fill={colour} stroke="var(--surface)" strokeWidth={2} className="chart-drill-dot" onClick={() => onPick(props.index)} />;
  };
}
