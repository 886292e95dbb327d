/**
 * The responder teams this device knows, as escalation needs them: choices in the Escalate dialog
 * and the rules editor, and the leads and managers an escalation reaches. Read-only here; teams
 * are created and synced elsewhere.
 */
import { useLiveQuery } from 'dexie-react-hooks';
import type { ResponderTeam } from '../../shared/domain/team';
import { getDataEnvironment, type DataEnvironment } from './dataEnvironment';

/** Teams that have not been removed, by name. */
export async function readActiveResponderTeams(environment: DataEnvironment): Promise<ResponderTeam[]> {
  const rows = await environment.db.responderTeams.toArray();
  return rows
    .filter((row) => row.deletedAt === null)
    .map(({ fieldStamps: _stamps, localSeq: _seq, ...team }) => team)
    .sort((left, right) => left.name.localeCompare(right.name));
}

/** Live; empty until teams exist on this device. */
export function useActiveResponderTeams(): ResponderTeam[] {
  return useLiveQuery(() => readActiveResponderTeams(getDataEnvironment()), [], []);
}
