import { describe, expect, it } from 'vitest';
import { findPhaseGaps, isDecisionPoint, playbookPhases, suggestPlaybooks, validatePlaybook, branchStepIds, type Playbook } from '../../../../shared/domain/playbook';
import { applyPlaybook } from '../../../../shared/domain/playbookTasks';
import { missingStarterPlaybooks, starterPlaybooks } from '../../../../shared/domain/starterPlaybooks';
import { categoriesByKind, type IncidentCategory } from '../../../../shared/domain/taxonomy';
import { playbookToMarkdown } from '../../../../shared/formats/playbookMarkdown';
import { fixedNowIso, makeIncident, testUuid } from '../fixtures';
import { responder } from '../playbookFixtures';

const byName = (name: string): Playbook => {
  const playbook = starterPlaybooks.find((candidate) => candidate.name === name);
  if (!playbook) throw new Error(`no starter named ${name}`);
  return playbook;
};

const stepText = (playbook: Playbook, id: string): string => {
  const step = playbook.steps.find((candidate) => candidate.id === id);
  if (!step) throw new Error(`${playbook.name} has no step ${id}`);
  return isDecisionPoint(step) ? `${step.question}\n${step.instructions}` : `${step.title}\n${step.instructions}`;
};

describe('starterPlaybooks', () => {
  it('has the nine playbooks of the issue, one per category it serves', () => {
    expect(starterPlaybooks.map((playbook) => [playbook.name, playbook.categories])).toEqual([
      ['Ransomware', ['ransomware']],
      ['Phishing', ['phishing']],
      ['Account compromise', ['account_compromise']],
      ['Personal-data breach', ['data_breach']],
      ['Denial of service', ['denial_of_service']],
      ['Malware outbreak', ['malware']],
      ['Lost or stolen device', ['lost_or_stolen_device']],
      ['Insider misuse', ['insider_misuse']],
      ['Major service outage', ['outage', 'degradation']],
    ]);
  });

  it('gives every version and lineage its own fixed id', () => {
    const ids = starterPlaybooks.flatMap((playbook) => [playbook.id, playbook.lineageId]);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it.each(starterPlaybooks.map((playbook) => [playbook.name, playbook] as const))('%s validates, is approved version 1 and could be approved again', (_name, playbook) => {
    expect(validatePlaybook(playbook)).toEqual({ ok: true, value: playbook });
    expect(findPhaseGaps(playbook)).toEqual([]);
    expect(playbook).toMatchObject({ version: 1, status: 'approved', supersededBy: null, deletedAt: null });
  });

  it.each(starterPlaybooks.map((playbook) => [playbook.name, playbook] as const))('%s covers every phase with required work, asks at least one question, and says who does what', (_name, playbook) => {
    for (const phase of playbookPhases) expect(playbook.steps.filter((step) => step.phase === phase).length, phase).toBeGreaterThan(0);
    expect(playbook.steps.some(isDecisionPoint)).toBe(true);
    for (const step of playbook.steps) {
      expect(step.role.trim(), step.id).not.toBe('');
      if (!isDecisionPoint(step)) {
        expect(step.instructions.length, step.id).toBeGreaterThan(60);
        expect(step.expectedMinutes, step.id).not.toBeNull();
      }
    }
    // Preparation happens before the incident, so its steps may be optional; every response phase has work that must be done.
    const required = playbook.steps.filter((step) => !isDecisionPoint(step) && step.isRequired && !branchStepIds(playbook.steps).has(step.id));
    const requiredPhases = new Set(required.map((step) => step.phase));
    expect(playbookPhases.filter((phase) => phase !== 'preparation' && !requiredPhases.has(phase))).toEqual([]);
  });

  it.each(starterPlaybooks.flatMap((playbook) => playbook.categories.map((category) => [category, playbook] as const)))(
    'is suggested first for a %s incident',
    (category, playbook) => {
      const kind = (Object.keys(categoriesByKind) as Array<keyof typeof categoriesByKind>).find((candidate) => categoriesByKind[candidate].includes(category as IncidentCategory))!;
      expect(suggestPlaybooks(starterPlaybooks, { kind, category })[0]).toBe(playbook);
    },
  );

  it.each(starterPlaybooks.map((playbook) => [playbook.name, playbook] as const))('%s applies to an incident of its category and prints every step', (_name, playbook) => {
    const incident = makeIncident({ kind: playbook.kinds[0]!, category: playbook.categories[0]! });
    let next = 100_000;
    const result = applyPlaybook(playbook, incident, [], { newId: () => testUuid(++next), author: responder, deviceId: 'device-1', nowIso: fixedNowIso });
    expect(result.ok && result.value.tasks.length).toBe(playbook.steps.length - branchStepIds(playbook.steps).size);
    const markdown = playbookToMarkdown(playbook);
    expect(markdown.match(/^### ☐ /gm)).toHaveLength(playbook.steps.length);
  });

  it('states the GDPR notification duties and their deadlines in the personal-data breach playbook', () => {
    const breach = byName('Personal-data breach');
    expect(breach.summary).toMatch(/GDPR Art\. 33.*within \*\*72 hours\*\* of becoming aware/);
    expect(breach.summary).toMatch(/GDPR Art\. 34.*\*\*without undue delay\*\* when the breach is likely to result in a \*\*high\*\* risk/);
    expect(stepText(breach, 'record-awareness')).toMatch(/\*\*72 hours\*\* from this moment/);
    expect(stepText(breach, 'notify-authority')).toMatch(/^Notify the supervisory authority within 72 hours of awareness\nGDPR Art\. 33\(3\)/);
    expect(stepText(breach, 'notify-authority')).toMatch(/phases \(Art\. 33\(4\)\).*reasons for the delay/s);
    expect(stepText(breach, 'notify-people')).toMatch(/GDPR Art\. 34/);
    expect(stepText(breach, 'breach-register')).toMatch(/Art\. 33\(5\)/);
    const riskQuestion = breach.steps.find((step) => step.id === 'notify-authority-needed');
    expect(riskQuestion && isDecisionPoint(riskQuestion) && riskQuestion.branches.map((branch) => [branch.label, branch.stepIds])).toEqual([
      ['Yes', ['notify-authority']],
      ['No', ['record-no-notification']],
    ]);
    const processor = breach.steps.find((step) => step.id === 'controller-or-processor');
    expect(processor && isDecisionPoint(processor) && processor.branches.find((branch) => branch.id === 'processor')?.stepIds).toEqual(['tell-controller']);
  });

  it('hands personal-data questions from other playbooks to the breach playbook', () => {
    for (const [name, stepId] of [
      ['Ransomware', 'breach-assessment'],
      ['Lost or stolen device', 'device-breach'],
      ['Insider misuse', 'insider-breach'],
      ['Account compromise', 'assess-data-seen'],
    ] as const) {
      expect(stepText(byName(name), stepId), name).toMatch(/Personal-data breach playbook/);
    }
  });
});

describe('missingStarterPlaybooks', () => {
  it('offers all starters to an empty library and none that a lineage already covers', () => {
    expect(missingStarterPlaybooks([])).toEqual(starterPlaybooks);
    const [first, second] = starterPlaybooks;
    const revised = { ...first!, id: testUuid(), version: 2 };
    const retired = { ...second!, status: 'retired' as const };
    expect(missingStarterPlaybooks([revised, retired]).map((playbook) => playbook.name)).toEqual(starterPlaybooks.slice(2).map((playbook) => playbook.name));
  });
});
