/**
 * Trends for a team lead: summary tiles and charts over a chosen range, each with its formula,
 * a data table, a PNG export and a drill-down to the incidents behind any point; the figures
 * export as CSV. The maths runs in the metrics worker (renderer/data/metricsClient.ts), so the page
 * stays responsive over 100,000 incidents; while it works, the previous charts stay on screen.
 */
import { useState } from 'react';
import { Link, useNavigate } from 'react-router';
import { metricGranularityLabels } from '../../../shared/domain/metricPeriods';
import { metricFormulas, volumeDimensions, type VolumeDimension } from '../../../shared/domain/metrics';
import { buildTrendQuery, defaultTrendFilters, type TrendFilters } from '../../../shared/domain/trendFilters';
import { metricsCsv } from '../../../shared/formats/metricsCsv';
import { useDisplayPreferences } from '../../components/DisplayPreferencesContext';
import { getMetricsClient, useMetricsReport } from '../../data/metricsClient';
import { useServiceLevelPolicy } from '../../data/serviceLevelPolicy';
import { useTeamOptions } from '../../data/useIncidentList';
import { saveTextFile } from '../../platform/files';
import { useUiStore } from '../../state/uiStore';
import { AgingChart } from './AgingChart';
import { BacklogChart } from './BacklogChart';
import { ChartFigure } from './ChartFigure';
import type { DrillTarget } from './drillTarget';
import { DurationChart } from './DurationChart';
import { SlaChart, slaTargetPercent } from './SlaChart';
import { SummaryTiles } from './SummaryTiles';
import { TrendDataTable } from './TrendDataTable';
import { TrendFilterBar } from './TrendFilterBar';
import { agingTable, backlogTable, durationTable, slaTable, volumeTable, type TrendTable } from './trendTables';
import {
  buildAgingSeries,
  buildBacklogSeries,
  buildDurationSeries,
  buildSlaSeries,
  buildSummaryTiles,
  buildVolumeSeries,
  chartedDurationMetrics,
  durationMetricLabels,
  volumeDimensionLabels,
  type ChartedDurationMetric,
} from './trendSeries';
import { VolumeChart } from './VolumeChart';

function resolveTimeZone(preference: string): string {
  return preference === 'utc' ? 'UTC' : Intl.DateTimeFormat().resolvedOptions().timeZone;
}

