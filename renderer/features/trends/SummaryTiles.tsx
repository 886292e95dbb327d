import { metricFormulas } from '../../../shared/domain/metrics';
import { FormulaInfo } from './FormulaInfo';
import type { SummaryTile } from './trendSeries';

/** Whether a change is good news: shown by an arrow and the words, and also by colour. */
function changeTone(tile: SummaryTile): string {
  const direction = tile.comparison?.direction;
  if (direction !== 'up' && direction !== 'down') return 'change-neutral';
  return (direction === 'down') === tile.isLowerBetter ? 'change-better' : 'change-worse';
}

/** The figures for the whole range, each with its formula and the change on the previous range. */
export function SummaryTiles({ tiles }: { tiles: readonly SummaryTile[] }) {
  return (
    <ul className="trend-tiles" aria-label="Summary for the whole range">
      {tiles.map((tile) => (
        <li key={tile.id} className="trend-tile" data-testid={`tile-${tile.id}`}>
          <div className="trend-tile-title">
            <span>{tile.title}</span>
            <FormulaInfo metricName={tile.title.toLowerCase()} formula={metricFormulas[tile.metric]} />
          </div>
          <p className="trend-tile-value">{tile.value}</p>
          {tile.comparison ? (
            <p className={`trend-tile-change ${changeTone(tile)}`}>
              <span aria-hidden="true">{tile.comparison.direction === 'up' ? '▲ ' : tile.comparison.direction === 'down' ? '▼ ' : ''}</span>
              {tile.comparison.text}
            </p>
          ) : null}
        </li>
      ))}
    </ul>
  );
}
