/**
 * The data-quality view for leads: open incidents that are hard to manage because something is
 * missing. Three checks, each a question a lead asks in a queue review:
 * - no category: still filed as "Other", so routing, reports and trends cannot use it;
 * - no assignee: nobody owns it;
 * - overdue update: nothing written on it (note, action, change) for longer than its priority
 *   allows: a fixed cadence per priority, as in PagerDuty's process (product.md), where the
 *   higher the priority, the sooner people expect news. Making it configurable is later work.
 */
import { openStages } from './incident';
import type { IncidentListItem } from './incidentList';
import type { Priority } from './priority';

export const dataQualityChecks = ['uncategorised', 'unassigned', 'stale'] as const;
export type DataQualityCheck = (typeof dataQualityChecks)[number];
export const dataQualityCheckLabels: Record<DataQualityCheck, string> = {
  uncategorised: 'No category',
  unassigned: 'No assignee',
  stale: 'Overdue update',
};

const hourMs = 3_600_000;
/** How long an open incident may go without any update, by priority. */
export const updateIntervalMs: Record<Priority, number> = {
  P1: 1 * hourMs,
  P2: 4 * hourMs,
  P3: 24 * hourMs,
  P4: 72 * hourMs,
  P5: 7 * 24 * hourMs,
};

export type DataQualityReport = Record<DataQualityCheck, IncidentListItem[]>;

/** Sorts each list with the worst first: oldest update, then oldest report. */
export function findDataQualityIssues(items: readonly IncidentListItem[], nowMs: number): DataQualityReport {
  const report: DataQualityReport = { uncategorised: [], unassigned: [], stale: [] };
  for (const item of items) {
    // Exercise incidents are play: they never count against the live queue's quality.
    if (!openStages.includes(item.stage) || item.mode === 'exercise') continue;
    if (item.category === 'other') report.uncategorised.push(item);
    if (item.assigneeId === null) report.unassigned.push(item);
    if (nowMs - Date.parse(item.updatedAt) > updateIntervalMs[item.priority]) report.stale.push(item);
  }
  const byUpdated = (left: IncidentListItem, right: IncidentListItem) => (left.updatedAt < right.updatedAt ? -1 : left.updatedAt > right.updatedAt ? 1 : 0);
  for (const check of dataQualityChecks) report[check].sort(byUpdated);
  return report;
}
