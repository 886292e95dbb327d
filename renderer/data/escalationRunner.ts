/**
 * Fires the team's automatic escalation rules. Started once when the app starts; it keeps a plan
 * of the open incidents in memory and sleeps on one timer until the next instant any rule fires.
 *
 * Cheap at 100,000 incidents:
 * - only open incidents matter: they are found from the slim list rows, then only they are read;
 * - after that, a change costs only what it touched: incidents are followed by `localSeq`, as the
 *   incident list does, and only a changed incident is planned again (a rule or policy change
 *   plans every open incident once);
 * - nothing is recomputed on a tick: one timer wakes at the earliest planned instant, and only
 *   incidents planned for that instant are looked at.
 *
 * Once only, on one device and across devices: an escalation's timeline entry id is derived from
 * its key (incident, rule, trigger instant), every field of the entry is a function of synced data,
 * and firing skips a key whose entry exists. Two devices that fire the same escalation offline
 * write the same row, and timeline entries are insert-only and merged by id, so they converge on
 * one entry. The in-app notification has a derived id too, so a re-run never notifies twice.
 */
import { liveQuery, type Subscription } from 'dexie';
import { v5 as uuidV5 } from 'uuid';
import {
  applyAutomaticEscalation,
  escalationRecipients,
  planEscalations,
  type DueEscalation,
  type EscalationRule,
  type EscalationSubject,
} from '../../shared/domain/escalation';
import { openStages, type Incident } from '../../shared/domain/incident';
import type { PersonRef, Profile } from '../../shared/domain/people';
import { computeServiceLevelWithPolicy, type ServiceLevelPolicy, type ServiceLevelSubject } from '../../shared/domain/serviceLevel';
import type { ResponderTeam } from '../../shared/domain/team';
import type { TimelineEntry } from '../../shared/domain/timeline';
import { toMs } from '../../shared/domain/time';
import type { NotificationRow, StoredIncident, StoredIncidentListRow } from '../db/database';
import type { DataEnvironment } from './dataEnvironment';
import { readActiveResponderTeams } from './escalationTeams';
import { saveIncident } from './incidentStore';
import { readProfile } from './profile';
import { readServiceLevelPolicy } from './serviceLevelPolicy';
import { readSetting } from './settingsData';
import { runWriteCommand } from './writeTransaction';

/** Fixed for ever: changing it would give every past escalation a new id and fire it again. */
const escalationIdNamespace = '7bdb9881-dbb2-455b-9e25-7d2b1735c8ca';

/** The timeline entry id of an escalation: a name-based UUID (v5) of its key. */
export function escalationEntryId(key: string): string {
  return uuidV5(key, escalationIdNamespace);
}

/** The in-app notification id of an escalation. */
export function escalationNotificationId(key: string): string {
  return `escalation:${escalationEntryId(key)}`;
}

/** Who automatic entries are by: the app, on behalf of the team's rules, not the person at this device. */
export const automaticEscalationAuthor: PersonRef = { id: 'firebreak', name: 'Firebreak' };
/** The same on every device, so the entry two devices write is the same row. */
export const automaticEscalationDeviceId = 'automatic-escalation';

/** setTimeout's largest delay (about 24.8 days); a later instant is reached in several sleeps. */
const maxTimerDelayMs = 2 ** 31 - 1;
const loadChunkSize = 5_000;
/** Incidents planned between yields, so a big first plan does not freeze the page. */
const planSliceSize = 500;

export type Scheduler = {
  setTimeout(callback: () => void, delayMs: number): unknown;
  clearTimeout(handle: unknown): void;
};

export type EscalationRunnerOptions = {
  /** Shows a new notification outside the app (renderer/platform/notifications.ts). */
  notify?: (notification: { title: string; body: string }) => void;
  /** The wake-up timer; the browser's by default. */
  scheduler?: Scheduler;
  onError?: (error: unknown) => void;
};

export type EscalationRunner = {
  /**
   * Catches up with the database now (rather than when the live queries next report) and fires
   * whatever is due, until nothing changes. For tests and for "the clock just jumped".
   */
  settled(): Promise<void>;
  /** The instant the timer is set for, or null when no rule will fire by time alone. */
  nextWakeAtMs(): number | null;
  stop(): void;
};

/** The fields of an incident the plan needs, kept in memory for each open incident. */
type PlannedIncident = EscalationSubject & ServiceLevelSubject & Pick<Incident, 'kind' | 'mode'>;

