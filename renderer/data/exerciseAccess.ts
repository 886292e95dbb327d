/**
 * Who may do what in tabletop exercises, checked by the exercise commands before they write.
 * The team server only knows "viewers write nothing" for the exercise tables (shared/sync/
 * protocol.ts); the finer rules are the app's:
 * - viewers write nothing;
 * - players (any other role) acknowledge injects, record decisions, open exercise incidents,
 *   add hot-wash comments, move corrective actions on (not to verified), and may release injects
 *   that are due by the clock (idempotent, so any device may do it while the facilitator's is away);
 * - running a run (start, pause, speed, jump, release by hand, ad hoc injects, finish) and
 *   evaluating it (scores, observations, ratings, corrective actions, verifying one) needs the
 *   run's facilitator or a trainer, lead or administrator;
 * - the scenario library is written by trainers, leads and administrators (scenarios hold the
 *   facilitator's notes and the expected answers).
 */
import type { ExerciseRunRecord } from '../../shared/domain/exerciseRecords';
import { appRoleLabels, type AppRole, type PersonRef, type Profile } from '../../shared/domain/people';
import { commandFailed, type CommandResult, type DataEnvironment } from './dataEnvironment';
import { readProfile, toPersonRef } from './profile';

export type ExerciseActor = { person: PersonRef; role: AppRole };

const noProfile = 'Set up your profile first: every exercise record says who made it.';
const exerciseLeadRoles: readonly AppRole[] = ['trainer', 'lead', 'admin'];

/** The profile as an actor that may write exercise data at all (not a viewer). */
export async function readExercisePlayer(environment: DataEnvironment): Promise<CommandResult<ExerciseActor>> {
  const profile: Profile | null = await readProfile(environment);
  if (!profile) return commandFailed(noProfile);
  if (profile.role === 'viewer') return commandFailed('Viewers can follow an exercise but not change it. Nothing was saved.');
  return { ok: true, value: { person: toPersonRef(profile), role: profile.role } };
}

/** Whether the actor may run and evaluate this run: its facilitator, or a trainer, lead or administrator. */
export function canFacilitate(actor: ExerciseActor, run: Pick<ExerciseRunRecord, 'facilitator'>): boolean {
  return run.facilitator.id === actor.person.id || exerciseLeadRoles.includes(actor.role);
}

export function requireFacilitator(actor: ExerciseActor, run: Pick<ExerciseRunRecord, 'facilitator'>): CommandResult<ExerciseActor> {
  return canFacilitate(actor, run)
    ? { ok: true, value: actor }
    : commandFailed(`Only the facilitator (${run.facilitator.name}) or a trainer, lead or administrator can do that; your role is ${appRoleLabels[actor.role]}. Nothing was saved.`);
}

/** Whether the actor may write the scenario library. */
export function canWriteScenarios(role: AppRole): boolean {
  return exerciseLeadRoles.includes(role);
}

export async function readScenarioAuthor(environment: DataEnvironment, field = 'form'): Promise<CommandResult<ExerciseActor>> {
  const actor = await readExercisePlayer(environment);
  if (!actor.ok) return actor.errors.form ? commandFailed(actor.errors.form, field) : actor;
  return canWriteScenarios(actor.value.role)
    ? actor
    : commandFailed(`Your profile role (${appRoleLabels[actor.value.role]}) cannot change exercise scenarios; ask a trainer or a lead. Nothing was saved.`, field);
}
