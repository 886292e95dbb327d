/**
 * Live reads for the playbook checklist on an incident: the exact versions its tasks came from
 * (an incident keeps the procedure it followed after the playbook is revised), and the approved
 * playbooks anyone may apply.
 */
import { useLiveQuery } from 'dexie-react-hooks';
import type { Playbook } from '../../shared/domain/playbook';
import { getDataEnvironment, type DataEnvironment } from './dataEnvironment';
import { withoutSyncColumns } from './playbookCommands';
import { readPlaybookLibrary } from './playbookQueries';

/** The playbook versions with these ids that are on this device, by id. */
export async function readPlaybookVersionsById(environment: DataEnvironment, playbookIds: readonly string[]): Promise<Map<string, Playbook>> {
  const rows = await environment.db.playbooks.bulkGet([...playbookIds]);
  return new Map(rows.flatMap((row) => (row ? [[row.id, withoutSyncColumns(row)] as const] : [])));
}

/** The current approved version of every playbook, sorted by name: what may be applied to a real incident. */
export async function readApprovedPlaybooks(environment: DataEnvironment): Promise<Playbook[]> {
  return (await readPlaybookLibrary(environment)).filter((playbook) => playbook.status === 'approved');
}

export function usePlaybookVersionsById(playbookIds: readonly string[]): Map<string, Playbook> | undefined {
  const key = playbookIds.join(',');
  return useLiveQuery(() => readPlaybookVersionsById(getDataEnvironment(), key === '' ? [] : key.split(',')), [key], undefined);
}

export function useApprovedPlaybooks(): Playbook[] | undefined {
  return useLiveQuery(() => readApprovedPlaybooks(getDataEnvironment()), [], undefined);
}
