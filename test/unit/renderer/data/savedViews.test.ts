import { describe, expect, it } from 'vitest';
import { emptyIncidentListFilter } from '../../../../shared/domain/incidentList';
import { deleteSavedView, maxSavedViews, saveView } from '../../../../renderer/data/savedViews';
import { createTestEnvironment } from '../../../support/dataEnvironment';

const p1Open = { ...emptyIncidentListFilter, stage: 'open' as const, priority: 'P1' as const };
const byTimeLeft = { field: 'timeLeft' as const, direction: 'asc' as const };

describe('saved views', () => {
  it('saves a named filter and sort, and replaces the view of the same name', async () => {
    const { env, db } = createTestEnvironment();
    const saved = await saveView(env, '  Open P1s ', p1Open, byTimeLeft);
    expect(saved).toMatchObject({ ok: true, value: { name: 'Open P1s', filter: p1Open, sort: byTimeLeft } });
    const replaced = await saveView(env, 'open p1s', { ...p1Open, priority: 'P2' }, byTimeLeft);
    expect(replaced.ok && saved.ok && replaced.value.id === saved.value.id).toBe(true);
    expect(await db.savedViews.toArray()).toEqual([expect.objectContaining({ name: 'open p1s', filter: { ...p1Open, priority: 'P2' } })]);
    if (saved.ok) await deleteSavedView(env, saved.value.id);
    expect(await db.savedViews.count()).toBe(0);
  });

  it('refuses a blank or long name, an unknown sort, and more than the limit', async () => {
    const { env, db } = createTestEnvironment();
    expect(await saveView(env, '   ', p1Open, byTimeLeft)).toEqual({ ok: false, errors: { name: 'Name the view' } });
    expect(await saveView(env, 'x'.repeat(61), p1Open, byTimeLeft)).toMatchObject({ ok: false, errors: { name: expect.stringMatching(/60/) } });
    expect(await saveView(env, 'Odd', p1Open, { field: 'colour' as never, direction: 'asc' })).toMatchObject({ ok: false });
    for (let index = 0; index < maxSavedViews; index += 1) await saveView(env, `View ${index}`, p1Open, byTimeLeft);
    expect(await saveView(env, 'One too many', p1Open, byTimeLeft)).toMatchObject({ ok: false, errors: { name: expect.stringMatching(/50/) } });
    expect(await db.savedViews.count()).toBe(maxSavedViews);
  });
});