function toPlannedIncident(incident: Incident): PlannedIncident {
  return {
    id: incident.id,
    kind: incident.kind,
    mode: incident.mode,
    stage: incident.stage,
    priority: incident.priority,
    routedTeam: incident.routedTeam,
    reportedAt: incident.reportedAt,
    acknowledgedAt: incident.acknowledgedAt,
    resolvedAt: incident.resolvedAt,
    deletedAt: incident.deletedAt,
    holdIntervals: incident.holdIntervals,
    priorityChanges: incident.priorityChanges ?? [],
  };
}

/**
 * Whether automatic escalation watches the incident: open, and not an exercise. Exercise
 * incidents never escalate by themselves: an escalation pages real people (notifications, the
 * responder team, the leads), which a drill must never do; facilitators play escalations as injects.
 */
function isEscalatable(incident: Pick<Incident, 'stage' | 'deletedAt' | 'mode'>): boolean {
  return incident.deletedAt === null && openStages.includes(incident.stage) && incident.mode !== 'exercise';
}

type RunnerContext = { rules: EscalationRule[]; policy: ServiceLevelPolicy; teams: ResponderTeam[]; profile: Profile | null };

/**
 * This device writes escalations when its user could write the incident on the team server:
 * viewers never do (the server would refuse it), trainers only on exercise incidents (which are
 * never escalated automatically, see isEscalatable, so in practice trainers never do either).
 */
function canWriteEscalation(profile: Profile | null, incident: Pick<Incident, 'mode'>): boolean {
  if (!profile || profile.role === 'viewer') return false;
  return profile.role !== 'trainer' || incident.mode === 'exercise';
}

/**
 * Whether the escalation is for the person on this device: they are among the people it reaches,
 * or nobody could be named (no team, nobody in that role) and they lead (a lead or administrator).
 */
export function isForLocalPerson(profile: Profile | null, recipients: readonly PersonRef[]): boolean {
  if (!profile) return false;
  if (recipients.length > 0) return recipients.some((person) => person.id === profile.personId);
  return profile.role === 'lead' || profile.role === 'admin';
}

function yieldToPage(): Promise<void> {
  return new Promise((resolve) => globalThis.setTimeout(resolve, 0));
}

const browserScheduler: Scheduler = {
  setTimeout: (callback, delayMs) => globalThis.setTimeout(callback, delayMs),
  clearTimeout: (handle) => globalThis.clearTimeout(handle as ReturnType<typeof globalThis.setTimeout>),
};

class AutomaticEscalationRunner implements EscalationRunner {
  private readonly planned = new Map<string, PlannedIncident>();
  /** Incident id -> the next instant a rule fires for it. */
  private readonly nextAtMs = new Map<string, number>();
  /** Keys whose entry exists and whose notification (if any) exists: nothing left to do. */
  private readonly handledKeys = new Set<string>();
  private context: RunnerContext | null = null;
  private policyFingerprint = '';
  private highestSeq = 0;
  private loadedEpoch = 0;
  /** False until a rule is enabled: without rules there is nothing to plan, so no reason to read every open incident. */
  private isLoaded = false;
  private queue: Promise<unknown> = Promise.resolve();
  private subscriptions: Subscription[] = [];
  private timer: unknown = null;
  private timerAtMs: number | null = null;
  private isStopped = false;
  private readonly scheduler: Scheduler;
  private readonly onError: (error: unknown) => void;

  constructor(
    private readonly environment: DataEnvironment,
    private readonly options: EscalationRunnerOptions,
  ) {
    this.scheduler = options.scheduler ?? browserScheduler;
    this.onError = options.onError ?? ((error) => console.error('Automatic escalation failed', error));
  }

  start(): void {
    void this.enqueue(async () => {
      await this.refreshContext();
      if (this.hasEnabledRules()) await this.loadAndPlanAll();
      else {
        // Dormant: follow changes from here on, so that the feed does not read every incident.
        this.highestSeq = (await this.environment.db.incidents.orderBy('localSeq').last())?.localSeq ?? 0;
        this.loadedEpoch = await this.readEpoch();
      }
      this.follow();
    });
  }

  private hasEnabledRules(): boolean {
    return this.context?.rules.some((rule) => rule.isEnabled) ?? false;
  }

  private async loadAndPlanAll(): Promise<void> {
    await this.loadOpenIncidents();
    this.isLoaded = true;
    await this.planIncidents([...this.planned.keys()]);
  }

