import { describe, expect, it } from 'vitest';
import { readSyncConfig, readSyncCursor, saveSession, setSyncedTeams } from '../../../../renderer/data/syncSettings';
import { createTestEnvironment } from '../../../support/dataEnvironment';

describe('setSyncedTeams', () => {
  it('stores the chosen teams and starts pulling again from the beginning', async () => {
    const test = createTestEnvironment();
    await saveSession(test.env, 'https://sync.example.org', {
      accessToken: 'a'.repeat(40),
      refreshToken: 'r'.repeat(40),
      expiresIn: 900,
      user: { id: 'u1', email: 'ada@example.org', name: 'Ada', isAdmin: false },
      teams: [
        { teamId: 'blue', teamName: 'Blue', role: 'responder' },
        { teamId: 'red', teamName: 'Red', role: 'viewer' },
      ],
      deviceCode: 'AAAA',
    });
    await test.db.meta.put({ key: 'syncCursor', clientId: 'c', lastSyncedAtMs: null, pullCursor: 420 });
    await setSyncedTeams(test.env, ['blue']);
    expect((await readSyncConfig(test.env))?.syncedTeamIds).toEqual(['blue']);
    expect((await readSyncCursor(test.env)).pullCursor).toBe(0);
    await setSyncedTeams(test.env, null);
    expect((await readSyncConfig(test.env))?.syncedTeamIds).toBeNull();
  });
});
