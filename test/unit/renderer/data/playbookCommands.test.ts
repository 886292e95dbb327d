/**
 * Playbook library commands on a real (fake-indexeddb) database: each change lands in the table
 * and the outbox together; roles the domain refuses, bad input and bad files change nothing;
 * approval writes both versions; seeding is idempotent and never overwrites a team's version.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  approvePlaybookDraft,
  createPlaybook,
  discardDraft,
  editPlaybookVersion,
  importCacaoFile,
  importPlaybookFile,
  retirePlaybookVersion,
  seedStarterPlaybooks,
} from '../../../../renderer/data/playbookCommands';
import { applyPulledPage } from '../../../../renderer/data/syncStore';
import { starterPlaybookStamp, starterPlaybooks } from '../../../../shared/domain/starterPlaybooks';
import { exportPlaybookFile } from '../../../../shared/formats/playbookJson';
import { createTestEnvironment, databaseText, minute, saveTestProfile, type TestEnvironment } from '../../../support/dataEnvironment';
import { makePlaybook, sampleContent } from '../../shared/playbookFixtures';

const leadProfile = { name: 'Lena Lead', initials: 'LL', role: 'lead' } as const;
const responderProfile = { name: 'Ada Responder', initials: 'AR', role: 'responder' } as const;
const viewerProfile = { name: 'Vic Viewer', initials: 'VV', role: 'viewer' } as const;

async function device(profile: { name: string; initials: string; role: string } = leadProfile): Promise<TestEnvironment> {
  const test = createTestEnvironment();
  await saveTestProfile(test.env, profile);
  return test;
}

async function draftOn(test: TestEnvironment) {
  const created = await createPlaybook(test.env, sampleContent());
  if (!created.ok) throw new Error(`setup failed: ${JSON.stringify(created.errors)}`);
  return created.value;
}

describe('drafts, edits and approval', () => {
  it('creates draft version 1 with its row and one outbox insert', async () => {
    const test = await device(responderProfile);
    const draft = await draftOn(test);
    expect(draft).toMatchObject({ version: 1, status: 'draft', name: 'Sample response', createdBy: { name: 'Ada Responder' }, approvedAt: null });
    expect((await test.db.playbooks.get(draft.id))!.lineageId).toBe(draft.lineageId);
    expect((await test.db.outbox.toArray()).map((row) => [row.table, row.rowId, row.operation])).toEqual([['playbooks', draft.id, 'insert']]);
  });

  it('refuses bad content, a viewer and a missing profile, writing nothing', async () => {
    const test = await device(viewerProfile);
    const before = await databaseText(test.db);
    expect(await createPlaybook(test.env, sampleContent())).toEqual({ ok: false, errors: { form: 'Viewers cannot write playbooks; ask a responder or a lead' } });
    await saveTestProfile(test.env, responderProfile);
    const withProfile = await databaseText(test.db);
    expect(await createPlaybook(test.env, sampleContent({ name: ' ' }))).toEqual({ ok: false, errors: { name: 'Name the playbook' } });
    expect((await createPlaybook(test.env, 'not a playbook')).ok).toBe(false);
    expect(await databaseText(test.db)).toBe(withProfile);
    expect(before).not.toBe(withProfile);
    const noProfile = createTestEnvironment();
    expect(await createPlaybook(noProfile.env, sampleContent())).toEqual({ ok: false, errors: { form: 'Set up your profile first: every change records who made it.' } });
  });

  it('edits a draft in place, approves it (lead only), then an edit starts version 2 and approving it retires version 1 in the same command', async () => {
    const test = await device(leadProfile);
    const draft = await draftOn(test);
    test.advance(minute);
    const edited = await editPlaybookVersion(test.env, draft.id, sampleContent({ summary: 'Revised' }));
    expect(edited).toMatchObject({ ok: true, value: { id: draft.id, version: 1, summary: 'Revised' } });

    const approved = await approvePlaybookDraft(test.env, draft.id);
    expect(approved).toMatchObject({ ok: true, value: { id: draft.id, status: 'approved', approvedBy: { name: 'Lena Lead' } } });

    test.advance(minute);
    const second = await editPlaybookVersion(test.env, draft.id, sampleContent({ summary: 'Version two' }));
    if (!second.ok) throw new Error('edit failed');
    expect(second.value).toMatchObject({ version: 2, status: 'draft', lineageId: draft.lineageId });
    expect(second.value.id).not.toBe(draft.id);
    expect((await test.db.playbooks.get(draft.id))!.status).toBe('approved');

    // Only one open draft per lineage.
    const before = await databaseText(test.db);
    const fork = await editPlaybookVersion(test.env, draft.id, sampleContent({ summary: 'Fork' }));
    expect(fork.ok).toBe(false);
    expect(await databaseText(test.db)).toBe(before);

    const outboxBefore = await test.db.outbox.count();
    test.advance(minute);
    expect((await approvePlaybookDraft(test.env, second.value.id)).ok).toBe(true);
    expect(await test.db.playbooks.get(draft.id)).toMatchObject({ status: 'retired', supersededBy: second.value.id });
    expect(await test.db.playbooks.get(second.value.id)).toMatchObject({ status: 'approved' });
    const queued = (await test.db.outbox.toArray()).slice(outboxBefore);
    expect(queued.map((row) => row.rowId).sort()).toEqual([draft.id, second.value.id].sort());
    expect(new Set(queued.map((row) => row.hlc)).size).toBe(1);
  });

  it('refuses approval by a responder, and of anything but a live draft, writing nothing', async () => {
    const responderDevice = await device(responderProfile);
    const draft = await draftOn(responderDevice);
    const before = await databaseText(responderDevice.db);
    expect(await approvePlaybookDraft(responderDevice.env, draft.id)).toEqual({ ok: false, errors: { form: 'Only a team lead or an administrator can approve a playbook' } });
    expect(await retirePlaybookVersion(responderDevice.env, draft.id)).toEqual({ ok: false, errors: { form: 'Only a team lead or an administrator can retire a playbook' } });
    expect(await approvePlaybookDraft(responderDevice.env, 'missing')).toMatchObject({ ok: false });
    expect(await databaseText(responderDevice.db)).toBe(before);

    // A short playbook (one phase) is approvable: phase gaps are a note for the approver, not a refusal.
    const leadDevice = await device(leadProfile);
    const thin = await createPlaybook(leadDevice.env, sampleContent({ steps: [sampleContent().steps[1]!] }));
    if (!thin.ok) throw new Error('setup failed');
    expect(await approvePlaybookDraft(leadDevice.env, thin.value.id)).toMatchObject({ ok: true, value: { status: 'approved' } });
    const leadBefore = await databaseText(leadDevice.db);
    expect(await approvePlaybookDraft(leadDevice.env, thin.value.id)).toMatchObject({ ok: false, errors: { form: expect.stringMatching(/is approved, not a draft$/) } });
    expect(await databaseText(leadDevice.db)).toBe(leadBefore);
  });

  it('retires an approved version and discards a draft as a tombstone', async () => {
    const test = await device(leadProfile);
    const draft = await draftOn(test);
    await approvePlaybookDraft(test.env, draft.id);
    expect(await retirePlaybookVersion(test.env, draft.id)).toMatchObject({ ok: true, value: { status: 'retired', supersededBy: null } });

    const other = await draftOn(test);
    expect(await discardDraft(test.env, other.id)).toMatchObject({ ok: true, value: { deletedAt: new Date(test.now()).toISOString() } });
    expect((await test.db.outbox.toArray()).at(-1)).toMatchObject({ rowId: other.id, operation: 'delete' });
    const before = await databaseText(test.db);
    expect(await discardDraft(test.env, other.id)).toEqual({ ok: false, errors: { form: 'This draft was already discarded' } });
    expect(await discardDraft(test.env, draft.id)).toEqual({ ok: false, errors: { form: 'Only a draft can be discarded; retire an approved playbook instead' } });
    expect(await databaseText(test.db)).toBe(before);
  });
});

describe('imports', () => {
  it('imports a Firebreak file as new drafts, one per lineage, with warnings', async () => {
    const test = await device(responderProfile);
    const approved = makePlaybook();
    const older = makePlaybook({ lineageId: approved.lineageId, version: 0 + 1, status: 'retired', retiredAt: approved.approvedAt, supersededBy: approved.id });
    const newer = { ...approved, version: 2 };
    const file = exportPlaybookFile([older, newer], new Date(test.now()).toISOString());
    const result = await importPlaybookFile(test.env, file);
    if (!result.ok) throw new Error(JSON.stringify(result.errors));
    expect(result.value.playbooks).toHaveLength(1);
    expect(result.value.playbooks[0]).toMatchObject({ status: 'draft', version: 1, owner: { name: 'Ada Responder' } });
    expect(result.value.playbooks[0]!.lineageId).not.toBe(approved.lineageId);
    expect(result.value.warnings).toEqual([
      '1 older or discarded version was left out: each playbook is imported from its current version.',
      '"Sample response" was approved in the file; it is imported as a draft for a lead to review.',
    ]);
    expect(await test.db.playbooks.count()).toBe(1);
    expect(await test.db.outbox.count()).toBe(1);
  });

  it('refuses a bad file whole, and a viewer, writing nothing', async () => {
    const test = await device(responderProfile);
    const before = await databaseText(test.db);
    const good = makePlaybook();
    const bad = { ...makePlaybook(), steps: [] };
    const result = await importPlaybookFile(test.env, exportPlaybookFile([good, bad as never], new Date(test.now()).toISOString()));
    expect(result).toMatchObject({ ok: false, errors: { file: expect.stringMatching(/^Playbook 2 \("Sample response"\) is not valid: steps: .*Nothing was imported\.$/) } });
    expect(await importPlaybookFile(test.env, '{')).toMatchObject({ ok: false, errors: { file: expect.stringContaining('not valid JSON') } });
    expect(await importCacaoFile(test.env, '{}')).toMatchObject({ ok: false, errors: { file: expect.any(String) } });
    expect(await databaseText(test.db)).toBe(before);
    const viewer = await device(viewerProfile);
    const viewerBefore = await databaseText(viewer.db);
    expect(await importPlaybookFile(viewer.env, exportPlaybookFile([good], new Date(test.now()).toISOString()))).toMatchObject({ ok: false, errors: { file: expect.stringContaining('cannot add playbooks') } });
    expect(await databaseText(viewer.db)).toBe(viewerBefore);
  });

  it('imports a CACAO playbook as a draft with its warnings', async () => {
    const test = await device(responderProfile);
    const text = readFileSync('test/fixtures/cacao/lax.json', 'utf8');
    const result = await importCacaoFile(test.env, text);
    if (!result.ok) throw new Error(JSON.stringify(result.errors));
    expect(result.value.playbooks[0]).toMatchObject({ status: 'draft', version: 1 });
    expect(result.value.warnings.length).toBeGreaterThan(0);
    expect(await test.db.playbooks.get(result.value.playbooks[0]!.id)).toBeDefined();
    expect((await test.db.outbox.toArray()).map((row) => row.table)).toEqual(['playbooks']);
  });
});

describe('starter playbooks', () => {
  it('seeds every starter once, local-only with the fixed starter stamp, for any role', async () => {
    const test = await device(viewerProfile);
    expect(await seedStarterPlaybooks(test.env)).toHaveLength(starterPlaybooks.length);
    const after = await databaseText(test.db);
    expect(await seedStarterPlaybooks(test.env)).toEqual([]);
    expect(await databaseText(test.db)).toBe(after);
    expect(await test.db.outbox.count()).toBe(0);
    const stored = (await test.db.playbooks.get(starterPlaybooks[0]!.id))!;
    expect(new Set(Object.values(stored.fieldStamps))).toEqual(new Set([starterPlaybookStamp]));
  });

  it("cannot overwrite a team's newer version: a known lineage is left alone, and a real edit beats the shipped text field by field", async () => {
    // Device A seeds, then a lead revises the ransomware starter (version 2 approved, version 1 retired).
    const a = await device(leadProfile);
    await seedStarterPlaybooks(a.env);
    const starter = starterPlaybooks[0]!;
    const revised = await editPlaybookVersion(a.env, starter.id, { ...sampleContent(), name: 'Ransomware (our way)' });
    if (!revised.ok) throw new Error(JSON.stringify(revised.errors));
    await approvePlaybookDraft(a.env, revised.value.id);

    // Device B has pulled that work before it ever seeded: seeding adds the other starters only.
    const b = await device(responderProfile);
    const rows = [(await a.db.playbooks.get(starter.id))!, (await a.db.playbooks.get(revised.value.id))!].map((row, index) => {
      const { fieldStamps, localSeq: _localSeq, ...fields } = row;
      return { table: 'playbooks' as const, rowId: row.id, teamId: 'team-1', seq: index + 1, fields, stamps: fieldStamps, authors: {}, isDeleted: false };
    });
    await applyPulledPage(b.env, rows, 2);
    const seeded = await seedStarterPlaybooks(b.env);
    expect(seeded.map((playbook) => playbook.id)).not.toContain(starter.id);
    expect(seeded).toHaveLength(starterPlaybooks.length - 1);
    expect(await b.db.playbooks.get(starter.id)).toMatchObject({ status: 'retired', supersededBy: revised.value.id });

    // Device C seeded first; the same pull then wins over its shipped row field by field.
    const c = await device(responderProfile);
    await seedStarterPlaybooks(c.env);
    await applyPulledPage(c.env, rows, 2);
    expect(await c.db.playbooks.get(starter.id)).toMatchObject({ status: 'retired', supersededBy: revised.value.id });
    expect(await c.db.playbooks.get(revised.value.id)).toMatchObject({ status: 'approved', name: 'Ransomware (our way)' });
  });
});