  /** After the rules or policy changed: wake up on the first enabled rule, else plan again. */
  private async replanAfterContextChange(): Promise<void> {
    if (!this.isLoaded && this.hasEnabledRules()) await this.loadAndPlanAll();
    else await this.planIncidents([...this.planned.keys()]);
  }

  settled = async (): Promise<void> => {
    for (let round = 0; round < 10; round += 1) {
      const hasChanged = await this.enqueue(() => this.catchUp());
      if (!hasChanged) return;
    }
  };

  nextWakeAtMs = (): number | null => this.timerAtMs;

  stop(): void {
    this.isStopped = true;
    for (const subscription of this.subscriptions) subscription.unsubscribe();
    this.subscriptions = [];
    this.clearTimer();
  }

  /** One piece of work at a time: planning and firing never interleave. */
  private enqueue<T>(task: () => Promise<T>): Promise<T | undefined> {
    const run = this.queue.then(async () => (this.isStopped ? undefined : task()));
    this.queue = run.catch((error: unknown) => this.onError(error));
    return run.catch((error: unknown) => {
      this.onError(error);
      return undefined;
    });
  }

  // ---- reading ------------------------------------------------------------------------------

  /** Reads the rules, the policy, the teams and the profile; true when rules or policy changed. */
  private async refreshContext(): Promise<boolean> {
    const environment = this.environment;
    const [ruleSet, policy, teams, profile] = await Promise.all([
      readSetting(environment, 'escalationRules'),
      readServiceLevelPolicy(environment),
      readActiveResponderTeams(environment),
      readProfile(environment),
    ]);
    this.context = { rules: ruleSet.rules, policy, teams, profile };
    const fingerprint = JSON.stringify([ruleSet.rules, policy, profile?.role ?? null]);
    const hasChanged = fingerprint !== this.policyFingerprint;
    this.policyFingerprint = fingerprint;
    return hasChanged;
  }

  private async readEpoch(): Promise<number> {
    const row = await this.environment.db.meta.get('listEpoch');
    return row?.key === 'listEpoch' ? row.epoch : 0;
  }

  /** Finds the open incidents from the slim list rows, then reads only those in full. */
  private async loadOpenIncidents(): Promise<void> {
    const { db } = this.environment;
    this.planned.clear();
    this.nextAtMs.clear();
    this.loadedEpoch = await this.readEpoch();
    const newest = await db.incidents.orderBy('localSeq').last();
    const seqBeforeLoad = newest?.localSeq ?? 0;
    const openIds: string[] = [];
    let lastId: string | null = null;
    for (;;) {
      const chunk: StoredIncidentListRow[] = await (lastId === null ? db.incidentListRows.orderBy(':id') : db.incidentListRows.where(':id').above(lastId)).limit(loadChunkSize).toArray();
      for (const row of chunk) if (isEscalatable(row)) openIds.push(row.id);
      if (chunk.length < loadChunkSize) break;
      lastId = chunk[chunk.length - 1]!.id;
    }
    for (let start = 0; start < openIds.length; start += loadChunkSize) {
      const incidents = await db.incidents.bulkGet(openIds.slice(start, start + loadChunkSize));
      for (const incident of incidents) if (incident && isEscalatable(incident)) this.planned.set(incident.id, toPlannedIncident(incident));
    }
    // Rows written while the table was read have a localSeq above this, so the feed brings them.
    this.highestSeq = Math.max(this.highestSeq, seqBeforeLoad);
  }

  /** Takes changed incident rows into the plan; returns the ids to plan again. */
  private absorb(rows: readonly StoredIncident[]): string[] {
    const ids: string[] = [];
    for (const row of rows) {
      if (row.localSeq > this.highestSeq) this.highestSeq = row.localSeq;
      if (isEscalatable(row)) this.planned.set(row.id, toPlannedIncident(row));
      else this.planned.delete(row.id);
      ids.push(row.id);
    }
    return ids;
  }

