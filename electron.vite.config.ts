// Builds the three Electron targets: main (ESM, Node), preload (one sandbox-safe CommonJS file) and
// the renderer. The renderer's own settings live in vite.web.config.ts, so the web build is the
// same app.
import { defineConfig } from 'electron-vite';
import { resolve } from 'node:path';
import type { Plugin } from 'vite';
import { rendererViteOptions } from './vite.web.config.ts';

/**
 * In the desktop app the main process sends the Content-Security-Policy as a header, with the
 * configured team server in connect-src. The page's own <meta> policy (for the web build, where
 * the server serves the page) would still block that server, so the desktop build drops it.
 */
function dropMetaContentSecurityPolicy(): Plugin {
  return {
    name: 'firebreak-desktop-csp-header-only',
    transformIndexHtml: (html) => html.replace(/\s*<meta\s+http-equiv="Content-Security-Policy"[\s\S]*?\/>/, ''),
  };
}

export default defineConfig({
  main: {
    build: {
      outDir: 'out/main',
      lib: { entry: resolve(import.meta.dirname, 'electron/main/index.ts') },
    },
  },
  preload: {
    build: {
      outDir: 'out/preload',
      // A sandboxed preload cannot require() packages: bundle everything it uses into one file.
      externalizeDeps: false,
      lib: { entry: resolve(import.meta.dirname, 'electron/preload/index.ts'), formats: ['cjs'] },
      rollupOptions: { output: { entryFileNames: '[name].cjs' } },
    },
  },
  renderer: {
    ...rendererViteOptions,
    plugins: [...rendererViteOptions.plugins, dropMetaContentSecurityPolicy()],
    build: {
      ...rendererViteOptions.build,
      outDir: resolve(import.meta.dirname, 'out/renderer'),
      emptyOutDir: true,
      rollupOptions: { input: resolve(import.meta.dirname, 'renderer/index.html') },
    },
  },
});
