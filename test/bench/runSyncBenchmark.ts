// Sync benchmark: seeds the team server with 100,000 incidents (two timeline entries each) and
// measures in Chromium the first full pull into an empty client, a push of 1,000 offline edits,
// and poke-to-visible latency for one change; also the raw IndexedDB floor for the same rows.
// Prints numbers, asserts nothing. Usage: npm run bench:sync [-- --count 100000]
import { chromium, type Page } from '@playwright/test';
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { v7 as uuidV7 } from 'uuid';
import { createIncident } from '../../shared/domain/incident';
import { defaultPriorityMatrix } from '../../shared/domain/priority';
import { generateSampleIncident } from '../../shared/domain/sampleData';
import { createTimelineEntry } from '../../shared/domain/timeline';
import { formatHlcStamp } from '../../shared/domain/hlc';
import { exportFormatName, exportFormatVersion } from '../../shared/formats/firebreakExport';
import { openPgliteDatabase } from '../../server/storage/pgliteDatabase';
import { migrate } from '../../server/storage/migrations';
import { ensureFirstAdmin } from '../../server/accounts/bootstrap';

const countArgument = process.argv.indexOf('--count');
const count = countArgument > 0 ? Number(process.argv[countArgument + 1]) : 100_000;
const entriesPerIncident = 2;
const port = Number(process.env['FIREBREAK_BENCH_SYNC_PORT'] ?? 4391);
const baseUrl = `http://127.0.0.1:${port}`;
const admin = { email: 'bench@firebreak.test', password: 'bench password 2026' };
const executablePath = process.env['FIREBREAK_CHROMIUM'] ?? (existsSync('/usr/bin/chromium') ? '/usr/bin/chromium' : undefined);
const chromiumArgs = ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'];

async function seed(dataDir: string): Promise<string> {
  const db = await openPgliteDatabase(dataDir);
  await migrate(db);
  await ensureFirstAdmin(db, { adminEmail: admin.email, adminPassword: admin.password }, { newId: () => uuidV7() });
  const teamId = (await db.query<{ id: string }>('select id from teams limit 1')).rows[0]!.id;
  const options = { seed: 11, count, periodDays: 365, endMs: Date.now() };
  let seq = 0;
  const batch: unknown[] = [];
  const flush = async () => {
    if (batch.length === 0) return;
    await db.query(
      `insert into sync_rows (team_id, table_name, row_id, fields, stamps, authors, seq, is_deleted)
       select team_id, table_name, row_id, fields, stamps, '{}'::jsonb, seq, false
         from jsonb_to_recordset($1::jsonb) as r(team_id text, table_name text, row_id text, fields jsonb, stamps jsonb, seq bigint)`,
      [JSON.stringify(batch)],
    );
    batch.length = 0;
  };
  const stampsFor = (fields: object, wallMs: number) => Object.fromEntries(Object.keys(fields).map((field) => [field, formatHlcStamp({ wallMs, counter: 0, nodeId: 'seedseedseedseed' })]));
  for (let index = 0; index < count; index += 1) {
    const sample = generateSampleIncident(options, index);
    const incident = { ...sample.incident, teamId, source: 'manual' as const };
    const wallMs = Date.parse(incident.updatedAt);
    batch.push({ team_id: teamId, table_name: 'incidents', row_id: incident.id, fields: incident, stamps: stampsFor(incident, wallMs), seq: ++seq });
    for (const entry of sample.timeline.slice(0, entriesPerIncident)) {
      batch.push({ team_id: teamId, table_name: 'timelineEntries', row_id: entry.id, fields: entry, stamps: stampsFor(entry, Date.parse(entry.recordedAt)), seq: ++seq });
    }
    if (batch.length >= 6000) await flush();
  }
  await flush();
  await db.query(`select setval('sync_seq', $1)`, [seq]);
  await db.exec('analyze');
  await db.close();
  return teamId;
}

function offlineEditsFile(total: number): string {
  const nowMs = Date.now();
  const reporter = { id: 'bench-person', name: 'Bench Responder' };
  const incidents = [];
  const timelineEntries = [];
  for (let index = 0; index < total; index += 1) {
    const nowIso = new Date(nowMs - (total - index) * 1000).toISOString();
    const record = createIncident(
      { title: `Offline finding ${index + 1}`, description: '', kind: 'security', category: 'malware', affectedServices: '', impact: 'medium', urgency: 'low', detectedAt: nowIso, startedAt: null, tlp: 'AMBER', hasPersonalData: false, isMajor: false, priorityOverride: null, mode: 'live' },
      { id: uuidV7(), reference: `INC-2026-BNCH-${String(index + 1).padStart(4, '0')}`, reporter, matrix: defaultPriorityMatrix, nowIso },
    );
    const stamp = formatHlcStamp({ wallMs: Date.parse(nowIso), counter: 0, nodeId: 'benchbenchbench1' });
    incidents.push({ record, fieldStamps: Object.fromEntries(Object.keys(record).map((field) => [field, stamp])) });
    timelineEntries.push(createTimelineEntry({ id: uuidV7(), incidentId: record.id, author: reporter, deviceId: 'bench', nowIso }, 'created', 'Found during the outage'));
  }
  return JSON.stringify({ format: exportFormatName, formatVersion: exportFormatVersion, exportedAt: new Date(nowMs).toISOString(), deviceId: 'bench', incidents, timelineEntries, tasks: [], settings: [] });
}