  /** Live queries: changed incidents, changed rules or policy, and incidents deleted outright. */
  private follow(): void {
    const { db } = this.environment;
    const report = (error: unknown) => this.onError(error);
    this.subscriptions.push(
      liveQuery(() => db.incidents.where('localSeq').above(this.highestSeq).toArray()).subscribe({
        next: (rows) => {
          if (rows.length === 0) return;
          void this.enqueue(() => this.planIncidents(this.absorb(rows)));
        },
        error: report,
      }),
      liveQuery(() =>
        Promise.all([
          readSetting(this.environment, 'escalationRules'),
          readServiceLevelPolicy(this.environment),
          readActiveResponderTeams(this.environment),
          readProfile(this.environment),
        ]),
      ).subscribe({
        next: () => {
          void this.enqueue(async () => {
            if (await this.refreshContext()) await this.replanAfterContextChange();
          });
        },
        error: report,
      }),
      liveQuery(() => this.readEpoch()).subscribe({
        next: (epoch) => {
          if (epoch === this.loadedEpoch) return;
          void this.enqueue(async () => {
            if (this.isLoaded) await this.loadAndPlanAll();
            else this.loadedEpoch = epoch;
          });
        },
        error: report,
      }),
    );
  }

  /** What the live queries would report, read now. True when anything changed. */
  private async catchUp(): Promise<boolean> {
    const { db } = this.environment;
    const hasNewPolicy = await this.refreshContext();
    const epoch = await this.readEpoch();
    if (epoch !== this.loadedEpoch) {
      if (!this.isLoaded) this.loadedEpoch = epoch;
      else {
        await this.loadAndPlanAll();
        return true;
      }
    }
    const rows = await db.incidents.where('localSeq').above(this.highestSeq).toArray();
    const ids = this.absorb(rows);
    if (hasNewPolicy) await this.replanAfterContextChange();
    else await this.planIncidents(ids);
    return hasNewPolicy || ids.length > 0;
  }

  // ---- planning -------------------------------------------------------------------------------

  /** Plans the given incidents at the device clock, fires what is due, and resets the timer. */
  private async planIncidents(ids: readonly string[]): Promise<void> {
    const context = this.context;
    if (!context) return;
    const hasRules = context.rules.some((rule) => rule.isEnabled);
    const due = new Map<string, DueEscalation[]>();
    for (let start = 0; start < ids.length; start += planSliceSize) {
      if (start > 0) await yieldToPage();
      const nowIso = new Date(this.environment.nowMs()).toISOString();
      for (const id of ids.slice(start, start + planSliceSize)) {
        const incident = this.planned.get(id);
        if (!incident || !hasRules) {
          this.nextAtMs.delete(id);
          continue;
        }
        const plan = planEscalations(incident, () => computeServiceLevelWithPolicy(incident, context.policy, nowIso), context.rules, nowIso);
        if (plan.nextAtIso === null) this.nextAtMs.delete(id);
        else this.nextAtMs.set(id, toMs(plan.nextAtIso));
        const pending = plan.due.filter((escalation) => !this.handledKeys.has(escalation.key));
        if (pending.length > 0) due.set(id, pending);
      }
    }
    await this.fireDue(due);
    this.resetTimer();
  }

  private resetTimer(): void {
    let earliest: number | null = null;
    for (const atMs of this.nextAtMs.values()) if (earliest === null || atMs < earliest) earliest = atMs;
    if (earliest === this.timerAtMs) return;
    this.clearTimer();
    if (earliest === null || this.isStopped) return;
    const delayMs = Math.min(Math.max(0, earliest - this.environment.nowMs()), maxTimerDelayMs);
    this.timerAtMs = earliest;
    this.timer = this.scheduler.setTimeout(() => {
      this.timer = null;
      this.timerAtMs = null;
      void this.enqueue(() => this.wake());
    }, delayMs);
  }

  private clearTimer(): void {
    if (this.timer !== null) this.scheduler.clearTimeout(this.timer);
    this.timer = null;
    this.timerAtMs = null;
  }

  /** The timer fired: plan the incidents whose instant has come (the rest keep their plan). */
  private async wake(): Promise<void> {
    const nowMs = this.environment.nowMs();
    const ids: string[] = [];
    for (const [id, atMs] of this.nextAtMs) if (atMs <= nowMs) ids.push(id);
    await this.planIncidents(ids);
  }

  // ---- firing ---------------------------------------------------------------------------------

