import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  approvePlaybook,
  canApprovePlaybooks,
  canProposePlaybooks,
  createPlaybookDraft,
  currentVersions,
  discardPlaybookDraft,
  editPlaybook,
  findPhaseGaps,
  retirePlaybook,
  suggestPlaybooks,
  validatePlaybook,
  validatePlaybookContent,
  type Playbook,
  type PlaybookActor,
  type PlaybookContent,
} from '../../../../shared/domain/playbook';
import { appRoles, type AppRole } from '../../../../shared/domain/people';
import { fixedNowIso, isoAt, minute, testUuid } from '../fixtures';
import { actionStep, decisionPoint, lead, makePlaybook, responder, sampleContent } from '../playbookFixtures';

const leadActor: PlaybookActor = { person: lead, role: 'lead' };
const responderActor: PlaybookActor = { person: responder, role: 'responder' };

function errorsOf(result: { ok: boolean; errors?: Record<string, string> }): Record<string, string> {
  expect(result.ok).toBe(false);
  return result.errors ?? {};
}

describe('validatePlaybookContent', () => {
  it('accepts a playbook with nested decision points', () => {
    const content = sampleContent();
    expect(validatePlaybookContent(content)).toEqual({ ok: true, value: content });
  });

  it('names a step id used twice, with both positions', () => {
    const content = sampleContent();
    content.steps.push(actionStep('analyse', 'post_incident'));
    expect(errorsOf(validatePlaybookContent(content))).toEqual({ 'steps.10.id': 'The id "analyse" is used by steps 2 and 11; each step needs its own id' });
  });

  it('refuses a branch that points to a step that does not exist', () => {
    const content = sampleContent();
    content.steps[2] = decisionPoint('spread', 'containment', [
      { id: 'yes', label: 'Yes', stepIds: ['isolate', 'backups', 'ghost'] },
      { id: 'no', label: 'No', stepIds: [] },
    ]);
    expect(errorsOf(validatePlaybookContent(content))).toEqual({
      'steps.2.branches.0.stepIds': 'The answer "Yes" of "Question spread?" points to a step "ghost" that does not exist',
    });
  });

  it('refuses a branch that points backwards, which would let a playbook loop', () => {
    const content = sampleContent();
    content.steps[4] = decisionPoint('backups', 'eradication_recovery', [
      { id: 'yes', label: 'Yes', stepIds: ['restore'] },
      { id: 'no', label: 'No', stepIds: ['analyse'] },
    ]);
    expect(errorsOf(validatePlaybookContent(content))['steps.4.branches.1.stepIds']).toBe(
      'The answer "No" of "Question backups?" points to the step "Do analyse", which comes before the question; a branch\'s steps must follow it',
    );
  });

  it('refuses a step claimed by two answers', () => {
    const content = sampleContent();
    content.steps[4] = decisionPoint('backups', 'eradication_recovery', [
      { id: 'yes', label: 'Yes', stepIds: ['restore'] },
      { id: 'no', label: 'No', stepIds: ['restore'] },
    ]);
    expect(errorsOf(validatePlaybookContent(content))['steps.4.branches.1.stepIds']).toBe(
      'The step "restore" belongs to both the answer "Yes" of "Question backups?" and the answer "No" of "Question backups?"; a step can belong to one answer only',
    );
  });

  it('refuses answers that share an id or a label, and a question with one answer', () => {
    const twins = sampleContent();
    twins.steps[2] = decisionPoint('spread', 'containment', [
      { id: 'yes', label: 'Yes', stepIds: [] },
      { id: 'yes', label: 'yes', stepIds: [] },
    ]);
    expect(errorsOf(validatePlaybookContent(twins))).toMatchObject({
      'steps.2.branches.1.id': 'Two answers of "Question spread?" share the id "yes"',
      'steps.2.branches.1.label': 'Two answers of "Question spread?" are both "yes"',
    });
    const lonely = sampleContent();
    lonely.steps[2] = decisionPoint('spread', 'containment', [{ id: 'yes', label: 'Yes', stepIds: [] }]);
    expect(errorsOf(validatePlaybookContent(lonely))).toEqual({ 'steps.2.branches': 'A question needs at least two answers' });
  });

  it('refuses categories that do not belong to the chosen kinds', () => {
    expect(errorsOf(validatePlaybookContent(sampleContent({ kinds: ['service'], categories: ['outage', 'ransomware'] })))).toEqual({
      'categories.1': 'The category "ransomware" does not belong to the kinds chosen (service)',
    });
    expect(validatePlaybookContent(sampleContent({ kinds: ['service', 'security'], categories: ['outage', 'ransomware'] })).ok).toBe(true);
  });

  it('refuses content that would add nothing when applied', () => {
    const onlyQuestions = sampleContent({
      steps: [decisionPoint('q', 'containment', [{ id: 'yes', label: 'Yes', stepIds: [] }, { id: 'no', label: 'No', stepIds: [] }])],
    });
    expect(errorsOf(validatePlaybookContent(onlyQuestions))).toEqual({ steps: 'Add at least one step that is not a question' });
    expect(errorsOf(validatePlaybookContent(sampleContent({ steps: [] })))).toEqual({ steps: 'Add at least one step' });
  });

  it.each([
    ['a script link', { links: [{ label: 'x', url: 'javascript:alert(1)' }] }, 'steps.0.links.0.url', 'A link must start with https://, http:// or mailto:'],
    ['an empty title', { title: '  ' }, 'steps.0.title', 'Give the step a title'],
    ['a zero duration', { expectedMinutes: 0 }, 'steps.0.expectedMinutes', 'Expected duration is at least a minute'],
    ['a bad id', { id: 'has space' }, 'steps.0.id', 'A step id is 1 to 64 letters, digits, dots, colons, dashes or underscores'],
  ])('refuses %s with a message on the field', (_label, patch, field, message) => {
    const content = sampleContent();
    content.steps[0] = { ...actionStep('prepare', 'preparation'), ...patch };
    expect(errorsOf(validatePlaybookContent(content))[field]).toBe(message);
  });

  it('accepts 300 steps and refuses 301', () => {
    const steps = (count: number) => Array.from({ length: count }, (_, index) => actionStep(`s${index}`, 'containment'));
    expect(validatePlaybookContent(sampleContent({ steps: steps(300) })).ok).toBe(true);
    expect(errorsOf(validatePlaybookContent(sampleContent({ steps: steps(301) })))).toEqual({ steps: 'A playbook has at most 300 steps' });
  });
});

