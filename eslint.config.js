// Lint rules, including the dependency rules of the architecture guide: you can tell from a
// file's path which runtime it may touch, and these zones check it.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import importX, { createNodeResolver } from 'eslint-plugin-import-x';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';

const forbidPackages = (names, message) => ({
  'no-restricted-imports': ['error', { patterns: names.map((group) => ({ group: [group], message })) }],
});

export default tseslint.config(
  { ignores: ['out/**', 'node_modules/**', 'test-results/**', 'playwright-report/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    plugins: { 'import-x': importX },
    languageOptions: { globals: { ...globals.es2023 } },
    // The path zones below only fire on imports the resolver can find, so it must know .ts/.tsx.
    settings: { 'import-x/resolver-next': [createNodeResolver({ extensions: ['.ts', '.tsx', '.js', '.mjs', '.json'] })] },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', destructuredArrayIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
      '@typescript-eslint/consistent-type-definitions': ['error', 'type'],
      'import-x/no-restricted-paths': [
        'error',
        {
          zones: [
            { target: './shared', from: ['./electron', './renderer', './server', './test'], message: 'shared/ is pure domain code: it imports only itself.' },
            { target: './electron/main', from: ['./renderer', './server'], message: 'The main process is a thin shell; it shares only shared/ with the renderer.' },
            { target: './electron/preload', from: ['./renderer', './server', './electron/main', './shared/domain', './shared/sync', './shared/formats'], message: 'The preload may use only electron and shared/ipc.' },
            { target: './renderer', from: ['./electron', './server'], message: 'The renderer reaches the desktop only through renderer/platform and the preload bridge.' },
            { target: './server', from: ['./electron', './renderer'], message: 'The server shares only shared/ with the app.' },
            { target: './renderer/features', from: ['./renderer/db'], message: 'Features read and write through renderer/data, never Dexie directly.' },
            { target: './renderer/components', from: ['./renderer/db', './renderer/features'], message: 'Components do not touch Dexie or features.' },
            { target: './renderer/state', from: ['./renderer/db', './renderer/data', './renderer/features'], message: 'zustand holds UI state only; saved data lives in Dexie.' },
            { target: './renderer/db', from: ['./renderer/data', './renderer/features', './renderer/components', './renderer/state', './renderer/app'], message: 'renderer/db depends only on shared/.' },
            { target: './renderer/data', from: ['./renderer/features', './renderer/components', './renderer/state', './renderer/app'], message: 'The data layer does not depend on UI code.' },
            // A feature does not reach into another feature's files.
            ...['incidents', 'settings', 'profile', 'placeholder', 'sync', 'notifications', 'playbooks', 'quality', 'trends'].map((feature) => ({
              target: `./renderer/features/${feature}`,
              from: './renderer/features',
              except: [`./${feature}`],
              message: 'A feature does not import another feature; move shared parts to renderer/components.',
            })),
          ],
        },
      ],
    },
  },
  {
    files: ['shared/**/*.ts'],
    rules: forbidPackages(
      ['electron', 'react', 'react-*', 'react/*', 'dexie', 'dexie-*', 'zustand', 'recharts', 'node:*', 'fs', 'path', '@tanstack/*', 'uuid'],
      'shared/ is pure: only zod and other small pure libraries. Pass clocks and id generators in.',
    ),
  },
  {
    files: ['electron/preload/**/*.ts'],
    rules: forbidPackages(['zod', 'react', 'dexie', 'node:*'], 'The sandboxed preload may import only electron and shared/ipc channel names.'),
  },
  {
    files: ['renderer/**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals.browser } },
    plugins: { 'react-hooks': reactHooks },
    rules: {
      ...reactHooks.configs.recommended.rules,
      ...forbidPackages(['electron', 'node:*', 'fs', 'path', 'child_process'], 'The renderer runs in a browser sandbox: no Electron or Node APIs.'),
    },
  },
  {
    files: ['renderer/features/**/*.{ts,tsx}', 'renderer/components/**/*.{ts,tsx}', 'renderer/app/**/*.{ts,tsx}', 'renderer/state/**/*.ts'],
    rules: forbidPackages(['electron', 'node:*', 'dexie'], 'Only renderer/db and renderer/data touch Dexie; read through the data hooks.'),
  },
  {
    files: ['*.config.ts', '*.config.js', 'electron/**/*.ts', 'server/**/*.{ts,mjs,js}', 'test/**/*.{ts,tsx,mjs}'],
    languageOptions: { globals: { ...globals.node } },
  },
  {
    files: ['renderer/public/offlineWorker.js'],
    languageOptions: { globals: { ...globals.serviceworker } },
  },
  {
    files: ['test/**/*.{ts,tsx,mjs}'],
    languageOptions: { globals: { ...globals.browser, ...globals.node } },
  },
);
