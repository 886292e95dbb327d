/**
 * The printable monthly "incident management performance report": summary figures against the
 * month before, twelve months of trend, the service-level breaches, the major incidents and the
 * open actions. "Save as PDF" prints it through the desktop bridge (the browser's print dialog in
 * the web build); the print stylesheet leaves out the app's chrome and these controls.
 */
import { useEffect, useState } from 'react';
import { Link, useSearchParams } from 'react-router';
import { zonedDateTime } from '../../../shared/domain/businessCalendar';
import { formatReportMonth, monthlyReportQueries, parseReportMonth, previousReportMonth, reportListPoints, shiftReportMonth, summaryFigures, type ReportMonth } from '../../../shared/domain/monthlyReport';
import { metricFormulas } from '../../../shared/domain/metrics';
import { useDisplayPreferences } from '../../components/DisplayPreferencesContext';
import { Timestamp } from '../../components/Timestamp';
import { getDataEnvironment } from '../../data/dataEnvironment';
import { getMetricsClient, useMetricsReport } from '../../data/metricsClient';
import { readOpenActions, readReportIncidents, type OpenAction, type ReportIncidentLine } from '../../data/monthlyReport';
import { useProfile } from '../../data/profile';
import { useServiceLevelPolicy } from '../../data/serviceLevelPolicy';
import { useTeamOptions } from '../../data/useIncidentList';
import { savePageAsPdf } from '../../platform/files';
import { getDesktopBridge } from '../../platform/desktop';
import { BacklogChart } from './BacklogChart';
import { DurationChart } from './DurationChart';
import { ReportSummaryTable } from './ReportSummaryTable';
import { SlaChart } from './SlaChart';
import { buildBacklogSeries, buildDurationSeries, buildSlaSeries, buildVolumeSeries } from './trendSeries';
import { VolumeChart } from './VolumeChart';
import { ReportIncidentTable } from './ReportIncidentTable';
import { ReportOpenActions } from './ReportOpenActions';

type ReportLists = { breaches: ReportIncidentLine[]; majors: ReportIncidentLine[]; actions: OpenAction[] };

function monthName(month: ReportMonth): string {
  return new Date(Date.UTC(month.year, month.month - 1, 1)).toLocaleDateString('en-GB', { month: 'long', year: 'numeric', timeZone: 'UTC' });
}

