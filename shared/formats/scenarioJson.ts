/**
 * Firebreak's own exercise scenario file: whole scenario versions with their injects, objectives
 * and checks. Import is all or nothing: one bad scenario refuses the file.
 */
import { z } from 'zod';
import { validateScenario, type Scenario } from '../domain/exerciseScenario';
import type { IsoTimestamp } from '../domain/time';

export const scenarioFileFormatName = 'firebreak-exercise-scenarios';
export const scenarioFileFormatVersion = 1;
export const maxScenarioFileCharacters = 20 * 1024 * 1024;
export const maxScenariosPerFile = 500;

const scenarioFileSchema = z.strictObject({
  format: z.literal(scenarioFileFormatName),
  formatVersion: z.literal(scenarioFileFormatVersion),
  exportedAt: z.iso.datetime(),
  scenarios: z.array(z.unknown()).max(maxScenariosPerFile, `A scenario file holds at most ${maxScenariosPerFile} scenarios`),
});

export type ParseScenarioFileResult = { ok: true; scenarios: Scenario[]; exportedAt: IsoTimestamp } | { ok: false; error: string };

export function exportScenarioFile(scenarios: readonly Scenario[], nowIso: IsoTimestamp): string {
  return `${JSON.stringify({ format: scenarioFileFormatName, formatVersion: scenarioFileFormatVersion, exportedAt: nowIso, scenarios }, null, 2)}\n`;
}

const nothingImported = 'Nothing was imported.';

export function parseScenarioFile(text: string): ParseScenarioFileResult {
  if (text.length > maxScenarioFileCharacters) return { ok: false, error: `The file is larger than 20 MB, which no scenario file can be. ${nothingImported}` };
  if (text.trim() === '') return { ok: false, error: `The file is empty. ${nothingImported}` };
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch {
    return { ok: false, error: `The file is not valid JSON (it may be truncated or not a scenario file). ${nothingImported}` };
  }
  const format = typeof data === 'object' && data !== null ? (data as Record<string, unknown>) : {};
  if (format.format !== scenarioFileFormatName) {
    return { ok: false, error: `This JSON file is not a Firebreak exercise scenario file (it has no "format": "${scenarioFileFormatName}"). ${nothingImported}` };
  }
  if (typeof format.formatVersion === 'number' && format.formatVersion > scenarioFileFormatVersion) {
    return { ok: false, error: `This file was written by a newer Firebreak (format ${format.formatVersion}); update Firebreak to import it. ${nothingImported}` };
  }
  const file = scenarioFileSchema.safeParse(data);
  if (!file.success) {
    const issue = file.error.issues[0]!;
    return { ok: false, error: `The file is damaged at ${issue.path.map(String).join('.') || 'the top level'}: ${issue.message}. ${nothingImported}` };
  }
  const scenarios: Scenario[] = [];
  const ids = new Set<string>();
  for (const [index, candidate] of file.data.scenarios.entries()) {
    const validated = validateScenario(candidate);
    const title = typeof (candidate as { title?: unknown })?.title === 'string' ? ` ("${(candidate as { title: string }).title}")` : '';
    if (!validated.ok) {
      const [field, message] = Object.entries(validated.errors)[0]!;
      return { ok: false, error: `Scenario ${index + 1}${title} is not valid: ${field === 'form' ? '' : `${field}: `}${message}. ${nothingImported}` };
    }
    if (ids.has(validated.value.id)) return { ok: false, error: `Scenario ${index + 1}${title} appears twice in the file. ${nothingImported}` };
    ids.add(validated.value.id);
    scenarios.push(validated.value);
  }
  return { ok: true, scenarios, exportedAt: file.data.exportedAt };
}
