/** Whether the open incident can be escalated now: the "e" shortcut asks before opening its dialog. */
import { canTakeAction, lifecycleActionLabels } from '../../shared/domain/lifecycle';
import type { DataEnvironment } from './dataEnvironment';

/** Null when it can; otherwise the reason, in the words the lifecycle uses. */
export async function readEscalationRefusal(environment: DataEnvironment, incidentId: string): Promise<string | null> {
  const incident = await environment.db.incidents.get(incidentId);
  if (!incident || incident.deletedAt !== null) return 'That incident does not exist (it may have been deleted).';
  if (canTakeAction(incident, 'escalate')) return null;
  return `${lifecycleActionLabels.escalate} is not possible while the incident is ${incident.stage.replace('_', ' ')}`;
}
