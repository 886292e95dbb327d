/**
 * Backups include playbooks (export format 3): every version record leaves with its field stamps
 * and comes back merged field by field; older files without playbooks still import; one invalid
 * playbook refuses the whole file. Starters a team never changed stay off the sync outbox, as when
 * they are seeded.
 */
import { describe, expect, it } from 'vitest';
import { exportAllData, importExportText } from '../../../../renderer/data/importExport';
import { approvePlaybookDraft, createPlaybook, editPlaybookVersion, retirePlaybookVersion, seedStarterPlaybooks } from '../../../../renderer/data/playbookCommands';
import type { FirebreakDatabase } from '../../../../renderer/db/database';
import { exportFormatVersion } from '../../../../shared/formats/firebreakExport';
import { isStarterPlaybookId, starterPlaybooks } from '../../../../shared/domain/starterPlaybooks';
import { createTestEnvironment, databaseText, minute, saveTestProfile, withoutLocalSeq, type TestEnvironment } from '../../../support/dataEnvironment';
import { sampleContent } from '../../shared/playbookFixtures';

const lead = { name: 'Lena Lead', initials: 'LL', role: 'lead' } as const;

/** The starters (one retired by the team), and a playbook of the team's own: approved v1 and a v2 draft. */
async function populatePlaybooks(test: TestEnvironment) {
  await saveTestProfile(test.env, lead);
  await seedStarterPlaybooks(test.env);
  test.advance(minute);
  const retired = await retirePlaybookVersion(test.env, starterPlaybooks[0]!.id);
  const first = await createPlaybook(test.env, sampleContent({ name: 'Malware our way' }));
  if (!retired.ok || !first.ok) throw new Error('setup failed');
  test.advance(minute);
  await approvePlaybookDraft(test.env, first.value.id);
  test.advance(minute);
  const draft = await editPlaybookVersion(test.env, first.value.id, sampleContent({ name: 'Malware our way', summary: 'Second thoughts' }));
  if (!draft.ok) throw new Error('setup failed');
  test.advance(minute);
  return { retiredStarterId: starterPlaybooks[0]!.id, approvedId: first.value.id, draftId: draft.value.id };
}

async function storedPlaybooks(db: FirebreakDatabase) {
  return (await db.playbooks.toArray()).map(withoutLocalSeq).sort((left, right) => (left.id < right.id ? -1 : 1));
}

