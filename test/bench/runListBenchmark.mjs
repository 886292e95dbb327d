// Benchmark: 100,000 generated incidents in a real Chromium IndexedDB (a persistent profile on
// disk), then the incident list's first paint, filter and search times, measured inside the page.
// Prints numbers; asserts nothing about them. Usage: npm run bench [-- --count 100000]
// FIREBREAK_BENCH_PROFILE=/some/dir keeps the browser profile, so later runs skip generation.
import { chromium } from '@playwright/test';
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const countArgument = process.argv.indexOf('--count');
const count = countArgument > 0 ? Number(process.argv[countArgument + 1]) : 100_000;
const port = Number(process.env.FIREBREAK_BENCH_PORT ?? 4390);
const baseUrl = `http://127.0.0.1:${port}`;
const executablePath = process.env.FIREBREAK_CHROMIUM ?? (existsSync('/usr/bin/chromium') ? '/usr/bin/chromium' : undefined);

function median(values) {
  const sorted = [...values].sort((left, right) => left - right);
  return sorted[Math.floor(sorted.length / 2)];
}

async function waitForServer(url, timeoutMs) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    try {
      const response = await fetch(url);
      if (response.ok) return;
    } catch {
      // not up yet
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error(`The preview server did not answer at ${url}`);
}

/**
 * Changes a control and measures, inside the page, from the input event until the list has shown
 * the new rows (the panel marks each change of rows) and the browser has painted them.
 */
async function measureListChange(page, locator, eventName, act) {
  await page.evaluate((event) => {
    window.__benchResult = new Promise((resolve) => {
      let startedAt = 0;
      const onEvent = () => {
        startedAt = performance.now();
      };
      document.addEventListener(event, onEvent, { capture: true, once: true });
      const observer = new PerformanceObserver((entries) => {
        const shown = entries.getEntries().find((entry) => entry.name === 'firebreak:incident-list-rows-shown' && startedAt > 0 && entry.startTime >= startedAt);
        if (!shown) return;
        observer.disconnect();
        requestAnimationFrame(() => setTimeout(() => resolve(performance.now() - startedAt), 0));
      });
      observer.observe({ entryTypes: ['mark'] });
    });
  }, eventName);
  await act(locator);
  return page.evaluate(() => window.__benchResult);
}

