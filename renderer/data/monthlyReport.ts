/**
 * The records behind the monthly performance report's lists: the incidents that breached a
 * service level or were major (by id, as the metrics worker found them), and the open actions
 * (open tasks) on the incidents the report covers.
 */
import type { Incident } from '../../shared/domain/incident';
import { createServiceLevelCalculator, type ServiceLevel, type ServiceLevelPolicy } from '../../shared/domain/serviceLevel';
import type { DataEnvironment } from './dataEnvironment';

export type ReportIncidentLine = {
  incident: Incident;
  /** The clocks as they stood at the report's end. */
  serviceLevel: ServiceLevel;
};

export type OpenAction = {
  taskId: string;
  title: string;
  incidentId: string;
  reference: string;
  incidentTitle: string;
  assigneeName: string | null;
  dueAt: string | null;
  isOverdue: boolean;
  fromPlaybook: boolean;
};

/** The incidents with these ids (deleted ones left out), with their clocks at `asOfIso`, oldest report first. */
export async function readReportIncidents(environment: DataEnvironment, ids: readonly string[], policy: ServiceLevelPolicy, asOfIso: string): Promise<ReportIncidentLine[]> {
  if (ids.length === 0) return [];
  const incidents = (await environment.db.incidents.bulkGet([...ids])).filter((incident): incident is NonNullable<typeof incident> => incident !== undefined && incident.deletedAt === null);
  const calculate = createServiceLevelCalculator(policy);
  return incidents
    .map((incident) => ({ incident: incident as Incident, serviceLevel: calculate(incident, asOfIso) }))
    .sort((left, right) => left.incident.reportedAt.localeCompare(right.incident.reportedAt) || left.incident.reference.localeCompare(right.incident.reference));
}

/** Open tasks on the given incidents: overdue first, then by due time (none last), then by incident. */
export async function readOpenActions(environment: DataEnvironment, incidentIds: readonly string[], asOfMs: number): Promise<OpenAction[]> {
  if (incidentIds.length === 0) return [];
  const { db } = environment;
  const [tasks, incidents] = await Promise.all([db.tasks.where('incidentId').anyOf([...incidentIds]).toArray(), db.incidents.bulkGet([...incidentIds])]);
  const byId = new Map(incidents.filter((incident) => incident !== undefined && incident.deletedAt === null).map((incident) => [incident!.id, incident!]));
  return tasks
    .filter((task) => task.state === 'open' && task.deletedAt === null && byId.has(task.incidentId))
    .map((task): OpenAction => {
      const incident = byId.get(task.incidentId)!;
      return {
        taskId: task.id,
        title: task.title,
        incidentId: incident.id,
        reference: incident.reference,
        incidentTitle: incident.title,
        assigneeName: task.assignee?.name ?? incident.assignee?.name ?? null,
        dueAt: task.dueAt,
        isOverdue: task.dueAt !== null && Date.parse(task.dueAt) < asOfMs,
        fromPlaybook: (task.fromPlaybook ?? null) !== null,
      };
    })
    .sort(
      (left, right) =>
        Number(right.isOverdue) - Number(left.isOverdue) ||
        (left.dueAt ?? '\uffff').localeCompare(right.dueAt ?? '\uffff') ||
        left.reference.localeCompare(right.reference) ||
        left.title.localeCompare(right.title),
    );
}