describe('findPhaseGaps', () => {
  it('names each response phase that has no step, in phase order; preparation may be empty', () => {
    expect(findPhaseGaps(sampleContent())).toEqual([]);
    const noPrep = sampleContent();
    noPrep.steps = noPrep.steps.filter((step) => step.phase !== 'preparation');
    expect(findPhaseGaps(noPrep)).toEqual([]);
    const thin = sampleContent({ steps: [actionStep('a', 'detection_analysis'), actionStep('b', 'containment')] });
    expect(findPhaseGaps(thin)).toEqual(['eradication_recovery', 'post_incident']);
  });
});

describe('validatePlaybook', () => {
  it('accepts consistent records and refuses status and approval fields that disagree', () => {
    expect(validatePlaybook(makePlaybook()).ok).toBe(true);
    expect(errorsOf(validatePlaybook(makePlaybook({ approvedAt: null })))).toEqual({ approvedAt: 'An approved playbook records who approved it and when' });
    expect(errorsOf(validatePlaybook(makePlaybook({ status: 'draft' })))).toEqual({ approvedAt: 'A draft has not been approved yet' });
    expect(errorsOf(validatePlaybook(makePlaybook({ status: 'retired' })))).toEqual({ retiredAt: 'A retired playbook records when it was retired' });
    expect(errorsOf(validatePlaybook(makePlaybook({ supersededBy: testUuid() })))).toEqual({ retiredAt: 'Only a retired playbook has a retirement time or a successor' });
  });
});

