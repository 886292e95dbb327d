/** Live reads of responder teams and of the people this device knows, as domain values. */
import { useLiveQuery } from 'dexie-react-hooks';
import { useMemo } from 'react';
import type { PersonRef } from '../../shared/domain/people';
import { collectKnownPeople, sortTeamsByName, type ResponderTeam } from '../../shared/domain/team';
import type { StoredResponderTeam } from '../db/database';
import { getDataEnvironment, type DataEnvironment } from './dataEnvironment';
import { readProfile, toPersonRef } from './profile';
import { useAssigneeOptions } from './useIncidentList';

function withoutSyncColumns(row: StoredResponderTeam): ResponderTeam {
  const { fieldStamps: _stamps, localSeq: _seq, ...team } = row;
  return team;
}

/** Teams that are not deleted, sorted by name. */
export async function readResponderTeams(environment: DataEnvironment): Promise<ResponderTeam[]> {
  const rows = await environment.db.responderTeams.toArray();
  return sortTeamsByName(rows.filter((row) => row.deletedAt === null).map(withoutSyncColumns));
}

/** Every team by id, deleted ones included: saved rules and incidents may still name them. */
export async function readResponderTeamsById(environment: DataEnvironment): Promise<Map<string, ResponderTeam>> {
  const rows = await environment.db.responderTeams.toArray();
  return new Map(rows.map((row) => [row.id, withoutSyncColumns(row)]));
}

/** Live teams sorted by name; undefined while loading. */
export function useResponderTeams(): ResponderTeam[] | undefined {
  return useLiveQuery(() => readResponderTeams(getDataEnvironment()), [], undefined);
}

/** Every team by id (deleted ones too), to show what a saved reference points at. */
export function useResponderTeamsById(): Map<string, ResponderTeam> | undefined {
  return useLiveQuery(() => readResponderTeamsById(getDataEnvironment()), [], undefined);
}

/**
 * The people this device knows, once each, sorted by name: this device's profile, the members of
 * every team, and whoever holds an incident (from the in-memory incident list, so it costs no read).
 */
export function useKnownPeople(): PersonRef[] {
  const local = useLiveQuery(
    async () => {
      const environment = getDataEnvironment();
      const [profile, teams] = await Promise.all([readProfile(environment), readResponderTeams(environment)]);
      return { me: profile ? [toPersonRef(profile)] : [], members: teams.flatMap((team) => team.members.map((member) => member.person)) };
    },
    [],
    { me: [], members: [] },
  );
  const assignees = useAssigneeOptions();
  return useMemo(() => collectKnownPeople(local.me, local.members, assignees), [local, assignees]);
}
