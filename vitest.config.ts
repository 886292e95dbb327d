// Unit tests, one vitest project per runtime: node for shared/ and electron/, jsdom with
// fake-indexeddb for the renderer's data layer and components, node for the team server (PGlite, or
// PostgreSQL when DATABASE_URL is set).
import { defineConfig } from 'vitest/config';
import react from '@vitejs/plugin-react';

export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: 'node',
          environment: 'node',
          include: ['test/unit/shared/**/*.test.ts', 'test/unit/electron/**/*.test.ts', 'test/unit/tooling/**/*.test.ts'],
          // Property tests run hundreds of cases; on a busy 2-core machine the 5 s default is too
          // tight. A timeout is a hang guard here, not a speed check (speed belongs in benchmarks).
          testTimeout: 20_000,
        },
      },
      {
        plugins: [react()],
        test: {
          name: 'renderer',
          environment: 'jsdom',
          include: ['test/unit/renderer/**/*.test.{ts,tsx}'],
          setupFiles: ['test/support/rendererSetup.ts'],
          // Data-layer tests write thousands of rows (sample data, sync pages) into fake-indexeddb.
          testTimeout: 20_000,
        },
      },
      {
        test: {
          name: 'server',
          environment: 'node',
          include: ['test/unit/server/**/*.test.ts'],
          // With DATABASE_URL every test file resets the same PostgreSQL schema, so files take
          // turns; on embedded PGlite each test has its own in-memory database.
          fileParallelism: !process.env['DATABASE_URL'],
          testTimeout: 20_000,
        },
      },
    ],
  },
});
