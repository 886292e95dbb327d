/** The reads behind the incident's Playbooks section: applied versions by id, and what may be applied. */
import { describe, expect, it } from 'vitest';
import { readApprovedPlaybooks, readPlaybookVersionsById } from '../../../../renderer/data/incidentPlaybookQueries';
import { approvePlaybookDraft, createPlaybook, editPlaybookVersion, seedStarterPlaybooks } from '../../../../renderer/data/playbookCommands';
import { starterPlaybooks } from '../../../../shared/domain/starterPlaybooks';
import { createTestEnvironment, saveTestProfile } from '../../../support/dataEnvironment';
import { sampleContent } from '../../shared/playbookFixtures';

describe('incident playbook reads', () => {
  it('finds the exact versions asked for, even retired ones, and skips ids not on this device', async () => {
    const test = createTestEnvironment();
    await saveTestProfile(test.env, { name: 'Lena Lead', initials: 'LL', role: 'lead' });
    const first = await createPlaybook(test.env, sampleContent({ name: 'Malware our way' }));
    if (!first.ok) throw new Error('setup failed');
    await approvePlaybookDraft(test.env, first.value.id);
    const second = await editPlaybookVersion(test.env, first.value.id, sampleContent({ name: 'Malware our way', summary: 'v2' }));
    if (!second.ok) throw new Error('setup failed');
    await approvePlaybookDraft(test.env, second.value.id);

    const found = await readPlaybookVersionsById(test.env, [first.value.id, 'not-here', second.value.id]);
    expect([...found.keys()]).toEqual([first.value.id, second.value.id]);
    expect(found.get(first.value.id)).toMatchObject({ version: 1, status: 'retired' });
    expect(found.get(second.value.id)).toMatchObject({ version: 2, status: 'approved', summary: 'v2' });
    expect(found.get(first.value.id)).not.toHaveProperty('fieldStamps');
    expect((await readPlaybookVersionsById(test.env, [])).size).toBe(0);
  });

  it('offers the current approved version of every playbook, never a draft or a retired one', async () => {
    const test = createTestEnvironment();
    await saveTestProfile(test.env, { name: 'Lena Lead', initials: 'LL', role: 'lead' });
    await seedStarterPlaybooks(test.env);
    const first = await createPlaybook(test.env, sampleContent({ name: 'Malware our way' }));
    const draftOnly = await createPlaybook(test.env, sampleContent({ name: 'Still a draft' }));
    if (!first.ok || !draftOnly.ok) throw new Error('setup failed');
    await approvePlaybookDraft(test.env, first.value.id);
    await editPlaybookVersion(test.env, first.value.id, sampleContent({ name: 'Malware our way', summary: 'v2 draft' }));

    const approved = await readApprovedPlaybooks(test.env);
    expect(approved).toHaveLength(starterPlaybooks.length + 1);
    expect(approved.every((playbook) => playbook.status === 'approved')).toBe(true);
    expect(approved.find((playbook) => playbook.lineageId === first.value.lineageId)).toMatchObject({ id: first.value.id, version: 1 });
    expect(approved.map((playbook) => playbook.name)).not.toContain('Still a draft');
    expect(approved.map((playbook) => playbook.name)).toEqual([...approved.map((playbook) => playbook.name)].sort((left, right) => left.localeCompare(right)));
  });
});