describe('who may do what', () => {
  const expected: Record<AppRole, [propose: boolean, approve: boolean]> = {
    responder: [true, false],
    lead: [true, true],
    trainer: [true, false],
    viewer: [false, false],
    admin: [true, true],
  };
  it.each(appRoles)('%s', (role) => {
    expect([canProposePlaybooks(role), canApprovePlaybooks(role)]).toEqual(expected[role]);
  });
});

describe('versioning', () => {
  const newDraft = (actor = responderActor) => createPlaybookDraft(sampleContent(), { id: testUuid(), lineageId: testUuid(), actor, nowIso: fixedNowIso });

  it('creates draft version 1 for a responder and refuses a viewer', () => {
    const created = newDraft();
    expect(created.ok && created.value).toMatchObject({ version: 1, status: 'draft', createdBy: responder, approvedAt: null, name: 'Sample response' });
    expect(errorsOf(newDraft({ person: responder, role: 'viewer' }))).toEqual({ form: 'Viewers cannot write playbooks; ask a responder or a lead' });
  });

  it('edits a draft in place', () => {
    const draft = makePlaybook({ status: 'draft', approvedAt: null, approvedBy: null });
    const edited = editPlaybook(draft, sampleContent({ name: 'Renamed' }), { lineage: [draft], newId: testUuid(), actor: responderActor, nowIso: fixedNowIso });
    expect(edited.ok && edited.value).toEqual({ ...draft, name: 'Renamed', updatedAt: fixedNowIso });
  });

  it('turns an edit of an approved version into a new draft version and leaves the approved one untouched', () => {
    const approved = makePlaybook({ version: 2 });
    const older = makePlaybook({ lineageId: approved.lineageId, version: 1, status: 'retired', retiredAt: isoAt(-minute), supersededBy: approved.id });
    const snapshot = structuredClone(approved);
    const newId = testUuid();
    const edited = editPlaybook(approved, sampleContent({ name: 'Better' }), { lineage: [older, approved], newId, actor: responderActor, nowIso: fixedNowIso });
    expect(edited.ok && edited.value).toMatchObject({
      id: newId,
      lineageId: approved.lineageId,
      version: 3,
      status: 'draft',
      name: 'Better',
      createdBy: responder,
      createdAt: fixedNowIso,
      approvedAt: null,
      approvedBy: null,
    });
    expect(approved).toEqual(snapshot);
  });

  it('refuses a second open draft, an edit of a retired version, and bad content', () => {
    const approved = makePlaybook();
    const draft = makePlaybook({ lineageId: approved.lineageId, version: 2, status: 'draft', approvedAt: null, approvedBy: null });
    const context = { lineage: [approved, draft], newId: testUuid(), actor: responderActor, nowIso: fixedNowIso };
    expect(errorsOf(editPlaybook(approved, sampleContent(), context))).toEqual({
      form: 'Version 2 of "Sample response" is already a draft; edit that draft instead of starting another',
    });
    const retired = makePlaybook({ status: 'retired', retiredAt: fixedNowIso });
    expect(errorsOf(editPlaybook(retired, sampleContent(), context)).form).toMatch(/^Version 1 of "Sample response" is retired/);
    expect(errorsOf(editPlaybook(draft, { ...sampleContent(), name: '' }, context))).toEqual({ name: 'Name the playbook' });
  });

  it('approves a draft and retires the version it supersedes, returning both rows', () => {
    const previous = makePlaybook({ version: 1 });
    const draft = makePlaybook({ lineageId: previous.lineageId, version: 2, status: 'draft', approvedAt: null, approvedBy: null });
    const result = approvePlaybook(draft, { lineage: [previous, draft], actor: leadActor, nowIso: fixedNowIso });
    expect(result.ok && result.value).toEqual([
      { ...draft, status: 'approved', approvedAt: fixedNowIso, approvedBy: lead, updatedAt: fixedNowIso },
      { ...previous, status: 'retired', retiredAt: fixedNowIso, supersededBy: draft.id, updatedAt: fixedNowIso },
    ]);
  });

  it('lets only leads and admins approve, and only drafts; a short playbook with phase gaps is still approvable', () => {
    const draft = makePlaybook({ status: 'draft', approvedAt: null, approvedBy: null });
    expect(errorsOf(approvePlaybook(draft, { lineage: [draft], actor: responderActor, nowIso: fixedNowIso }))).toEqual({
      form: 'Only a team lead or an administrator can approve a playbook',
    });
    expect(approvePlaybook(draft, { lineage: [draft], actor: { person: lead, role: 'admin' }, nowIso: fixedNowIso }).ok).toBe(true);
    const thin = { ...draft, steps: [actionStep('a', 'detection_analysis')] };
    expect(approvePlaybook(thin, { lineage: [thin], actor: leadActor, nowIso: fixedNowIso }).ok).toBe(true);
    const approved = makePlaybook();
    expect(errorsOf(approvePlaybook(approved, { lineage: [approved], actor: leadActor, nowIso: fixedNowIso }))).toEqual({
      form: 'Version 1 of "Sample response" is approved, not a draft',
    });
  });

  it('refuses to approve a draft when an equal or newer version was approved meanwhile', () => {
    const elsewhere = makePlaybook({ version: 2 });
    const draft = makePlaybook({ lineageId: elsewhere.lineageId, version: 2, status: 'draft', approvedAt: null, approvedBy: null });
    expect(errorsOf(approvePlaybook(draft, { lineage: [elsewhere, draft], actor: leadActor, nowIso: fixedNowIso }))).toEqual({
      form: 'Version 2 of "Sample response" was approved meanwhile; start a new draft from it and carry these changes over',
    });
  });

  it('retires an approved version and discards drafts; neither works the other way round', () => {
    const approved = makePlaybook();
    const draft = makePlaybook({ status: 'draft', approvedAt: null, approvedBy: null });
    expect(retirePlaybook(approved, { actor: leadActor, nowIso: fixedNowIso })).toEqual({
      ok: true,
      value: { ...approved, status: 'retired', retiredAt: fixedNowIso, updatedAt: fixedNowIso },
    });
    expect(errorsOf(retirePlaybook(approved, { actor: responderActor, nowIso: fixedNowIso })).form).toBe('Only a team lead or an administrator can retire a playbook');
    expect(errorsOf(retirePlaybook(draft, { actor: leadActor, nowIso: fixedNowIso })).form).toBe('Only an approved playbook can be retired; this one is draft');
    expect(discardPlaybookDraft(draft, { actor: responderActor, nowIso: fixedNowIso })).toEqual({
      ok: true,
      value: { ...draft, deletedAt: fixedNowIso, updatedAt: fixedNowIso },
    });
    expect(errorsOf(discardPlaybookDraft(approved, { actor: leadActor, nowIso: fixedNowIso })).form).toBe(
      'Only a draft can be discarded; retire an approved playbook instead',
    );
  });

  it('property: any run of edits and approvals keeps one approved version, unique increasing numbers and a successor chain', () => {
    type Operation = { kind: 'edit'; name: string } | { kind: 'approve' } | { kind: 'discard' };
    const operation = fc.oneof(
      fc.record({ kind: fc.constant('edit' as const), name: fc.string({ minLength: 1, maxLength: 20 }).filter((name) => name.trim() !== '') }),
      fc.constant({ kind: 'approve' as const }),
      fc.constant({ kind: 'discard' as const }),
    );
    fc.assert(
      fc.property(fc.array(operation, { maxLength: 25 }), (operations: Operation[]) => {
        let counter = 0;
        const nextId = () => testUuid(1_000_000 + ++counter);
        const first = createPlaybookDraft(sampleContent(), { id: nextId(), lineageId: testUuid(999), actor: responderActor, nowIso: fixedNowIso });
        if (!first.ok) throw new Error('the sample must be valid');
        let rows = new Map<string, Playbook>([[first.value.id, first.value]]);
        const write = (changed: Playbook[]) => {
          rows = new Map(rows);
          for (const row of changed) rows.set(row.id, row);
        };
        for (const step of operations) {
          const lineage = [...rows.values()];
          const live = lineage.filter((row) => row.deletedAt === null);
          const target = live.find((row) => row.status === 'draft') ?? live.find((row) => row.status === 'approved');
          if (!target) continue;
          if (step.kind === 'edit') {
            const content: PlaybookContent = { ...sampleContent(), name: step.name.trim() };
            const result = editPlaybook(target, content, { lineage, newId: nextId(), actor: responderActor, nowIso: fixedNowIso });
            if (result.ok) write([result.value]);
          } else if (step.kind === 'approve') {
            const result = approvePlaybook(target, { lineage, actor: leadActor, nowIso: fixedNowIso });
            if (result.ok) write(result.value);
          } else {
            const result = discardPlaybookDraft(target, { actor: responderActor, nowIso: fixedNowIso });
            if (result.ok) write([result.value]);
          }
        }
        const all = [...rows.values()];
        const live = all.filter((row) => row.deletedAt === null);
        expect(live.filter((row) => row.status === 'approved').length).toBeLessThanOrEqual(1);
        expect(live.filter((row) => row.status === 'draft').length).toBeLessThanOrEqual(1);
        const versions = all.map((row) => row.version);
        expect(new Set(versions).size).toBe(versions.length);
        for (const row of all) {
          expect(validatePlaybook(row).ok).toBe(true);
          if (row.supersededBy !== null) expect(rows.get(row.supersededBy)!.version).toBeGreaterThan(row.version);
        }
      }),
    );
  });
});

