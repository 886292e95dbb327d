// Vite settings shared by the Electron renderer build and the plain web build.
import react from '@vitejs/plugin-react';
import { resolve } from 'node:path';
import type { Plugin } from 'vite';

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
  root: resolve(import.meta.dirname),
  base: './',
  plugins: [react(), relaxCspForDevServer()],
  worker: { format: 'es' as const },
  build: { chunkSizeWarningLimit: 900 },
};
