import { describe, expect, it } from 'vitest';
import { starterScenarios } from '../../../../shared/domain/starterScenarios';
import { exportScenarioFile, parseScenarioFile } from '../../../../shared/formats/scenarioJson';

const nowIso = '2026-03-10T12:00:00.000Z';

describe('scenario JSON file', () => {
  it('round-trips every starter', () => {
    expect(parseScenarioFile(exportScenarioFile(starterScenarios, nowIso))).toEqual({ ok: true, scenarios: starterScenarios, exportedAt: nowIso });
  });

  it('refuses other files, newer formats and invalid scenarios, importing nothing', () => {
    expect(parseScenarioFile('{')).toEqual({ ok: false, error: 'The file is not valid JSON (it may be truncated or not a scenario file). Nothing was imported.' });
    expect(parseScenarioFile('{"format":"firebreak-playbooks"}')).toEqual({
      ok: false,
      error: 'This JSON file is not a Firebreak exercise scenario file (it has no "format": "firebreak-exercise-scenarios"). Nothing was imported.',
    });
    expect(parseScenarioFile(JSON.stringify({ format: 'firebreak-exercise-scenarios', formatVersion: 2, exportedAt: nowIso, scenarios: [] }))).toEqual({
      ok: false,
      error: 'This file was written by a newer Firebreak (format 2); update Firebreak to import it. Nothing was imported.',
    });
    const broken = structuredClone(starterScenarios) as unknown as { injects: { mselNumber: number }[] }[];
    broken[1]!.injects[1]!.mselNumber = 1;
    expect(parseScenarioFile(JSON.stringify({ format: 'firebreak-exercise-scenarios', formatVersion: 1, exportedAt: nowIso, scenarios: broken }))).toEqual({
      ok: false,
      error: 'Scenario 2 ("Business email compromise of the finance director") is not valid: injects.1.mselNumber: MSEL number 1 is used twice. Nothing was imported.',
    });
    const twice = [starterScenarios[0], starterScenarios[0]];
    expect(parseScenarioFile(exportScenarioFile(twice as never, nowIso))).toEqual({ ok: false, error: 'Scenario 2 ("Ransomware on the finance file server") appears twice in the file. Nothing was imported.' });
  });
});
