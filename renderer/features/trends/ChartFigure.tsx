import { useId, useRef, useState, type ReactNode } from 'react';
import { metricFormulas, type MetricName } from '../../../shared/domain/metrics';
import { saveBlobFile } from '../../platform/files';
import { chartToPngBlob } from './chartPng';
import { FormulaInfo } from './FormulaInfo';

type ChartFigureProps = {
  title: string;
  /** Whose formula the ⓘ shows. */
  metric: MetricName;
  /** Extra text after the formula (e.g. the target line's meaning). */
  formulaNote?: string;
  /** For the PNG's file name. */
  fileName: string;
  /** Chart-specific controls (Split by, metric choice). */
  controls?: ReactNode;
  chart: ReactNode;
  table: ReactNode;
};

/**
 * The frame every trend chart sits in: a titled figure with the metric's formula, a "Show data
 * table" switch (the chart's keyboard and screen-reader alternative) and "Export PNG".
 */
export function ChartFigure({ title, metric, formulaNote, fileName, controls, chart, table }: ChartFigureProps) {
  const titleId = useId();
  const chartRef = useRef<HTMLDivElement>(null);
  const [isTableShown, setIsTableShown] = useState(false);
  const [exportError, setExportError] = useState('');

  const exportPng = async () => {
    setExportError('');
    try {
      if (!chartRef.current) return;
      const blob = await chartToPngBlob(chartRef.current, title);
      await saveBlobFile(`${fileName}.png`, blob, 'png');
    } catch (error) {
      setExportError(`The chart was not exported: ${error instanceof Error ? error.message : String(error)}`);
    }
  };

  return (
    <figure className="trend-chart card" aria-labelledby={titleId}>
      <figcaption className="trend-chart-header">
        <h2 id={titleId}>{title}</h2>
        <FormulaInfo metricName={title.toLowerCase()} formula={formulaNote ? `${metricFormulas[metric]}. ${formulaNote}` : metricFormulas[metric]} />
        <div className="trend-chart-tools">
          {controls}
          <label className="checkbox">
            <input type="checkbox" checked={isTableShown} onChange={(event) => setIsTableShown(event.target.checked)} />
            Show data table
          </label>
          <button type="button" className="small" aria-label={`Export ${title} as PNG`} onClick={() => void exportPng()}>
            Export PNG
          </button>
        </div>
      </figcaption>
      {exportError ? (
        <p role="alert" className="form-error">
          {exportError}
        </p>
      ) : null}
      <div ref={chartRef} className="trend-chart-area">
        {chart}
      </div>
      {isTableShown ? table : null}
    </figure>
  );
}