export function TrendsPage() {
  const timeZone = resolveTimeZone(useDisplayPreferences().timeZone);
  // "Now" for the range end, fixed while the page is open so the query (and the report) holds still.
  const [nowMs] = useState(() => Date.now());
  const storedFilters = useUiStore((state) => state.trendFilters);
  const setTrendFilters = useUiStore((state) => state.setTrendFilters);
  const splitBy = useUiStore((state) => state.trendSplitBy);
  const setSplitBy = useUiStore((state) => state.setTrendSplitBy);
  const durationChoice = useUiStore((state) => state.trendDurationChoice);
  const setDurationChoice = useUiStore((state) => state.setTrendDurationChoice);
  const showTrendSelection = useUiStore((state) => state.showTrendSelection);
  const navigate = useNavigate();
  const policy = useServiceLevelPolicy();
  const teams = useTeamOptions();

  const filters: TrendFilters = storedFilters ?? defaultTrendFilters(nowMs, timeZone);
  const built = buildTrendQuery(filters, timeZone, nowMs);
  // Stored filters were valid when applied; should the zone change under them, fall back to the defaults.
  const valid = built.ok ? built : buildTrendQuery(defaultTrendFilters(nowMs, timeZone), timeZone, nowMs);
  if (!valid.ok) throw new Error('The default trend filters are invalid');
  const { query, previousQuery } = valid;
  const { result, isComputing, error } = useMetricsReport(query, previousQuery, policy);
  const [actionError, setActionError] = useState('');

  const drill = async (target: DrillTarget) => {
    setActionError('');
    try {
      const ids = await getMetricsClient().incidentsBehind(query, target.point, policy);
      showTrendSelection({ label: target.label, ids });
      void navigate('/incidents');
    } catch (caught) {
      setActionError(`The incidents behind ${target.label} could not be listed: ${caught instanceof Error ? caught.message : String(caught)}`);
    }
  };
  const onDrill = (target: DrillTarget) => void drill(target);

  const exportCsv = async () => {
    if (!result) return;
    setActionError('');
    try {
      await saveTextFile(`firebreak-trends-${filters.from}-to-${filters.to}-by-${filters.granularity}.csv`, metricsCsv(result.report, splitBy), 'csv', 'text/csv');
    } catch (caught) {
      setActionError(`The CSV was not exported: ${caught instanceof Error ? caught.message : String(caught)}`);
    }
  };

  const report = result?.report ?? null;
  const previous = result?.previous ?? null;
  const isComparing = previous !== null;
  const durationMetrics: readonly ChartedDurationMetric[] = durationChoice === 'all' || !chartedDurationMetrics.includes(durationChoice as ChartedDurationMetric) ? chartedDurationMetrics : [durationChoice as ChartedDurationMetric];
  const table = (caption: string, contents: TrendTable) => <TrendDataTable caption={caption} columns={contents.columns} rows={contents.rows} onDrill={onDrill} />;
  const fileStem = `firebreak-${filters.from}-to-${filters.to}`;
  const volume = report ? buildVolumeSeries(report, splitBy, previous) : { keys: [], rows: [] };

  return (
    <div className="page trends-page">
      <header className="page-header">
        <h1>Trends</h1>
        <div className="trend-actions">
          <Link to="/trends/import">Import history</Link>
          <Link to="/trends/report">Monthly report</Link>
          <button type="button" onClick={() => void exportCsv()} disabled={!report}>
            Export CSV
          </button>
        </div>
      </header>
      <TrendFilterBar filters={filters} timeZone={timeZone} nowMs={nowMs} teams={teams} onApply={setTrendFilters} />
      <p role="status" className="muted trend-status" data-testid="trend-status">
        {isComputing
          ? 'Computing…'
          : result
            ? `Computed over ${result.rowCount.toLocaleString('en-GB')} incidents in ${Math.round(result.computeMs).toLocaleString('en-GB')} ms, by ${metricGranularityLabels[query.granularity].toLowerCase()}, times in ${timeZone}.`
            : ''}
      </p>
      {error ? (
        <p role="alert" className="form-error">
          The trends could not be computed: {error}. The figures shown, if any, are from before.
        </p>
      ) : null}
      {actionError ? (
        <p role="alert" className="form-error">
          {actionError}
        </p>
      ) : null}
      {report && report.leftOutForDatePrecision > 0 ? (
        <p className="trend-note">
          {report.leftOutForDatePrecision.toLocaleString('en-GB')} imported {report.leftOutForDatePrecision === 1 ? 'incident known' : 'incidents known'} only by month or year{' '}
          {report.leftOutForDatePrecision === 1 ? 'is' : 'are'} not shown by {query.granularity}; choose Month or Quarter to count {report.leftOutForDatePrecision === 1 ? 'it' : 'them'}.
        </p>
      ) : null}
      {result && result.rowCount === 0 ? (
        <section className="card trend-empty" aria-labelledby="trend-empty-title">
          <h2 id="trend-empty-title">No incidents to chart yet</h2>
          <p>
            Trends show volume, time to acknowledge, contain and resolve, SLA compliance and backlog once incidents are recorded here. Bring in your past incidents so the
            charts start with your history, or generate sample data to explore.
          </p>
          <p className="form-actions">
            <Link to="/trends/import">Import incident history</Link>
            <Link to="/settings">Generate sample data in Settings</Link>
          </p>
        </section>
      ) : null}
      {report && result && result.rowCount > 0 ? (
        <div className="trend-body" aria-busy={isComputing}>
          <SummaryTiles tiles={buildSummaryTiles(report, previous)} />
          <div className="trend-charts">
            <ChartFigure
              title="Time to acknowledge, contain and resolve"
              metric={durationMetrics.length === 1 ? durationMetrics[0]! : 'timeToResolve'}
              formulaNote={durationMetrics.length === 1 ? 'Median solid, 90th percentile dashed, in hours' : `Time to acknowledge: ${metricFormulas.timeToAcknowledge}. Time to contain: ${metricFormulas.timeToContain}. Medians solid, 90th percentiles dashed, in hours`}
              fileName={`${fileStem}-time-to-metrics`}
              controls={
                <label className="inline-field">
                  Metric{' '}
                  <select value={durationMetrics.length === 1 ? durationMetrics[0] : 'all'} onChange={(event) => setDurationChoice(event.target.value as ChartedDurationMetric | 'all')}>
                    <option value="all">All three</option>
                    {chartedDurationMetrics.map((metric) => (
                      <option key={metric} value={metric}>
                        {durationMetricLabels[metric]}
                      </option>
                    ))}
                  </select>
                </label>
              }
              chart={<DurationChart rows={buildDurationSeries(report)} metrics={durationMetrics} onDrill={onDrill} />}
              table={table('Time to acknowledge, contain and resolve by period, in hours', durationTable(buildDurationSeries(report), durationMetrics))}
            />
            <ChartFigure
              title="Incidents reported"
              metric="volume"
              fileName={`${fileStem}-incidents-reported`}
              controls={
                <label className="inline-field">
                  Split by{' '}
                  <select value={splitBy} onChange={(event) => setSplitBy(event.target.value as VolumeDimension)}>
                    {volumeDimensions.map((dimension) => (
                      <option key={dimension} value={dimension}>
                        {volumeDimensionLabels[dimension]}
                      </option>
                    ))}
                  </select>
                </label>
              }
              chart={<VolumeChart keys={volume.keys} rows={volume.rows} dimension={splitBy} showPrevious={isComparing} onDrill={onDrill} />}
              table={table(`Incidents reported by period and ${volumeDimensionLabels[splitBy].toLowerCase()}`, volumeTable(volume.keys, volume.rows, splitBy, isComparing))}
            />
            <ChartFigure
              title="Backlog at period end"
              metric="backlog"
              fileName={`${fileStem}-backlog`}
              chart={<BacklogChart rows={buildBacklogSeries(report, previous)} showPrevious={isComparing} onDrill={onDrill} />}
              table={table('Backlog at the end of each period', backlogTable(buildBacklogSeries(report, previous), isComparing))}
            />
            <ChartFigure
              title="SLA compliance"
              metric="slaResolution"
              formulaNote={`Response compliance: ${metricFormulas.slaResponse}. The dotted line is the ${slaTargetPercent}% target`}
              fileName={`${fileStem}-sla-compliance`}
              chart={<SlaChart rows={buildSlaSeries(report)} onDrill={onDrill} />}
              table={table('SLA compliance by period', slaTable(buildSlaSeries(report)))}
            />
            <ChartFigure
              title="Age of open incidents"
              metric="aging"
              fileName={`${fileStem}-aging`}
              chart={<AgingChart rows={buildAgingSeries(report)} onDrill={onDrill} />}
              table={table('Open incidents at the end of the range by age', agingTable(buildAgingSeries(report)))}
            />
          </div>
        </div>
      ) : null}
    </div>
  );
}
