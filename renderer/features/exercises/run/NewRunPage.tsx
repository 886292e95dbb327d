/**
 * `/exercises/runs/new?scenario=<id>&speed=10&mode=room`: makes a run of a scenario and opens its
 * console. The scenario library's "Start a run" links here, so making a run lives in one place.
 */
import { useEffect, useRef, useState } from 'react';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { exerciseModeSchema } from '../../../../shared/domain/exerciseRecords';
import { getDataEnvironment } from '../../../data/dataEnvironment';
import { readScenario } from '../../../data/exerciseQueries';
import { createExerciseRun } from '../../../data/exerciseRunCommands';
import { seedStarterScenarios } from '../../../data/exerciseScenarioCommands';
import { commandErrorText } from './commandError';

export function NewRunPage() {
  const [params] = useSearchParams();
  const navigate = useNavigate();
  const [error, setError] = useState<string | null>(null);
  const hasStarted = useRef(false);
  const scenarioId = params.get('scenario') ?? '';
  const speed = Number(params.get('speed') ?? '1');
  const mode = exerciseModeSchema.safeParse(params.get('mode') ?? 'room');

  useEffect(() => {
    // Once per visit, even when React runs effects twice in development.
    if (hasStarted.current) return;
    hasStarted.current = true;
    void (async () => {
      const environment = getDataEnvironment();
      await seedStarterScenarios(environment);
      const scenario = await readScenario(environment, scenarioId);
      if (!scenario) {
        setError('That scenario is not on this device: it may have been deleted, or not synced here yet. No run was made.');
        return;
      }
      if (!mode.success) {
        setError('Choose room or team mode. No run was made.');
        return;
      }
      const result = await createExerciseRun(environment, { scenarioId, title: scenario.title, mode: mode.data, initialMultiplier: Number.isFinite(speed) ? speed : 1, scheduledFor: null });
      if (!result.ok) {
        setError(`${commandErrorText(result)} No run was made.`);
        return;
      }
      void navigate(`/exercises/runs/${result.value.id}`, { replace: true });
    })();
  }, [scenarioId, speed, mode, navigate]);

  return (
    <section className="page" aria-labelledby="new-run-title" aria-busy={error === null}>
      <h1 id="new-run-title">New exercise run</h1>
      {error ? (
        <>
          <p className="form-error" role="alert">
            {error}
          </p>
          <p>
            <Link to="/exercises">Back to the exercises</Link>
          </p>
        </>
      ) : (
        <p className="muted">Setting up the run…</p>
      )}
    </section>
  );
}
