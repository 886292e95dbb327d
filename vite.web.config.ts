// The renderer's Vite settings, shared with electron.vite.config.ts so the desktop renderer and the
// web build are the same app; the default export builds the web version into out/web/, served over
// http://localhost by `npm run web`, the end-to-end tests, the benchmarks and the team server.
// It lives at the top level, not in renderer/, because it runs in Node at build time.
import react from '@vitejs/plugin-react';
import { resolve } from 'node:path';
import { defineConfig, type Plugin } from 'vite';

/**
 * The dev server injects an inline script (React Fast Refresh); allow inline scripts in the page's
 * CSP while serving only. Production builds keep script-src 'self'.
 */
function relaxCspForDevServer(): Plugin {
  return {
    name: 'firebreak-dev-csp',
    apply: 'serve',
    transformIndexHtml: (html) => html.replace("script-src 'self'", "script-src 'self' 'unsafe-inline'"),
  };
}

export const rendererViteOptions = {
  root: resolve(import.meta.dirname, 'renderer'),
  base: './',
  plugins: [react(), relaxCspForDevServer()],
  worker: { format: 'es' as const },
  build: { chunkSizeWarningLimit: 900 },
};

export default defineConfig({
  ...rendererViteOptions,
  build: { ...rendererViteOptions.build, outDir: resolve(import.meta.dirname, 'out/web'), emptyOutDir: true },
  preview: { host: '127.0.0.1' },
});
