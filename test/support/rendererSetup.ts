// Every renderer unit test gets a fresh in-memory IndexedDB (fake-indexeddb is for unit tests
// only; end-to-end tests use real Chromium IndexedDB).
import 'fake-indexeddb/auto';
import { IDBFactory } from 'fake-indexeddb';
import Dexie from 'dexie';
import { afterEach, beforeEach } from 'vitest';
import { cleanup } from '@testing-library/react';

beforeEach(() => {
  globalThis.indexedDB = new IDBFactory();
  // Dexie copies the global indexedDB once, when its module loads; without this every database
  // constructed later in the file would still open in the first factory, shared by all tests.
  Dexie.dependencies.indexedDB = globalThis.indexedDB;
});

afterEach(() => {
  cleanup();
});
