/** The reads behind the playbook hooks: library, versions, suggestions and progress on an incident. */
import { describe, expect, it } from 'vitest';
import { createIncident } from '../../../../renderer/data/incidentCommands';
import { applyPlaybookToIncident, completeStep } from '../../../../renderer/data/incidentPlaybookCommands';
import { approvePlaybookDraft, createPlaybook, discardDraft, editPlaybookVersion, seedStarterPlaybooks } from '../../../../renderer/data/playbookCommands';
import {
  readIncidentPlaybookProgress,
  readOpenPlaybookDrafts,
  readPlaybookLibrary,
  readPlaybookVersion,
  readPlaybookVersions,
  readSuggestedPlaybooks,
} from '../../../../renderer/data/playbookQueries';
import { starterPlaybooks } from '../../../../shared/domain/starterPlaybooks';
import { createTestEnvironment, saveTestProfile, validNewIncidentInput } from '../../../support/dataEnvironment';
import { sampleContent } from '../../shared/playbookFixtures';

describe('playbook reads', () => {
  it('lists current versions, versions of a lineage, suggestions for an incident and progress', async () => {
    const test = createTestEnvironment();
    await saveTestProfile(test.env, { name: 'Lena Lead', initials: 'LL', role: 'lead' });
    await seedStarterPlaybooks(test.env);
    const draft = await createPlaybook(test.env, sampleContent({ name: 'Malware our way' }));
    if (!draft.ok) throw new Error('setup failed');
    await approvePlaybookDraft(test.env, draft.value.id);
    const second = await editPlaybookVersion(test.env, draft.value.id, sampleContent({ name: 'Malware our way', summary: 'v2' }));
    if (!second.ok) throw new Error('setup failed');
    const third = await createPlaybook(test.env, sampleContent({ name: 'Thrown away' }));
    if (third.ok) await discardDraft(test.env, third.value.id);

    const library = await readPlaybookLibrary(test.env);
    expect(library).toHaveLength(starterPlaybooks.length + 1);
    expect(library.find((playbook) => playbook.lineageId === draft.value.lineageId)).toMatchObject({ version: 1, status: 'approved' });
    expect((await readPlaybookVersions(test.env, draft.value.lineageId)).map((playbook) => [playbook.version, playbook.status])).toEqual([
      [2, 'draft'],
      [1, 'approved'],
    ]);
    const suggested = await readSuggestedPlaybooks(test.env, { kind: 'security', category: 'malware' });
    expect(suggested.map((playbook) => playbook.name)).toContain('Malware our way');
    expect(suggested.every((playbook) => playbook.status === 'approved')).toBe(true);

    const incident = await createIncident(test.env, validNewIncidentInput(test.now(), { kind: 'security', category: 'malware' }));
    if (!incident.ok) throw new Error('setup failed');
    expect(await readIncidentPlaybookProgress(test.env, incident.value.id)).toEqual([]);
    const applied = await applyPlaybookToIncident(test.env, incident.value.id, draft.value.id);
    if (!applied.ok) throw new Error('setup failed');
    await completeStep(test.env, applied.value.tasks.find((task) => task.playbookStepId === 'analyse')!.id);
    expect(await readIncidentPlaybookProgress(test.env, incident.value.id)).toMatchObject([{ playbookId: draft.value.id, total: 6, done: 1, open: 5, openDecisions: 1 }]);
  });

  it('reads one version by id and the open draft of each lineage, leaving discarded drafts out', async () => {
    const test = createTestEnvironment();
    await saveTestProfile(test.env, { name: 'Lena Lead', initials: 'LL', role: 'lead' });
    const first = await createPlaybook(test.env, sampleContent({ name: 'Malware our way' }));
    if (!first.ok) throw new Error('setup failed');
    expect(await readOpenPlaybookDrafts(test.env)).toEqual(new Map([[first.value.lineageId, first.value]]));
    await approvePlaybookDraft(test.env, first.value.id);
    expect((await readOpenPlaybookDrafts(test.env)).size).toBe(0);
    const second = await editPlaybookVersion(test.env, first.value.id, sampleContent({ name: 'Malware our way', summary: 'v2' }));
    if (!second.ok) throw new Error('setup failed');
    expect((await readOpenPlaybookDrafts(test.env)).get(first.value.lineageId)).toMatchObject({ id: second.value.id, version: 2 });
    expect(await readPlaybookVersion(test.env, first.value.id)).toMatchObject({ version: 1, status: 'approved' });

    await discardDraft(test.env, second.value.id);
    expect(await readPlaybookVersion(test.env, second.value.id)).toBeNull();
    expect(await readPlaybookVersion(test.env, 'no-such-id')).toBeNull();
    expect((await readOpenPlaybookDrafts(test.env)).size).toBe(0);
  });
});