async function waitForUpToDate(page: Page, timeoutMs: number): Promise<void> {
  await page.getByRole('status', { name: 'Sync status' }).getByText(/Up to date/).waitFor({ timeout: timeoutMs });
}

/** Raw IndexedDB floor: the same rows written in one browser with plain put() in 10,000-row transactions. */
async function indexedDbFloorMs(page: Page, token: string): Promise<{ rows: number; ms: number; fetchMs: number }> {
  return page.evaluate(async (accessToken) => {
    const rows: unknown[] = [];
    const fetchStarted = performance.now();
    let cursor = 0;
    for (;;) {
      const response = await fetch(`/sync/pull?cursor=${cursor}&limit=2000`, { headers: { authorization: `Bearer ${accessToken}`, 'x-firebreak-schema': '1' } });
      const page = (await response.json()) as { rows: { rowId: string }[]; nextCursor: number; hasMore: boolean };
      rows.push(...page.rows);
      cursor = page.nextCursor;
      if (!page.hasMore) break;
    }
    const fetchMs = performance.now() - fetchStarted;
    const database = await new Promise<IDBDatabase>((resolve, reject) => {
      const request = indexedDB.open(`floor-${Date.now()}`, 1);
      request.onupgradeneeded = () => request.result.createObjectStore('rows', { keyPath: 'rowId' });
      request.onsuccess = () => resolve(request.result);
      request.onerror = () => reject(request.error);
    });
    const started = performance.now();
    for (let start = 0; start < rows.length; start += 10_000) {
      await new Promise<void>((resolve, reject) => {
        const transaction = database.transaction('rows', 'readwrite', { durability: 'strict' });
        const store = transaction.objectStore('rows');
        for (const row of rows.slice(start, start + 10_000)) store.put(row);
        transaction.oncomplete = () => resolve();
        transaction.onerror = () => reject(transaction.error);
      });
    }
    const ms = performance.now() - started;
    database.close();
    return { rows: rows.length, ms, fetchMs };
  }, token);
}

