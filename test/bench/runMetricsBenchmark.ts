// Metrics benchmark: the CPU cost of computeMetrics over 100,000 generated incidents, for 12
// months by week and by month, in Node on one thread (the app runs it in a Web Worker). Also the
// one-off conversion of full incidents to metric rows, the previous range and a drill-down. The
// generator spreads incidents over the 365 days before the end only, so the previous range is
// nearly empty and fast. Prints numbers, asserts nothing.
// Usage: npm run bench:metrics [-- --count 100000 --zone Europe/London]
import { generateSampleIncident } from '../../shared/domain/sampleData';
import { alwaysOpenCalendar, businessCalendarSchema } from '../../shared/domain/businessCalendar';
import { computeMetrics, incidentsBehind, toMetricIncident, type MetricsQuery } from '../../shared/domain/metrics';
import { localDateRange, previousComparableRange } from '../../shared/domain/metricPeriods';
import { defaultServiceLevelPolicy, type ServiceLevelPolicy } from '../../shared/domain/serviceLevel';

const argument = (name: string): string | undefined => {
  const index = process.argv.indexOf(name);
  return index > 0 ? process.argv[index + 1] : undefined;
};
const count = Number(argument('--count') ?? 100_000);
const timeZone = argument('--zone') ?? 'Europe/London';
// A fixed end, so runs compare: the generator spreads incidents over the 365 days before it.
const endMs = Date.UTC(2026, 5, 1);

function time<T>(run: () => T): { result: T; ms: number } {
  const started = performance.now();
  const result = run();
  return { result, ms: performance.now() - started };
}

function best(runs: number, run: () => unknown): { first: number; best: number; median: number } {
  const samples: number[] = [];
  for (let index = 0; index < runs; index += 1) samples.push(time(run).ms);
  const first = samples[0]!;
  const sorted = [...samples].sort((left, right) => left - right);
  return { first, best: sorted[0]!, median: sorted[sorted.length >> 1]! };
}

// In a function, so the full incidents can be collected once converted: the worker keeps only rows.
function loadRows() {
  const generated = time(() => Array.from({ length: count }, (_, index) => generateSampleIncident({ seed: 11, count, periodDays: 365, endMs }, index).incident));
  console.log(`${count.toLocaleString()} incidents generated in ${generated.ms.toFixed(0)} ms`);
  const converted = time(() => generated.result.map(toMetricIncident));
  console.log(`converted to metric rows in ${converted.ms.toFixed(0)} ms (once per load; the worker keeps the rows)`);
  return converted.result;
}
const rows = loadRows();

const officeDay = [{ start: '09:00', end: '17:00' }];
const office = businessCalendarSchema.parse({ id: 'office', name: 'Office', timeZone: 'Europe/London', weeklyHours: [[], officeDay, officeDay, officeDay, officeDay, officeDay, []], holidays: [] });
const policies: [string, ServiceLevelPolicy][] = [
  ['24x7', defaultServiceLevelPolicy],
  ['office hours for service incidents', { ...defaultServiceLevelPolicy, calendars: { security: alwaysOpenCalendar, service: office } }],
];

// The 12 months before the end, as whole local days.
const range = localDateRange(timeZone, '2025-06-01', '2026-05-31');
for (const [name, policy] of policies) {
  console.log(`\n${name}, ${timeZone}:`);
  for (const granularity of ['week', 'month'] as const) {
    const query: MetricsQuery = { range, granularity, timeZone };
    const cold = time(() => computeMetrics(rows, query, policy));
    const report = cold.result;
    const timing = best(7, () => computeMetrics(rows, query, policy));
    const previous = best(3, () => computeMetrics(rows, { ...query, range: previousComparableRange(range, granularity, timeZone) }, policy));
    console.log(
      `  all metrics, 12 months by ${granularity} (${report.periods.length} periods, ${report.totals.volume.total.toLocaleString()} reported, backlog ${report.totals.backlog}, ` +
        `SLA response ${(100 * (report.totals.slaResponse.rate ?? 0)).toFixed(1)}%): first run ${cold.ms.toFixed(0)} ms, then median ${timing.median.toFixed(0)} ms, best ${timing.best.toFixed(0)} ms` +
        `; previous range ${previous.median.toFixed(0)} ms`,
    );
  }
  const filtered = best(5, () => computeMetrics(rows, { range, granularity: 'week', timeZone, kinds: ['security'], priorities: ['P1', 'P2'] }, policy));
  console.log(`  filtered (security, P1-P2) by week: median ${filtered.median.toFixed(0)} ms`);
  const lastPeriodKey = computeMetrics(rows, { range, granularity: 'month', timeZone }, policy).periods.at(-1)!.key;
  const drill = best(5, () => incidentsBehind(rows, { range, granularity: 'month', timeZone }, { metric: 'slaResolution', periodKey: lastPeriodKey, series: 'missed' }, policy));
  console.log(`  incidents behind one point (SLA resolution missed in ${lastPeriodKey}): median ${drill.median.toFixed(0)} ms`);
}
const daily = best(3, () => computeMetrics(rows, { range, granularity: 'day', timeZone }, defaultServiceLevelPolicy));
console.log(`\n12 months by day (24x7): median ${daily.median.toFixed(0)} ms`);
