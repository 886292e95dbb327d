import { describe, expect, it } from 'vitest';
import { injectChannels, validateScenario } from '../../../../shared/domain/exerciseScenario';
import { starterPlaybooks } from '../../../../shared/domain/starterPlaybooks';
import { missingStarterScenarios, starterPlaybookLineages, starterScenarios } from '../../../../shared/domain/starterScenarios';

describe('starterScenarios', () => {
  it('are six valid scenarios with fixed, distinct ids', () => {
    expect(starterScenarios).toHaveLength(6);
    for (const scenario of starterScenarios) expect(validateScenario(scenario), scenario.title).toEqual({ ok: true, value: scenario });
    expect(new Set(starterScenarios.map((scenario) => scenario.id)).size).toBe(6);
    expect(new Set(starterScenarios.map((scenario) => scenario.lineageId)).size).toBe(6);
    expect(starterScenarios[0]!.id).toBe('01941f29-7c00-7000-8000-000000030001');
  });

  it('each have 8 to 15 injects on varied channels, points on every inject and some automatic checks', () => {
    for (const scenario of starterScenarios) {
      expect(scenario.injects.length, scenario.title).toBeGreaterThanOrEqual(8);
      expect(scenario.injects.length, scenario.title).toBeLessThanOrEqual(15);
      expect(new Set(scenario.injects.map((inject) => inject.channel)).size, scenario.title).toBeGreaterThanOrEqual(5);
      expect(scenario.injects.every((inject) => inject.expectedActions.some((action) => action.points > 0)), scenario.title).toBe(true);
      const checks = scenario.injects.flatMap((inject) => inject.expectedActions.map((action) => action.check)).filter((check) => check !== null);
      expect(checks.map((check) => check.kind), scenario.title).toEqual(expect.arrayContaining(['incident_created', 'playbook_applied', 'containment_recorded']));
      expect(scenario.injects.some((inject) => inject.release.kind === 'after'), scenario.title).toBe(true);
      expect(scenario.injects.some((inject) => inject.release.kind === 'manual'), scenario.title).toBe(true);
      for (const objective of scenario.objectives) {
        expect(scenario.injects.some((inject) => inject.expectedActions.some((action) => action.objectiveId === objective.id)), `${scenario.title}: ${objective.id}`).toBe(true);
      }
    }
    expect(new Set(starterScenarios.flatMap((scenario) => scenario.injects.map((inject) => inject.channel)))).toEqual(new Set(injectChannels));
  });

  it('refer only to starter playbooks that exist, and link the ones their checks use', () => {
    const lineages = new Set(starterPlaybooks.map((playbook) => playbook.lineageId));
    for (const lineageId of Object.values(starterPlaybookLineages)) expect(lineages.has(lineageId)).toBe(true);
    for (const scenario of starterScenarios) {
      for (const lineageId of scenario.linkedPlaybookLineageIds) expect(lineages.has(lineageId)).toBe(true);
      for (const inject of scenario.injects) {
        for (const action of inject.expectedActions) {
          if (action.check?.kind === 'playbook_applied') expect(scenario.linkedPlaybookLineageIds, `${scenario.title}: ${action.description}`).toContain(action.check.playbookLineageId);
        }
      }
    }
    expect(starterScenarios[0]!.linkedPlaybookLineageIds).toContain(starterPlaybookLineages.ransomware);
  });

  it('check task titles that a step of a linked playbook really has', () => {
    for (const scenario of starterScenarios) {
      const titles = starterPlaybooks
        .filter((playbook) => scenario.linkedPlaybookLineageIds.includes(playbook.lineageId))
        .flatMap((playbook) => playbook.steps.map((step) => (step.kind === 'action' ? step.title : step.question).toLowerCase()));
      for (const inject of scenario.injects) {
        for (const action of inject.expectedActions) {
          if (action.check?.kind === 'task_completed') {
            const words = action.check.titleIncludes.toLowerCase();
            expect(titles.some((title) => title.includes(words)), `${scenario.title}: "${action.check.titleIncludes}"`).toBe(true);
          }
        }
      }
    }
  });

  it('seeds only lineages a device has never seen', () => {
    expect(missingStarterScenarios([])).toHaveLength(6);
    expect(missingStarterScenarios([{ lineageId: starterScenarios[1]!.lineageId }]).map((scenario) => scenario.title)).not.toContain(starterScenarios[1]!.title);
  });
});