async function main(): Promise<void> {
  const dataDir = await mkdtemp(join(tmpdir(), 'firebreak-bench-sync-'));
  const profileDir = await mkdtemp(join(tmpdir(), 'firebreak-bench-sync-browser-'));
  const seedStart = Date.now();
  await seed(dataDir);
  const seedSeconds = (Date.now() - seedStart) / 1000;
  const server = spawn('npx', ['tsx', 'server/main.ts'], {
    env: { ...process.env, PORT: String(port), DATABASE_URL: '', FIREBREAK_DATA_DIR: dataDir, FIREBREAK_WEB_ROOT: 'out/web' },
    stdio: 'ignore',
    detached: true,
  });
  const context = await chromium.launchPersistentContext(profileDir, { ...(executablePath ? { executablePath } : {}), args: chromiumArgs, viewport: { width: 1400, height: 900 } });
  try {
    for (let attempt = 0; attempt < 150 && !(await fetch(`${baseUrl}/health`).then((response) => response.ok, () => false)); attempt += 1) await new Promise((resolve) => setTimeout(resolve, 200));
    const page = context.pages()[0] ?? (await context.newPage());
    await page.goto(`${baseUrl}/`);
    await page.getByLabel('Your name').fill('Bench Mark');
    await page.getByRole('button', { name: 'Start using Firebreak' }).click();
    await page.getByRole('link', { name: 'Settings' }).click();
    await page.getByLabel('Server address').fill(baseUrl);
    await page.getByLabel('Email').fill(admin.email);
    await page.getByLabel('Password').fill(admin.password);
    const profiler = process.env['FIREBREAK_BENCH_PROFILE_PULL'] ? await context.newCDPSession(page) : null;
    if (profiler) {
      await profiler.send('Profiler.enable');
      await profiler.send('Profiler.start');
    }
    const pullStart = Date.now();
    await page.getByRole('button', { name: 'Sign in' }).click();
    await waitForUpToDate(page, 30 * 60_000);
    const firstPullSeconds = (Date.now() - pullStart) / 1000;
    if (profiler) {
      // Where the main thread spent the first pull: the top functions by self time.
      const { profile } = (await profiler.send('Profiler.stop')) as { profile: { nodes: { id: number; callFrame: { functionName: string; url: string; lineNumber: number } }[]; samples: number[]; timeDeltas: number[] } };
      const selfMs = new Map<string, number>();
      const byId = new Map(profile.nodes.map((node) => [node.id, node]));
      profile.samples.forEach((id, index) => {
        const frame = byId.get(id)!.callFrame;
        const key = `${frame.functionName || '(anonymous)'} ${frame.url.split('/').pop()}:${frame.lineNumber}`;
        selfMs.set(key, (selfMs.get(key) ?? 0) + (profile.timeDeltas[index] ?? 0) / 1000);
      });
      for (const [name, ms] of [...selfMs].sort((left, right) => right[1] - left[1]).slice(0, 15)) console.log(`  ${ms.toFixed(0).padStart(6)} ms  ${name}`);
    }

    const login = await fetch(`${baseUrl}/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json', 'x-firebreak-schema': '1' }, body: JSON.stringify({ ...admin, deviceId: `bench-cli-${Date.now()}` }) });
    const session = (await login.json()) as { accessToken: string };
    const floor = await indexedDbFloorMs(page, session.accessToken);

    // 1,000 offline edits: import 1,000 incidents while offline, then reconnect.
    const editsFile = join(profileDir, 'offline-edits.json');
    await writeFile(editsFile, offlineEditsFile(1000));
    await context.setOffline(true);
    const chooser = page.waitForEvent('filechooser');
    await page.getByRole('button', { name: 'Import from file' }).click();
    await (await chooser).setFiles(editsFile);
    await page.getByTestId('data-transfer-status').getByText(/Import finished/).waitFor({ timeout: 120_000 });
    const pushStart = Date.now();
    await context.setOffline(false);
    if (process.env['FIREBREAK_BENCH_TRACE']) {
      for (let second = 0; second < 70; second += 1) {
        const text = await page.getByRole('status', { name: 'Sync status' }).textContent();
        console.log(`${((Date.now() - pushStart) / 1000).toFixed(1)} s: ${text}`);
        if (/Up to date/.test(text ?? '')) break;
        await new Promise((resolve) => setTimeout(resolve, 1000));
      }
    }
    await waitForUpToDate(page, 10 * 60_000);
    const pushSeconds = (Date.now() - pushStart) / 1000;

    // Poke to visible: another device renames the newest incident; time until this window shows it.
    await page.getByRole('link', { name: 'Incidents' }).click();
    const firstRow = page.getByRole('list', { name: 'Incident list' }).getByRole('link').first();
    await firstRow.click();
    const incidentId = page.url().split('/').pop()!;
    const teamId = ((await (await fetch(`${baseUrl}/auth/me`, { headers: { authorization: `Bearer ${session.accessToken}`, 'x-firebreak-schema': '1' } })).json()) as { teams: { teamId: string }[] }).teams[0]!.teamId;
    const newTitle = `Renamed from another device ${Date.now()}`;
    const pokeStart = Date.now();
    await fetch(`${baseUrl}/sync/push`, {
      method: 'POST',
      headers: { authorization: `Bearer ${session.accessToken}`, 'content-type': 'application/json', 'x-firebreak-schema': '1' },
      body: JSON.stringify({ clientId: `bench-cli-${pokeStart}`, schemaVersion: 1, mutations: [{ mutationId: 1, table: 'incidents', rowId: incidentId, teamId, operation: 'update', hlc: formatHlcStamp({ wallMs: pokeStart, counter: 0, nodeId: 'pokepokepokepoke' }), fields: { title: newTitle } }] }),
    });
    await page.getByRole('article').getByRole('heading', { level: 1, name: newTitle }).waitFor({ timeout: 60_000 });
    const pokeMs = Date.now() - pokeStart;

    const totalRows = count * (1 + entriesPerIncident);
    console.log(`\nFirebreak sync benchmark (${count.toLocaleString('en-US')} incidents + ${(count * entriesPerIncident).toLocaleString('en-US')} timeline entries = ${totalRows.toLocaleString('en-US')} rows; server on PGlite)`);
    console.log(`seeding the server:                  ${seedSeconds.toFixed(1)} s`);
    console.log(`first full pull into an empty client: ${firstPullSeconds.toFixed(1)} s (${Math.round(totalRows / firstPullSeconds).toLocaleString('en-US')} rows/s, sign-in click to "Up to date")`);
    console.log(`raw IndexedDB floor, same ${floor.rows.toLocaleString('en-US')} rows:  ${(floor.ms / 1000).toFixed(1)} s  -> first pull is ${(firstPullSeconds / (floor.ms / 1000)).toFixed(2)}x the floor`);
    console.log(`fetching the same rows over HTTP (pages of 2,000, one after another): ${(floor.fetchMs / 1000).toFixed(1)} s`);
    console.log(`push of 1,000 offline edits (+1,000 timeline entries): ${pushSeconds.toFixed(1)} s (reconnect to "Up to date")`);
    console.log(`poke to visible, one change:        ${pokeMs} ms`);
  } finally {
    await context.close();
    try {
      process.kill(-server.pid!);
    } catch {
      // already gone
    }
    // The server may still be flushing its files for a moment after the kill.
    await new Promise((resolve) => setTimeout(resolve, 500));
    await rm(dataDir, { recursive: true, force: true, maxRetries: 5, retryDelay: 200 });
    await rm(profileDir, { recursive: true, force: true });
  }
}

await main();
