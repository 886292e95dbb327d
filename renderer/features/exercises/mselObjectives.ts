/**
 * An MSEL CSV ties expected actions to objectives by id ("[objective: contain]") but holds no
 * objectives itself. Importing it as a new scenario creates those objectives, with the id as
 * their text until the trainer describes them, so a CSV exported here imports back whole.
 */
import Papa from 'papaparse';
import { exerciseItemIdSchema, type ScenarioObjective } from '../../../shared/domain/exerciseScenario';
import { parseExpectedActions } from '../../../shared/formats/mselCsv';

/** "incident-handling" -> "Incident handling". */
function readableId(id: string): string {
  const words = id.replace(/[-_.:]+/g, ' ').trim();
  return words === '' ? id : `${words[0]!.toUpperCase()}${words.slice(1)}`;
}

/** The objectives the CSV's expected actions name, in order of first mention; unreadable rows are left to the import to report. */
export function objectivesNamedInMsel(text: string): ScenarioObjective[] {
  const parsed = Papa.parse<string[]>(text.replace(/^\uFEFF/, ''), { skipEmptyLines: 'greedy' });
  const [header = [], ...rows] = parsed.data;
  const column = header.findIndex((name) => name.trim().toLowerCase() === 'expected_actions');
  if (column < 0) return [];
  const ids = new Set<string>();
  for (const row of rows) {
    const result = parseExpectedActions(row[column] ?? '', 'inject');
    if (!result.ok) continue;
    for (const action of result.actions) if (action.objectiveId !== null && exerciseItemIdSchema.safeParse(action.objectiveId).success) ids.add(action.objectiveId);
  }
  return [...ids].map((id) => ({ id, text: readableId(id) }));
}
