/**
 * The built-in queue views: a queue is a filter and a sort over the incident list, so a saved
 * custom view is the same thing with a name. Each queue shows open incidents only.
 */
import { emptyIncidentListFilter, type IncidentListFilter, type IncidentSort } from './incidentList';

export const queueIds = ['mine', 'team', 'unassigned', 'at_risk', 'breached', 'major'] as const;
export type QueueId = (typeof queueIds)[number];
export const queueLabels: Record<QueueId, string> = {
  mine: 'My queue',
  team: 'Team queue',
  unassigned: 'Unassigned',
  at_risk: 'Breaching soon',
  breached: 'Breached',
  major: 'Major',
};

export type QueueView = { filter: IncidentListFilter; sort: IncidentSort };

const byTimeLeft: IncidentSort = { field: 'timeLeft', direction: 'asc' };

/**
 * The filter and sort of a queue. `personId` is whoever uses this device; `teamId` the team whose
 * queue to show ('none' when the person belongs to no team, which shows incidents nobody has
 * routed yet). Queues sort by time left, so the next breach is always at the top.
 */
export function queueView(queue: QueueId, context: { personId: string | null; teamId: string }): QueueView {
  const open: IncidentListFilter = { ...emptyIncidentListFilter, stage: 'open' };
  switch (queue) {
    case 'mine':
      return { filter: { ...open, assignee: context.personId ?? 'unassigned' }, sort: byTimeLeft };
    case 'team':
      return { filter: { ...open, team: context.teamId }, sort: byTimeLeft };
    case 'unassigned':
      return { filter: { ...open, assignee: 'unassigned' }, sort: byTimeLeft };
    case 'at_risk':
      return { filter: { ...open, serviceLevel: 'at_risk' }, sort: byTimeLeft };
    case 'breached':
      return { filter: { ...open, serviceLevel: 'breached' }, sort: byTimeLeft };
    case 'major':
      return { filter: { ...open, isMajor: 'major' }, sort: byTimeLeft };
  }
}

/** The queue a filter and sort amount to, if any: the queue bar marks it as the current one. */
export function matchingQueue(view: QueueView, context: { personId: string | null; teamId: string }): QueueId | null {
  const key = JSON.stringify(view);
  return queueIds.find((queue) => JSON.stringify(queueView(queue, context)) === key) ?? null;
}
