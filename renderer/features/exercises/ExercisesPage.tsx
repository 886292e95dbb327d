import { useEffect, useState } from 'react';
import { appRoleLabels } from '../../../shared/domain/people';
import { getDataEnvironment } from '../../data/dataEnvironment';
import { canWriteScenarios } from '../../data/exerciseAccess';
import { seedStarterScenarios } from '../../data/exerciseScenarioCommands';
import { useProfile } from '../../data/profile';
import { CorrectiveActionList } from './CorrectiveActionList';
import { ExerciseRunList } from './ExerciseRunList';
import { ExerciseScoresChart } from './ExerciseScoresChart';
import { ScenarioLibrary } from './ScenarioLibrary';

/** /exercises: the scenario library, the runs, scores across exercises and the improvement plan. */
export function ExercisesPage() {
  const profile = useProfile();
  const [seedError, setSeedError] = useState('');
  const canWrite = profile ? canWriteScenarios(profile.role) : false;

  // Seeding adds only starters this device has never seen, so running it on every visit is safe.
  useEffect(() => {
    seedStarterScenarios(getDataEnvironment()).catch((error: unknown) => {
      setSeedError(`The starter scenarios could not be added: ${error instanceof Error ? error.message : String(error)}. Your own scenarios are unchanged.`);
    });
  }, []);

  return (
    <section className="page exercises-page" aria-labelledby="exercises-title">
      <header className="page-header">
        <h1 id="exercises-title">Exercises</h1>
      </header>
      <p className="muted">
        Tabletop exercises: scenarios with a master scenario events list (MSEL) of injects, runs of them with a facilitator and players, scores across
        exercises, and the corrective actions they lead to.
      </p>
      {profile && !canWrite ? (
        <p className="read-only-note" role="note">
          Your profile role is {appRoleLabels[profile.role]}: you can read scenarios, export them and start runs. Trainers, leads and administrators write
          and import scenarios.
        </p>
      ) : null}
      {seedError ? (
        <p role="alert" className="form-error">
          {seedError}
        </p>
      ) : null}
      <ScenarioLibrary canWrite={canWrite} />
      <ExerciseRunList />
      <ExerciseScoresChart />
      <CorrectiveActionList />
    </section>
  );
}