const server = spawn('npx', ['vite', 'preview', '--config', 'vite.web.config.ts', '--port', String(port), '--strictPort'], {
  stdio: 'ignore',
  detached: true,
});
const keptProfile = process.env.FIREBREAK_BENCH_PROFILE;
const profileDir = keptProfile ?? (await mkdtemp(join(tmpdir(), 'firebreak-bench-')));
let context;
try {
  await waitForServer(baseUrl, 30_000);
  context = await chromium.launchPersistentContext(profileDir, {
    ...(executablePath ? { executablePath } : {}),
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
    viewport: { width: 1400, height: 900 },
  });
  const page = context.pages()[0] ?? (await context.newPage());
  await page.goto(`${baseUrl}/`);
  let generationSeconds = NaN;
  const welcome = page.getByRole('heading', { name: 'Welcome to Firebreak' });
  const incidents = page.getByRole('heading', { name: 'Incidents', exact: true });
  await welcome.or(incidents).waitFor();
  if (await welcome.isVisible()) {
    await page.getByLabel('Your name').fill('Bench Mark');
    await page.getByRole('button', { name: 'Start using Firebreak' }).click();
    await page.getByRole('link', { name: 'Settings' }).click();
    await page.getByLabel('Number of incidents').fill(String(count));
    await page.getByLabel('Period in days').fill('365');
    await page.getByLabel('Seed').fill('1');
    const generationStart = Date.now();
    await page.getByRole('button', { name: 'Generate sample data' }).click();
    await page.getByTestId('sample-data-status').getByText(/Generated/).waitFor({ timeout: 20 * 60_000 });
    generationSeconds = (Date.now() - generationStart) / 1000;
  }
  const rowCounts = await page.evaluate(
    () =>
      new Promise((resolve, reject) => {
        const request = indexedDB.open('firebreak');
        request.onerror = () => reject(request.error);
        request.onsuccess = () => {
          const database = request.result;
          const transaction = database.transaction(['incidents', 'timelineEntries', 'tasks'], 'readonly');
          const counts = {};
          for (const name of ['incidents', 'timelineEntries', 'tasks']) {
            const countRequest = transaction.objectStore(name).count();
            countRequest.onsuccess = () => {
              counts[name] = countRequest.result;
            };
          }
          transaction.oncomplete = () => {
            database.close();
            resolve(counts);
          };
        };
      }),
  );

  const firstPaints = [];
  const fullLoads = [];
  for (let run = 0; run < 3; run += 1) {
    await page.goto(`${baseUrl}/#/incidents`);
    await page.reload();
    await page.getByTestId('incident-count').getByText(`${count.toLocaleString('en-US')} incidents`).waitFor({ timeout: 60_000 });
    const marks = await page.evaluate(() => ({
      firstRows: performance.getEntriesByName('firebreak:incident-list-first-rows')[0]?.startTime ?? NaN,
      now: performance.now(),
    }));
    firstPaints.push(marks.firstRows);
    fullLoads.push(marks.now);
  }

  const filters = [];
  // Scoped to the filter bar: the New incident dialog keeps its (hidden) fields mounted as a draft.
  const filterBar = page.getByRole('group', { name: 'Filter and sort incidents' });
  const priority = filterBar.getByLabel('Priority', { exact: true });
  filters.push(['priority = P1', await measureListChange(page, priority, 'change', (control) => control.selectOption('P1'))]);
  filters.push(['+ stage = open', await measureListChange(page, filterBar.getByLabel('Stage', { exact: true }), 'change', (control) => control.selectOption('open'))]);
  filters.push(['category = phishing', await measureListChange(page, filterBar.getByLabel('Category', { exact: true }), 'change', (control) => control.selectOption('phishing'))]);
  await page.getByRole('button', { name: 'Clear filters' }).first().click();
  await page.getByTestId('incident-count').getByText(`${count.toLocaleString('en-US')} incidents`).waitFor();
  filters.push(['sort by priority', await measureListChange(page, filterBar.getByLabel('Sort by'), 'change', (control) => control.selectOption('priority'))]);
  await filterBar.getByLabel('Sort by').selectOption('reportedAt');

  const searches = [];
  const search = page.getByLabel('Search incidents');
  await page.getByTestId('incident-count').getByText(`${count.toLocaleString('en-US')} incidents`).waitFor();
  const reference = (await page.getByRole('list', { name: 'Incident list' }).getByRole('link').last().getAttribute('aria-label')).split(' ')[0];
  searches.push(['"ransom"', await measureListChange(page, search, 'input', (control) => control.fill('ransom'))]);
  searches.push(['"vpn gateway"', await measureListChange(page, search, 'input', (control) => control.fill('vpn gateway'))]);
  await search.fill('');
  await page.getByTestId('incident-count').getByText(`${count.toLocaleString('en-US')} incidents`).waitFor();
  searches.push([`reference ${reference.split(' ')[0]}`, await measureListChange(page, search, 'input', (control) => control.fill(reference.split(' ')[0]))]);

  // Queues: open "Breaching soon" from the full list (computing every open incident's service
  // level the first time), then switch filters, sort and queues inside it.
  await search.fill('');
  await page.getByTestId('incident-count').getByText(`${count.toLocaleString('en-US')} incidents`).waitFor();
  const queueButton = (name) => page.getByRole('navigation', { name: 'Queues and saved views' }).getByRole('button', { name, exact: true });
  const queues = [];
  queues.push(['open Breaching soon (first)', await measureListChange(page, queueButton('Breaching soon'), 'click', (control) => control.click())]);
  const breachingSoonCount = await page.getByTestId('incident-count').textContent();
  queues.push(['  filter priority = P2', await measureListChange(page, priority, 'change', (control) => control.selectOption('P2'))]);
  queues.push(['  filter priority = any', await measureListChange(page, priority, 'change', (control) => control.selectOption('all'))]);
  queues.push(['  sort by priority', await measureListChange(page, filterBar.getByLabel('Sort by'), 'change', (control) => control.selectOption('priority'))]);
  queues.push(['  sort by time left', await measureListChange(page, filterBar.getByLabel('Sort by'), 'change', (control) => control.selectOption('timeLeft'))]);
  queues.push(['switch to Breached', await measureListChange(page, queueButton('Breached'), 'click', (control) => control.click())]);
  const breachedCount = await page.getByTestId('incident-count').textContent();
  queues.push(['switch to Unassigned', await measureListChange(page, queueButton('Unassigned'), 'click', (control) => control.click())]);
  queues.push(['switch to All incidents', await measureListChange(page, queueButton('All incidents'), 'click', (control) => control.click())]);
  queues.push(['open Breaching soon (again)', await measureListChange(page, queueButton('Breaching soon'), 'click', (control) => control.click())]);

  // Trends: from opening the page (fresh worker: it reads every incident from IndexedDB) until the
  // first report is on screen, and the worker's own compute time for all metrics (with the
  // previous-period comparison), first and after a change of granularity.
  const trendStatus = page.getByTestId('trend-status');
  const computedMs = async () => {
    const text = await trendStatus.getByText(/^Computed over/).textContent({ timeout: 300_000 });
    return Number(/in ([\d,]+) ms/.exec(text)[1].replace(/,/g, ''));
  };
  const trendOpens = [];
  const trendFirstComputes = [];
  const trendRecomputes = [];
  // The first open must read every incident: drop a cache left by an earlier run of this benchmark.
  await page.evaluate(
    () =>
      new Promise((resolve, reject) => {
        const request = indexedDB.open('firebreak');
        request.onerror = () => reject(request.error);
        request.onsuccess = () => {
          const transaction = request.result.transaction('meta', 'readwrite');
          transaction.objectStore('meta').delete('metricRowCache');
          transaction.oncomplete = () => {
            request.result.close();
            resolve(null);
          };
        };
      }),
  );
  for (let run = 0; run < 4; run += 1) {
    await page.goto(`${baseUrl}/#/incidents`);
    await page.reload();
    const opened = Date.now();
    await page.getByRole('link', { name: 'Trends' }).click();
    trendFirstComputes.push(await computedMs());
    trendOpens.push(Date.now() - opened);
    for (const granularity of ['week', 'month']) {
      await page.getByLabel('Granularity').selectOption(granularity);
      // Give the worker's cache save (1.5 s after the last read) time before the next reload.
      await page.waitForTimeout(run === 0 ? 2500 : 0);
      await trendStatus.getByText(new RegExp(`by ${granularity}, `)).waitFor({ timeout: 120_000 });
      trendRecomputes.push(await computedMs());
    }
  }

  const format = (ms) => `${ms.toFixed(0).padStart(6)} ms`;
  console.log(`\nFirebreak incident list benchmark (Chromium ${context.browser()?.version() ?? ''}, ${count.toLocaleString('en-US')} incidents)`);
  console.log(`rows written: ${JSON.stringify(rowCounts)}`);
  if (Number.isNaN(generationSeconds)) console.log('generation: skipped (kept profile already holds the data)');
  else console.log(`generation (UI action to done):     ${generationSeconds.toFixed(1).padStart(6)} s  (${Math.round(count / generationSeconds).toLocaleString('en-US')} incidents/s)`);
  console.log(`first list paint after reload:      ${format(median(firstPaints))}  (median of ${firstPaints.map((value) => value.toFixed(0)).join(', ')})`);
  console.log(`whole list loaded after reload:     ${format(median(fullLoads))}  (median of ${fullLoads.map((value) => value.toFixed(0)).join(', ')})`);
  for (const [name, ms] of filters) console.log(`filter ${name.padEnd(28)} ${format(ms)}`);
  for (const [name, ms] of searches) console.log(`search ${name.padEnd(28)} ${format(ms)}`);
  console.log(`queues (Breaching soon: ${breachingSoonCount}; Breached: ${breachedCount})`);
  for (const [name, ms] of queues) console.log(`queue ${name.padEnd(29)} ${format(ms)}`);
  console.log(`trends page interactive, first open:  ${format(trendOpens[0])}  (the worker reads every incident, then caches its compact rows)`);
  console.log(`trends page interactive, later opens: ${format(median(trendOpens.slice(1)))}  (from the cache plus what changed; ${trendOpens.slice(1).join(', ')})`);
  console.log(`trends: all metrics in the worker, first: ${format(median(trendFirstComputes))}  (12 months by month, with the previous period; median of ${trendFirstComputes.join(', ')})`);
  console.log(`trends: all metrics in the worker, again:  ${format(median(trendRecomputes))}  (by week or by month after a change; median of ${trendRecomputes.join(', ')})`);
} catch (error) {
  console.error('The benchmark failed:', error);
  process.exitCode = 1;
} finally {
  await context?.close().catch(() => undefined);
  try {
    process.kill(-server.pid);
  } catch {
    // already gone
  }
  if (!keptProfile) await rm(profileDir, { recursive: true, force: true });
}
