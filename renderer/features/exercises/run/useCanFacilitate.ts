import type { ExerciseRunRecord } from '../../../../shared/domain/exerciseRecords';
import { canFacilitate } from '../../../data/exerciseAccess';
import { toPersonRef, useProfile } from '../../../data/profile';

/** Whether the person on this device may run and score this run (the commands check again). */
export function useCanFacilitate(run: Pick<ExerciseRunRecord, 'facilitator'> | null | undefined): boolean {
  const profile = useProfile();
  if (!profile || !run || profile.role === 'viewer') return false;
  return canFacilitate({ person: toPersonRef(profile), role: profile.role }, run);
}
