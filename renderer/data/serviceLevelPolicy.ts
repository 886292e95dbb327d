/** The service-level policy in force: the targets setting plus the calendars setting. */
import { useLiveQuery } from 'dexie-react-hooks';
import { defaultServiceLevelPolicy, type ServiceLevelPolicy } from '../../shared/domain/serviceLevel';
import { getDataEnvironment, type DataEnvironment } from './dataEnvironment';
import { readSetting } from './settingsData';

export async function readServiceLevelPolicy(environment: DataEnvironment): Promise<ServiceLevelPolicy> {
  const [targets, calendars] = await Promise.all([readSetting(environment, 'serviceTargets'), readSetting(environment, 'serviceLevelCalendars')]);
  return { ...calendars, targets };
}

/** The policy, live: clocks on screen follow a lead's change (or a synced one) at once. */
export function useServiceLevelPolicy(): ServiceLevelPolicy {
  return useLiveQuery(() => readServiceLevelPolicy(getDataEnvironment()), [], defaultServiceLevelPolicy);
}
