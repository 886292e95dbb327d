// Vite settings shared by the Electron renderer build and the plain web build.
import react from '@vitejs/plugin-react';
import { resolve } from 'node:path';

export const rendererViteOptions = {
  root: resolve(import.meta.dirname),
  base: './',
  plugins: [react()],
  worker: { format: 'es' as const },
};
