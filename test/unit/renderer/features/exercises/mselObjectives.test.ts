/** Objectives named by an MSEL CSV become the new scenario's objectives, so an exported MSEL imports back. */
import { describe, expect, it } from 'vitest';
import { starterScenarios } from '../../../../../shared/domain/starterScenarios';
import { exportMselCsv, importMselCsv } from '../../../../../shared/formats/mselCsv';
import { objectivesNamedInMsel } from '../../../../../renderer/features/exercises/mselObjectives';

const identity = { id: '01941f29-7c00-7000-8000-0000000fffff', lineageId: '01941f29-7c00-7000-8000-0000000fffff', version: 1 };

describe('objectivesNamedInMsel', () => {
  it('lists each objective id once, in order of first mention, with readable text', () => {
    const csv = [
      'msel_number,release,channel,from,to,title,content,expected_actions,facilitator_notes',
      '1,+00:05,email,A,B,One,,"Call the lead (5) [objective: incident-handling]; Log it (2) [objective: detect]",',
      '2,+00:10,email,A,B,Two,,"Tell staff (3) [objective: detect]",',
      '3,+00:15,email,A,B,Three,,"broken action without points",',
    ].join('\n');
    expect(objectivesNamedInMsel(csv)).toEqual([
      { id: 'incident-handling', text: 'Incident handling' },
      { id: 'detect', text: 'Detect' },
    ]);
  });

  it('finds nothing without an expected_actions column', () => {
    expect(objectivesNamedInMsel('msel_number,release\n1,+00:05\n')).toEqual([]);
  });

  it.each(starterScenarios.map((scenario) => [scenario.title, scenario] as const))('lets the MSEL of "%s" import back as a new scenario with every inject', (_title, scenario) => {
    const csv = exportMselCsv(scenario);
    const objectives = objectivesNamedInMsel(csv);
    const result = importMselCsv(csv, {
      scenario: { ...identity, title: 'Copy', objectives, audience: '', difficulty: 'introductory', durationMinutes: 60, narrative: '', linkedPlaybookLineageIds: [] },
    });
    expect(result.ok).toBe(true);
    if (result.ok) expect(result.scenario.injects).toEqual(scenario.injects);
  });
});
