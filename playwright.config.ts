// End-to-end tests: the web build in Chromium (Debian's /usr/bin/chromium here, Playwright's own
// browser where one is installed), and the Electron smoke test when an Electron binary exists.
import { defineConfig } from '@playwright/test';
import { existsSync } from 'node:fs';

const debianChromium = '/usr/bin/chromium';
const executablePath = process.env.FIREBREAK_CHROMIUM ?? (existsSync(debianChromium) ? debianChromium : undefined);
const port = Number(process.env.FIREBREAK_E2E_PORT ?? 4318);
/** The team sync server for the sync journeys: embedded PGlite in a fresh folder, serving out/web. */
const syncPort = Number(process.env.FIREBREAK_E2E_SYNC_PORT ?? 4319);
export const syncServerUrl = `http://127.0.0.1:${syncPort}`;
export const syncAdmin = { email: 'admin@firebreak.test', password: 'e2e admin password 2026' };

export default defineConfig({
  testDir: 'test/e2e',
  fullyParallel: true,
  workers: 2,
  // One retry in CI only: a run on a loaded 2-core machine can lose a timing race; a test that
  // needed the retry is reported as flaky in the output, so it stays visible.
  retries: process.env.CI ? 1 : 0,
  reporter: [['list']],
  timeout: 60_000,
  use: {
    baseURL: `http://127.0.0.1:${port}`,
    trace: 'retain-on-failure',
  },
  webServer: [
    {
      command: `npx vite preview --config vite.web.config.ts --port ${port} --strictPort`,
      url: `http://127.0.0.1:${port}`,
      reuseExistingServer: !process.env.CI,
      timeout: 60_000,
    },
    {
      command: 'node test/e2e/startSyncServer.mjs',
      url: `${syncServerUrl}/health`,
      reuseExistingServer: false,
      timeout: 60_000,
      env: {
        PORT: String(syncPort),
        DATABASE_URL: '',
        FIREBREAK_DATA_DIR: 'test-results/e2e-sync-server',
        FIREBREAK_ADMIN_EMAIL: syncAdmin.email,
        FIREBREAK_ADMIN_PASSWORD: syncAdmin.password,
        FIREBREAK_WEB_ROOT: 'out/web',
      },
    },
  ],
  projects: [
    {
      name: 'chromium',
      testMatch: 'web/**/*.spec.ts',
      use: {
        browserName: 'chromium',
        launchOptions: {
          ...(executablePath ? { executablePath } : {}),
          args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
        },
      },
    },
    {
      name: 'sync',
      testMatch: 'sync/**/*.spec.ts',
      use: {
        browserName: 'chromium',
        baseURL: syncServerUrl,
        launchOptions: {
          ...(executablePath ? { executablePath } : {}),
          args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
        },
      },
    },
    { name: 'electron', testMatch: 'electron/**/*.spec.ts' },
  ],
});