export function MonthlyReportPage() {
  const { timeZone: zonePreference } = useDisplayPreferences();
  const timeZone = zonePreference === 'utc' ? 'UTC' : Intl.DateTimeFormat().resolvedOptions().timeZone;
  const [params, setParams] = useSearchParams();
  const profile = useProfile();
  const policy = useServiceLevelPolicy();
  const teams = useTeamOptions();
  const [generatedAtMs] = useState(() => getDataEnvironment().nowMs());
  const monthText = formatReportMonth(parseReportMonth(params.get('month')) ?? previousReportMonth(zonedDateTime(timeZone, new Date(generatedAtMs).toISOString()).date));
  const month = parseReportMonth(monthText)!;
  const teamId = params.get('team') ?? '';
  const includeImported = params.get('imported') !== 'no';
  // Cheap to build each render; the worker hook keys on the queries' content, not their identity.
  const queries = monthlyReportQueries(month, timeZone, { includeImported, ...(teamId ? { teamIds: [teamId] } : {}) });
  const monthState = useMetricsReport(queries.month, queries.previousMonth, policy);
  const trendState = useMetricsReport(queries.trend, null, policy);
  const trend = trendState.result?.report ?? null;
  const [lists, setLists] = useState<ReportLists | null>(null);

  const monthReport = monthState.result?.report ?? null;
  useEffect(() => {
    if (!monthReport) return;
    let isCurrent = true;
    const queries = monthlyReportQueries(parseReportMonth(monthText)!, timeZone, { includeImported, ...(teamId ? { teamIds: [teamId] } : {}) });
    void (async () => {
      const client = getMetricsClient();
      const environment = getDataEnvironment();
      const [response, resolution, majors, reported] = await Promise.all([
        client.incidentsBehind(queries.month, reportListPoints.responseBreaches, policy),
        client.incidentsBehind(queries.month, reportListPoints.resolutionBreaches, policy),
        client.incidentsBehind(queries.month, reportListPoints.majorIncidents, policy),
        client.incidentsBehind(queries.month, reportListPoints.reported, policy),
      ]);
      const monthKey = monthReport.periods.at(-1)?.key ?? null;
      const openAtEnd = monthKey ? await client.incidentsBehind(queries.month, { metric: 'backlog', periodKey: monthKey }, policy) : [];
      const asOfIso = new Date(Math.min(queries.month.range.endMs, environment.nowMs())).toISOString();
      const [breaches, majorLines, actions] = await Promise.all([
        readReportIncidents(environment, [...new Set([...response, ...resolution])], policy, asOfIso),
        readReportIncidents(environment, majors, policy, asOfIso),
        readOpenActions(environment, [...new Set([...reported, ...openAtEnd])], environment.nowMs()),
      ]);
      if (isCurrent) setLists({ breaches, majors: majorLines, actions });
    })();
    return () => {
      isCurrent = false;
    };
  }, [monthReport, monthText, timeZone, includeImported, teamId, policy]);

  const setParam = (key: string, value: string | null) => {
    const next = new URLSearchParams(params);
    if (value === null || value === '') next.delete(key);
    else next.set(key, value);
    setParams(next, { replace: true });
  };
  const [printStatus, setPrintStatus] = useState<string | null>(null);
  const saveAsPdf = async () => {
    try {
      const result = await savePageAsPdf(`incident-management-report-${formatReportMonth(month)}.pdf`);
      setPrintStatus(result.status === 'saved' ? `Saved ${result.fileName}.` : result.status === 'cancelled' ? 'Not saved.' : null);
    } catch (error) {
      setPrintStatus(`The PDF could not be made: ${error instanceof Error ? error.message : String(error)}`);
    }
  };

  const teamName = teams.find((team) => team.id === teamId)?.name ?? null;
  const figures = monthReport ? summaryFigures(monthReport.totals, monthState.result?.previous?.totals ?? null) : null;

  return (
    <article className="page monthly-report" aria-labelledby="report-title" aria-busy={monthState.isComputing}>
      <div className="report-controls no-print" role="group" aria-label="Report options">
        <Link to="/trends" className="back-link">
          ← Trends
        </Link>
        <div className="field">
          <label htmlFor="report-month">Month</label>
          <input id="report-month" type="month" value={formatReportMonth(month)} onChange={(event) => setParam('month', parseReportMonth(event.target.value) ? event.target.value : null)} />
        </div>
        <div className="field">
          <label htmlFor="report-team">Team</label>
          <select id="report-team" value={teamId} onChange={(event) => setParam('team', event.target.value)}>
            <option value="">All teams</option>
            {teams.map((team) => (
              <option key={team.id} value={team.id}>
                {team.name}
              </option>
            ))}
          </select>
        </div>
        <label className="checkbox">
          <input type="checkbox" checked={includeImported} onChange={(event) => setParam('imported', event.target.checked ? null : 'no')} />
          Include imported history
        </label>
        <button type="button" className="primary" onClick={() => void saveAsPdf()} disabled={!monthReport}>
          {getDesktopBridge() ? 'Save as PDF' : 'Print or save as PDF'}
        </button>
        {printStatus ? <p role="status">{printStatus}</p> : null}
      </div>

      <header className="report-header">
        <p className="report-kicker">Incident management performance report</p>
        <h1 id="report-title">{monthName(month)}</h1>
        <p className="muted">
          {teamName ? `Team: ${teamName}. ` : 'All teams. '}
          {includeImported ? 'Live and imported incidents' : 'Live incidents only'}; exercises are never counted. Times in {timeZone}. Generated{' '}
          <Timestamp iso={new Date(generatedAtMs).toISOString()} />
          {profile ? ` by ${profile.name}` : ''}.
        </p>
      </header>

      {monthState.error ? (
        <p role="alert" className="form-error">
          The figures could not be computed: {monthState.error}
        </p>
      ) : null}
      {!figures ? <p className="muted">Computing the figures…</p> : null}

      {figures ? (
        <section aria-labelledby="report-summary-title" className="report-section">
          <h2 id="report-summary-title">Summary</h2>
          <ReportSummaryTable figures={figures} formulas={metricFormulas} previousLabel={monthName(shiftReportMonth(month, -1))} />
        </section>
      ) : null}

      {trend ? (
        <section aria-labelledby="report-trend-title" className="report-section report-charts">
          <h2 id="report-trend-title">Twelve months to {monthName(month)}</h2>
          <figure>
            <figcaption>Incidents reported, by category</figcaption>
            <VolumeChart {...buildVolumeSeries(trend, 'category', null)} dimension="category" showPrevious={false} height={220} />
          </figure>
          <figure>
            <figcaption>Median and 90th percentile time to acknowledge, contain and resolve (hours)</figcaption>
            <DurationChart rows={buildDurationSeries(trend)} metrics={['timeToAcknowledge', 'timeToContain', 'timeToResolve']} height={220} />
          </figure>
          <figure>
            <figcaption>SLA compliance</figcaption>
            <SlaChart rows={buildSlaSeries(trend)} height={200} />
          </figure>
          <figure>
            <figcaption>Backlog at month end</figcaption>
            <BacklogChart rows={buildBacklogSeries(trend, null)} showPrevious={false} height={200} />
          </figure>
        </section>
      ) : null}

      <section aria-labelledby="report-breaches-title" className="report-section">
        <h2 id="report-breaches-title">Service-level breaches</h2>
        {lists ? (
          <ReportIncidentTable lines={lists.breaches} caption="Incidents whose response or resolution missed its target this month" showClocks emptyText="No service level was missed this month." />
        ) : (
          <p className="muted">Finding the breaches…</p>
        )}
      </section>

      <section aria-labelledby="report-majors-title" className="report-section">
        <h2 id="report-majors-title">Major incidents</h2>
        {lists ? (
          <ReportIncidentTable lines={lists.majors} caption="Major incidents reported this month" showClocks={false} emptyText="No major incident was reported this month." />
        ) : (
          <p className="muted">Finding the major incidents…</p>
        )}
      </section>

      <section aria-labelledby="report-actions-title" className="report-section">
        <h2 id="report-actions-title">Open actions</h2>
        {lists ? <ReportOpenActions actions={lists.actions} /> : <p className="muted">Finding the open actions…</p>}
      </section>
    </article>
  );
}
