/**
 * Live reads of the playbook library and of playbooks on an incident, as domain values. Each hook
 * has a plain `read…` function beside it, so tests and commands read exactly what the UI shows.
 */
import { useLiveQuery } from 'dexie-react-hooks';
import { currentVersions, suggestPlaybooks, type Playbook } from '../../shared/domain/playbook';
import { summarizePlaybookProgress, type PlaybookProgress } from '../../shared/domain/playbookTasks';
import type { IncidentCategory, IncidentKind } from '../../shared/domain/taxonomy';
import { getDataEnvironment, type DataEnvironment } from './dataEnvironment';
import { withoutSyncColumns } from './playbookCommands';

async function readAllPlaybooks(environment: DataEnvironment): Promise<Playbook[]> {
  return (await environment.db.playbooks.toArray()).map(withoutSyncColumns);
}

/** One version per playbook (approved, else newest draft, else newest retired), sorted by name. */
export async function readPlaybookLibrary(environment: DataEnvironment): Promise<Playbook[]> {
  return currentVersions(await readAllPlaybooks(environment));
}

/** Every live version of one playbook, newest first (discarded drafts left out). */
export async function readPlaybookVersions(environment: DataEnvironment, lineageId: string): Promise<Playbook[]> {
  const rows = await environment.db.playbooks.where('lineageId').equals(lineageId).toArray();
  return rows
    .filter((row) => row.deletedAt === null)
    .map(withoutSyncColumns)
    .sort((left, right) => right.version - left.version);
}

/** One version by its id; null when it does not exist here or was discarded. */
export async function readPlaybookVersion(environment: DataEnvironment, playbookId: string): Promise<Playbook | null> {
  const row = await environment.db.playbooks.get(playbookId);
  return row && row.deletedAt === null ? withoutSyncColumns(row) : null;
}

/**
 * Open drafts by lineage. The library lists each playbook's approved version, so a lead needs this
 * to see that a revision of it is waiting for approval.
 */
export async function readOpenPlaybookDrafts(environment: DataEnvironment): Promise<Map<string, Playbook>> {
  const drafts = new Map<string, Playbook>();
  for (const playbook of await readAllPlaybooks(environment)) {
    if (playbook.status !== 'draft' || playbook.deletedAt !== null) continue;
    const held = drafts.get(playbook.lineageId);
    if (!held || playbook.version > held.version) drafts.set(playbook.lineageId, playbook);
  }
  return drafts;
}

/** Approved playbooks to offer for an incident: those for its category first, then general ones for its kind. */
export async function readSuggestedPlaybooks(environment: DataEnvironment, incident: { kind: IncidentKind; category: IncidentCategory }): Promise<Playbook[]> {
  return suggestPlaybooks(await readAllPlaybooks(environment), incident);
}

/** Progress of each playbook applied to the incident, in the order they were applied. */
export async function readIncidentPlaybookProgress(environment: DataEnvironment, incidentId: string): Promise<PlaybookProgress[]> {
  const tasks = await environment.db.tasks.where('incidentId').equals(incidentId).toArray();
  return summarizePlaybookProgress(tasks.map((task) => ({ ...task, fromPlaybook: task.fromPlaybook ?? null })));
}

/** The library list; undefined while loading. Call seedStarterPlaybooks once when it first opens. */
export function usePlaybookLibrary(): Playbook[] | undefined {
  return useLiveQuery(() => readPlaybookLibrary(getDataEnvironment()), [], undefined);
}

export function usePlaybookVersions(lineageId: string): Playbook[] | undefined {
  return useLiveQuery(() => readPlaybookVersions(getDataEnvironment(), lineageId), [lineageId], undefined);
}

/** undefined while loading, null when the version does not exist here or was discarded. */
export function usePlaybookVersion(playbookId: string): Playbook | null | undefined {
  return useLiveQuery(() => readPlaybookVersion(getDataEnvironment(), playbookId), [playbookId], undefined);
}

export function useOpenPlaybookDrafts(): Map<string, Playbook> | undefined {
  return useLiveQuery(() => readOpenPlaybookDrafts(getDataEnvironment()), [], undefined);
}

/** Suggestions for an incident (null while the incident itself is loading gives an empty list). */
export function useSuggestedPlaybooks(incident: { kind: IncidentKind; category: IncidentCategory } | null | undefined): Playbook[] | undefined {
  const kind = incident?.kind;
  const category = incident?.category;
  return useLiveQuery(
    async () => (kind && category ? readSuggestedPlaybooks(getDataEnvironment(), { kind, category }) : []),
    [kind, category],
    undefined,
  );
}

export function useIncidentPlaybookProgress(incidentId: string): PlaybookProgress[] | undefined {
  return useLiveQuery(() => readIncidentPlaybookProgress(getDataEnvironment(), incidentId), [incidentId], undefined);
}
