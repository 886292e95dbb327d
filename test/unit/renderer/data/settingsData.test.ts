import { describe, expect, it } from 'vitest';
import { readSetting, updateSetting } from '../../../../renderer/data/settingsData';
import { defaultPriorityMatrix } from '../../../../shared/domain/priority';
import { settingDefaults } from '../../../../shared/domain/settings';
import { createTestEnvironment, databaseText, minute } from '../../../support/dataEnvironment';

const customMatrix = {
  high: { high: 'P1', medium: 'P1', low: 'P2' },
  medium: { high: 'P2', medium: 'P3', low: 'P4' },
  low: { high: 'P3', medium: 'P4', low: 'P5' },
};

describe('settings', () => {
  it('readSetting falls back to the defaults when there is no row', async () => {
    const test = createTestEnvironment();
    expect(await readSetting(test.env, 'priorityMatrix')).toEqual(defaultPriorityMatrix);
    expect(await readSetting(test.env, 'serviceTargets')).toEqual(settingDefaults.serviceTargets);
    expect(await readSetting(test.env, 'displayPreferences')).toEqual({ timeZone: 'local', theme: 'system' });
    expect(await test.db.settings.count()).toBe(0);
  });

  it('readSetting falls back to the default for a row that no longer validates, and leaves the row alone', async () => {
    const test = createTestEnvironment();
    const row = { key: 'displayPreferences' as const, value: { timeZone: 'utc', theme: 'sepia' }, updatedAt: new Date(test.now()).toISOString(), fieldStamps: {}, localSeq: 1 };
    await test.db.settings.put(row);
    expect(await readSetting(test.env, 'displayPreferences')).toEqual(settingDefaults.displayPreferences);
    expect(await test.db.settings.get('displayPreferences')).toEqual(row);
  });

  it('updateSetting inserts, then updates, with an outbox row each time', async () => {
    const test = createTestEnvironment();
    const first = await updateSetting(test.env, 'priorityMatrix', customMatrix);
    expect(first).toEqual({ ok: true, value: customMatrix });
    expect(await readSetting(test.env, 'priorityMatrix')).toEqual(customMatrix);
    const firstIso = new Date(test.now()).toISOString();

    test.advance(minute);
    const secondIso = new Date(test.now()).toISOString();
    expect((await updateSetting(test.env, 'priorityMatrix', defaultPriorityMatrix)).ok).toBe(true);
    expect(await readSetting(test.env, 'priorityMatrix')).toEqual(defaultPriorityMatrix);

    const outbox = await test.db.outbox.orderBy('mutationId').toArray();
    expect(outbox.map((row) => [row.mutationId, row.table, row.rowId, row.operation])).toEqual([
      [1, 'settings', 'priorityMatrix', 'insert'],
      [2, 'settings', 'priorityMatrix', 'update'],
    ]);
    expect(outbox[0]!.fields).toEqual({ key: 'priorityMatrix', value: customMatrix, updatedAt: firstIso });
    expect(outbox[1]!.fields).toEqual({ value: defaultPriorityMatrix, updatedAt: secondIso });
    const stored = await test.db.settings.get('priorityMatrix');
    expect(stored!.fieldStamps).toEqual({ key: outbox[0]!.hlc, value: outbox[1]!.hlc, updatedAt: outbox[1]!.hlc });
  });

  it('updateSetting rejects a matrix with P9 and writes nothing', async () => {
    const test = createTestEnvironment();
    await updateSetting(test.env, 'priorityMatrix', customMatrix);
    const before = await databaseText(test.db);
    const result = await updateSetting(test.env, 'priorityMatrix', { ...customMatrix, medium: { ...customMatrix.medium, low: 'P9' } });
    expect(result.ok).toBe(false);
    expect(!result.ok && result.errors).toEqual({ 'medium.low': expect.any(String) });
    expect(await databaseText(test.db)).toBe(before);
    expect(await readSetting(test.env, 'priorityMatrix')).toEqual(customMatrix);
  });

  it('updateSetting rejects out-of-range service targets', async () => {
    const test = createTestEnvironment();
    const before = await databaseText(test.db);
    const result = await updateSetting(test.env, 'serviceTargets', 'fast please');
    expect(result.ok).toBe(false);
    expect(await databaseText(test.db)).toBe(before);
  });
});