describe('playbooks in the export file', () => {
  it('exports every playbook version with its field stamps (since format 3)', async () => {
    const test = createTestEnvironment();
    const ids = await populatePlaybooks(test);
    const file = await exportAllData(test.env);
    expect(file.formatVersion).toBe(exportFormatVersion);
    expect(exportFormatVersion).toBeGreaterThanOrEqual(3);
    expect(file.playbooks).toHaveLength(starterPlaybooks.length + 2);
    const byId = new Map(file.playbooks.map((row) => [row.record.id, row]));
    expect(byId.get(ids.approvedId)!.record).toMatchObject({ version: 1, status: 'approved', name: 'Malware our way' });
    expect(byId.get(ids.draftId)!.record).toMatchObject({ version: 2, status: 'draft', summary: 'Second thoughts' });
    expect(byId.get(ids.retiredStarterId)!.record.status).toBe('retired');
    const stored = (await test.db.playbooks.get(ids.draftId))!;
    expect(byId.get(ids.draftId)!.fieldStamps).toEqual(stored.fieldStamps);
    expect(byId.get(ids.draftId)!.record).not.toHaveProperty('localSeq');
  });

  it('restores them in a fresh database; only what differs from the shipped starters is queued for sync', async () => {
    const source = createTestEnvironment();
    const ids = await populatePlaybooks(source);
    const text = JSON.stringify(await exportAllData(source.env));

    const target = createTestEnvironment({ startMs: source.now() + minute });
    const result = await importExportText(target.env, text);
    expect(result.ok && result.summary).toMatchObject({ playbooksAdded: starterPlaybooks.length + 2, playbooksUpdated: 0 });
    expect(await storedPlaybooks(target.db)).toEqual(await storedPlaybooks(source.db));

    const queued = (await target.db.outbox.toArray()).filter((row) => row.table === 'playbooks');
    const queuedRows = new Set(queued.map((row) => row.rowId));
    expect(queuedRows).toEqual(new Set([ids.retiredStarterId, ids.approvedId, ids.draftId]));
    const retiredFields = queued.filter((row) => row.rowId === ids.retiredStarterId).flatMap((row) => Object.keys(row.fields));
    expect(retiredFields.sort()).toEqual(['retiredAt', 'status', 'updatedAt']);
    expect([...queuedRows].filter(isStarterPlaybookId)).toEqual([ids.retiredStarterId]);

    // Seeding afterwards adds nothing: the starters came with the file.
    expect(await seedStarterPlaybooks(target.env)).toEqual([]);
    // A second import of the same file changes nothing.
    const before = await storedPlaybooks(target.db);
    const outboxBefore = await target.db.outbox.count();
    const again = await importExportText(target.env, text);
    expect(again.ok && again.summary).toMatchObject({ playbooksAdded: 0, playbooksUpdated: 0 });
    expect(await storedPlaybooks(target.db)).toEqual(before);
    expect(await target.db.outbox.count()).toBe(outboxBefore);
  });

  it('merges by last writer per field: a newer local edit of a draft stays, a newer edit in the file wins', async () => {
    const test = createTestEnvironment();
    const ids = await populatePlaybooks(test);
    const oldText = JSON.stringify(await exportAllData(test.env));
    await editPlaybookVersion(test.env, ids.draftId, sampleContent({ name: 'Malware our way', summary: 'Third thoughts' }));
    test.advance(minute);

    const old = await importExportText(test.env, oldText);
    expect(old.ok && old.summary).toMatchObject({ playbooksAdded: 0, playbooksUpdated: 0 });
    expect((await test.db.playbooks.get(ids.draftId))!.summary).toBe('Third thoughts');

    const other = createTestEnvironment({ startMs: test.now() });
    expect((await importExportText(other.env, oldText)).ok).toBe(true);
    const newer = await importExportText(other.env, JSON.stringify(await exportAllData(test.env)));
    expect(newer.ok && newer.summary).toMatchObject({ playbooksAdded: 0, playbooksUpdated: 1 });
    expect((await other.db.playbooks.get(ids.draftId))!.summary).toBe('Third thoughts');
  });

  it.each([1, 2])('still imports a format %i file, written before playbooks were exported', async (formatVersion) => {
    const source = createTestEnvironment();
    await populatePlaybooks(source);
    const { playbooks: _playbooks, responderTeams, ...rest } = await exportAllData(source.env);
    const older = formatVersion === 1 ? { ...rest, formatVersion } : { ...rest, responderTeams, formatVersion };

    const target = createTestEnvironment({ startMs: source.now() + minute });
    await saveTestProfile(target.env, lead);
    const result = await importExportText(target.env, JSON.stringify(older));
    expect(result.ok && result.summary).toMatchObject({ playbooksAdded: 0, playbooksUpdated: 0, settingsUpdated: 0 });
    expect(await target.db.playbooks.count()).toBe(0);
  });

  it.each([
    {
      name: 'a branch pointing at a step that does not exist',
      damage: (record: Record<string, unknown>) => {
        const steps = structuredClone(record['steps']) as { kind: string; branches?: { stepIds: string[] }[] }[];
        steps.find((step) => step.kind === 'decision')!.branches![0]!.stepIds.push('nowhere');
        record['steps'] = steps;
      },
      error: /The playbook "Malware our way" \(version 1, playbooks\[\d+\]\) in the file is not valid: steps\.\d+\.branches\.0\.stepIds: .*"nowhere" that does not exist\. Nothing was imported\.$/,
    },
    {
      name: 'an approved version nobody approved',
      damage: (record: Record<string, unknown>) => {
        record['approvedBy'] = null;
      },
      error: /"Malware our way" \(version 1.*approvedAt: An approved playbook records who approved it and when\. Nothing was imported\.$/,
    },
    {
      name: 'a field the format does not have',
      damage: (record: Record<string, unknown>) => {
        record['script'] = '<script>alert(1)</script>';
      },
      error: /damaged at playbooks\[\d+\]\.record.*Nothing was imported\.$/,
    },
  ])('refuses the whole file when one playbook is invalid ($name), writing nothing', async ({ damage, error }) => {
    const source = createTestEnvironment();
    const ids = await populatePlaybooks(source);
    const file = await exportAllData(source.env);
    damage(file.playbooks.find((row) => row.record.id === ids.approvedId)!.record as unknown as Record<string, unknown>);

    const target = createTestEnvironment({ startMs: source.now() + minute });
    await saveTestProfile(target.env, lead);
    const before = await databaseText(target.db);
    const result = await importExportText(target.env, JSON.stringify(file));
    expect(result.ok).toBe(false);
    expect(!result.ok && result.error).toMatch(error);
    expect(await databaseText(target.db)).toBe(before);
  });
});
