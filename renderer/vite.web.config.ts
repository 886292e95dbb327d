// The same renderer as a static web app in out/web/, served over http://localhost by `npm run web`
// and by the end-to-end tests and benchmarks.
import { defineConfig } from 'vite';
import { resolve } from 'node:path';
import { rendererViteOptions } from './vite.shared.ts';

export default defineConfig({
  ...rendererViteOptions,
  build: { ...rendererViteOptions.build, outDir: resolve(import.meta.dirname, '../out/web'), emptyOutDir: true },
  preview: { host: '127.0.0.1' },
});
