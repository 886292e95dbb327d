import { describe, expect, it } from 'vitest';
import { readProfile, saveProfile, toPersonRef } from '../../../../renderer/data/profile';
import { createTestEnvironment, databaseText } from '../../../support/dataEnvironment';

describe('profile', () => {
  it('is null until saved, then keeps its person id across edits', async () => {
    const test = createTestEnvironment();
    expect(await readProfile(test.env)).toBeNull();
    const saved = await saveProfile(test.env, { name: ' Ada Responder ', initials: 'AR', role: 'lead' });
    expect(saved.ok && saved.value).toMatchObject({ name: 'Ada Responder', initials: 'AR', role: 'lead' });
    const personId = saved.ok ? saved.value.personId : '';
    const edited = await saveProfile(test.env, { name: 'Ada R.', initials: 'AR', role: 'responder' });
    expect(edited.ok && edited.value.personId).toBe(personId);
    expect(await readProfile(test.env)).toEqual({ personId, name: 'Ada R.', initials: 'AR', role: 'responder' });
    expect(toPersonRef((await readProfile(test.env))!)).toEqual({ id: personId, name: 'Ada R.' });
    // The profile is local: no outbox entry.
    expect(await test.db.outbox.count()).toBe(0);
  });

  it('refuses invalid input with field errors and writes nothing', async () => {
    const test = createTestEnvironment();
    await saveProfile(test.env, { name: 'Ada', initials: 'A', role: 'viewer' });
    const before = await databaseText(test.db);
    const result = await saveProfile(test.env, { name: '', initials: 'A.B', role: 'king' });
    expect(result.ok).toBe(false);
    expect(!result.ok && Object.keys(result.errors).sort()).toEqual(['initials', 'name', 'role']);
    expect(await databaseText(test.db)).toBe(before);
  });
});