describe('currentVersions and suggestPlaybooks', () => {
  const lineage = testUuid();
  const retiredV1 = makePlaybook({ lineageId: lineage, version: 1, status: 'retired', retiredAt: fixedNowIso, name: 'Malware outbreak' });
  const approvedV2 = makePlaybook({ lineageId: lineage, version: 2, name: 'Malware outbreak' });
  const draftV3 = makePlaybook({ lineageId: lineage, version: 3, status: 'draft', approvedAt: null, approvedBy: null, name: 'Malware outbreak' });
  const general = makePlaybook({ name: 'Any security incident' }, { categories: [] });
  const otherCategory = makePlaybook({ name: 'Phishing' }, { categories: ['phishing'] });
  const serviceGeneral = makePlaybook({ name: 'Any service incident' }, { kinds: ['service'], categories: [] });
  const onlyDraft = makePlaybook({ status: 'draft', approvedAt: null, approvedBy: null, name: 'Worm (draft)' });
  const discarded = makePlaybook({ status: 'draft', approvedAt: null, approvedBy: null, deletedAt: fixedNowIso, name: 'Discarded' });
  const all = [draftV3, retiredV1, approvedV2, general, otherCategory, serviceGeneral, onlyDraft, discarded];

  it('shows one version per playbook: approved, else the newest draft', () => {
    expect(currentVersions(all).map((playbook) => [playbook.name, playbook.version, playbook.status])).toEqual([
      ['Any security incident', 1, 'approved'],
      ['Any service incident', 1, 'approved'],
      ['Malware outbreak', 2, 'approved'],
      ['Phishing', 1, 'approved'],
      ['Worm (draft)', 1, 'draft'],
    ]);
  });

  it('suggests approved playbooks for the category first, then general ones for the kind', () => {
    expect(suggestPlaybooks(all, { kind: 'security', category: 'malware' }).map((playbook) => playbook.name)).toEqual(['Malware outbreak', 'Any security incident']);
    expect(suggestPlaybooks(all, { kind: 'service', category: 'outage' }).map((playbook) => playbook.name)).toEqual(['Any service incident']);
    expect(suggestPlaybooks([retiredV1, draftV3], { kind: 'security', category: 'malware' })).toEqual([]);
  });
});