  /**
   * Fires due escalations, one write command per incident. A cheap read first skips keys whose
   * entry and notification already exist (the common case after a restart), so a re-run writes
   * nothing at all.
   */
  private async fireDue(due: ReadonlyMap<string, DueEscalation[]>): Promise<void> {
    if (due.size === 0) return;
    const { db } = this.environment;
    const context = this.context!;
    const all = [...due.values()].flat();
    const entries = await db.timelineEntries.bulkGet(all.map((escalation) => escalationEntryId(escalation.key)));
    const notifications = await db.notifications.bulkGet(all.map((escalation) => escalationNotificationId(escalation.key)));
    const hasEntry = new Set(all.filter((_, index) => entries[index] !== undefined).map((escalation) => escalation.key));
    const hasNotification = new Set(all.filter((_, index) => notifications[index] !== undefined).map((escalation) => escalation.key));
    for (const [incidentId, escalations] of due) {
      const incident = this.planned.get(incidentId);
      if (!incident) continue;
      const canWrite = canWriteEscalation(context.profile, incident);
      const needsWork = escalations.filter((escalation) => {
        if (!hasEntry.has(escalation.key)) return canWrite;
        const isForMe = isForLocalPerson(context.profile, escalationRecipients(escalation.rule.action, incident.routedTeam, context.teams));
        if (isForMe && !hasNotification.has(escalation.key)) return true;
        this.handledKeys.add(escalation.key);
        return false;
      });
      if (needsWork.length > 0) await this.fireForIncident(incidentId, context);
    }
  }

  /**
   * One transaction: re-plans against the incident as stored now (an edit or a pull since planning
   * wins), writes each due escalation whose entry is missing, moves the incident for functional
   * ones, and adds the notification when it is for the person on this device.
   */
  private async fireForIncident(incidentId: string, context: RunnerContext): Promise<void> {
    const { db } = this.environment;
    const result = await runWriteCommand(this.environment, [db.incidents, db.timelineEntries, db.notifications], async (recorder) => {
      const handled: string[] = [];
      const created: NotificationRow[] = [];
      const stored = await db.incidents.get(incidentId);
      if (!stored || !isEscalatable(stored)) return { handled, created };
      const plan = planEscalations(stored, () => computeServiceLevelWithPolicy(stored, context.policy, recorder.nowIso), context.rules, recorder.nowIso);
      const canWrite = canWriteEscalation(context.profile, stored);
      // Generated sample incidents never reach a team server; neither do their escalations.
      if (canWrite && stored.source === 'sample') recorder.keepLocal();
      let current: Incident = stored;
      let patch: Partial<StoredIncident> = {};
      for (const escalation of plan.due) {
        const entryId = escalationEntryId(escalation.key);
        const outcome = applyAutomaticEscalation(current, escalation, context.teams);
        let hasEntry = (await db.timelineEntries.get(entryId)) !== undefined;
        if (!hasEntry && canWrite) {
          // Every field is a function of synced data (no device clock, no device id), so another
          // device firing the same escalation writes exactly this row.
          const entry: TimelineEntry = {
            id: entryId,
            incidentId,
            kind: 'escalation',
            text: outcome.summary,
            occurredAt: escalation.triggerAtIso,
            recordedAt: escalation.triggerAtIso,
            author: automaticEscalationAuthor,
            deviceId: automaticEscalationDeviceId,
            correctsEntryId: null,
          };
          await db.timelineEntries.add(recorder.stampNew('timelineEntries', entryId, entry));
          patch = { ...patch, ...outcome.patch, updatedAt: recorder.nowIso };
          current = { ...current, ...outcome.patch };
          hasEntry = true;
        }
        if (!hasEntry) continue;
        if (isForLocalPerson(context.profile, outcome.recipients)) {
          const notificationId = escalationNotificationId(escalation.key);
          if ((await db.notifications.get(notificationId)) === undefined) {
            const notification: NotificationRow = {
              id: notificationId,
              incidentId,
              title: `${stored.reference} escalated`,
              body: `Rule "${escalation.rule.name}": ${escalation.reason}.`,
              createdAt: recorder.nowIso,
              readAt: null,
            };
            await db.notifications.add(notification);
            created.push(notification);
          }
        }
        handled.push(escalation.key);
      }
      if (Object.keys(patch).length > 0) await saveIncident(db, recorder.stampPatch('incidents', incidentId, stored, patch));
      return { handled, created };
    });
    for (const key of result.handled) this.handledKeys.add(key);
    for (const notification of result.created) this.options.notify?.({ title: notification.title, body: notification.body });
  }
}

/**
 * Starts the runner: it loads the open incidents, fires what is due, and follows changes until
 * stopped. Call once per app (renderer/main.tsx).
 */
export function startEscalationRunner(environment: DataEnvironment, options: EscalationRunnerOptions = {}): EscalationRunner {
  const runner = new AutomaticEscalationRunner(environment, options);
  runner.start();
  return runner;
}
