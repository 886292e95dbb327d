import type { MetricName } from '../../../shared/domain/metrics';
import type { SummaryFigure } from '../../../shared/domain/monthlyReport';
import { formatDurationText } from '../../../shared/domain/time';

function formatValue(figure: SummaryFigure, value: number | null): string {
  if (value === null) return '—';
  if (figure.unit === 'duration') return formatDurationText(value);
  if (figure.unit === 'rate') return `${(value * 100).toFixed(1)}%`;
  return value.toLocaleString('en-GB');
}

/** "up 12%" with whether that is good news, in words as well as colour. */
function describeChange(figure: SummaryFigure): { text: string; tone: 'better' | 'worse' | 'same' | 'none' } {
  if (figure.change === null) return { text: '—', tone: 'none' };
  if (Math.abs(figure.change) < 0.005) return { text: 'no change', tone: 'same' };
  const isUp = figure.change > 0;
  const isBetter = isUp === figure.isHigherBetter;
  return { text: `${isUp ? 'up' : 'down'} ${Math.abs(figure.change * 100).toFixed(0)}% (${isBetter ? 'better' : 'worse'})`, tone: isBetter ? 'better' : 'worse' };
}

type Props = { figures: readonly SummaryFigure[]; formulas: Record<MetricName, string>; previousLabel: string };

/** This month against the month before; each metric's formula is in its row header's title. */
export function ReportSummaryTable({ figures, formulas, previousLabel }: Props) {
  return (
    <table className="report-table report-summary">
      <caption className="visually-hidden">Summary figures against {previousLabel}</caption>
      <thead>
        <tr>
          <th scope="col">Measure</th>
          <th scope="col">This month</th>
          <th scope="col">{previousLabel}</th>
          <th scope="col">Change</th>
        </tr>
      </thead>
      <tbody>
        {figures.map((figure) => {
          const change = describeChange(figure);
          return (
            <tr key={figure.label}>
              <th scope="row" title={formulas[figure.metric]}>
                {figure.label}
                <span className="report-formula">{formulas[figure.metric]}</span>
              </th>
              <td>{formatValue(figure, figure.value)}</td>
              <td>{formatValue(figure, figure.previous)}</td>
              <td className={`change change-${change.tone}`}>{change.text}</td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}
