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
        },
      },
      {
        plugins: [react()],
        test: {
          name: 'renderer',
          environment: 'jsdom',
          include: ['test/unit/renderer/**/*.test.{ts,tsx}'],
          setupFiles: ['test/support/rendererSetup.ts'],
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
