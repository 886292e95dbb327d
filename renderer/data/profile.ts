/** The local profile: who is using this device. Kept on the device, not synced. */
import { useLiveQuery } from 'dexie-react-hooks';
import { profileSchema, type Profile } from '../../shared/domain/people';
import { zodErrorsToFieldErrors } from '../../shared/domain/incident';
import type { PersonRef } from '../../shared/domain/people';
import { getDataEnvironment, type CommandResult, type DataEnvironment } from './dataEnvironment';

export async function readProfile(environment: DataEnvironment): Promise<Profile | null> {
  const row = await environment.db.meta.get('profile');
  if (!row || row.key !== 'profile') return null;
  const parsed = profileSchema.safeParse({ personId: row.personId, name: row.name, initials: row.initials, role: row.role });
  return parsed.success ? parsed.data : null;
}

export async function saveProfile(
  environment: DataEnvironment,
  input: { name: string; initials: string; role: string },
): Promise<CommandResult<Profile>> {
  const existing = await readProfile(environment);
  const parsed = profileSchema.safeParse({ ...input, personId: existing?.personId ?? environment.newId() });
  if (!parsed.success) return { ok: false, errors: zodErrorsToFieldErrors(parsed.error) };
  await environment.db.meta.put({ key: 'profile', ...parsed.data });
  return { ok: true, value: parsed.data };
}

export function toPersonRef(profile: Profile): PersonRef {
  return { id: profile.personId, name: profile.name };
}

/** undefined while loading, null when no profile has been set up yet. */
export function useProfile(): Profile | null | undefined {
  return useLiveQuery(() => readProfile(getDataEnvironment()), [], undefined);
}
