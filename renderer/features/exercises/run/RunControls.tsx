import { useState } from 'react';
import { nextJumpTarget, type ExerciseRunState } from '../../../../shared/domain/exerciseClock';
import type { CommandResult } from '../../../data/dataEnvironment';
import { getDataEnvironment } from '../../../data/dataEnvironment';
import { jumpToNextInject, pauseRun, resumeRun, setRunSpeed, startRun, finishRun } from '../../../data/exerciseRunCommands';
import type { ExerciseRunWithEvents } from '../../../data/exerciseQueries';
import { AdhocInjectDialog } from './AdhocInjectDialog';
import { commandErrorText } from './commandError';
import { FinishRunDialog } from './FinishRunDialog';
import { formatSpeed, runSpeeds } from './runFormat';

/** The facilitator's toolbar: start, pause, resume, speed, jump, finish and ad hoc injects. */
export function RunControls({ entry, state }: { entry: ExerciseRunWithEvents; state: ExerciseRunState }) {
  const runId = entry.run.id;
  const [error, setError] = useState<string | null>(null);
  const [isFinishOpen, setFinishOpen] = useState(false);
  const [isAdhocOpen, setAdhocOpen] = useState(false);
  const isLive = state.status === 'running' || state.status === 'paused';
  const canJump = isLive && nextJumpTarget(entry.run.scenario, entry.events, state.nowMs, entry.run.initialMultiplier) !== null;
  const speeds: readonly number[] = runSpeeds.includes(state.multiplier as (typeof runSpeeds)[number]) ? runSpeeds : [...runSpeeds, state.multiplier].sort((left, right) => left - right);

  const run = async (command: () => Promise<CommandResult<unknown>>) => {
    setError(commandErrorText(await command()));
  };
  const environment = getDataEnvironment();

  return (
    <>
      <div className="run-controls" role="toolbar" aria-label="Run controls">
        {state.status === 'scheduled' ? (
          <button type="button" className="primary" onClick={() => void run(() => startRun(environment, runId))}>
            Start
          </button>
        ) : null}
        {state.status === 'running' ? (
          <button type="button" onClick={() => void run(() => pauseRun(environment, runId))}>
            Pause
          </button>
        ) : null}
        {state.status === 'paused' ? (
          <button type="button" className="primary" onClick={() => void run(() => resumeRun(environment, runId))}>
            Resume
          </button>
        ) : null}
        <label className="inline-field">
          Speed
          <select value={String(state.multiplier)} disabled={state.status === 'finished'} onChange={(event) => void run(() => setRunSpeed(environment, runId, Number(event.target.value)))}>
            {speeds.map((speed) => (
              <option key={speed} value={String(speed)}>
                {formatSpeed(speed)}
              </option>
            ))}
          </select>
        </label>
        <button type="button" disabled={!canJump} onClick={() => void run(() => jumpToNextInject(environment, runId))}>
          Jump to next inject
        </button>
        <button type="button" disabled={state.status === 'finished'} onClick={() => setAdhocOpen(true)}>
          Add ad-hoc inject
        </button>
        <button type="button" disabled={!isLive} onClick={() => setFinishOpen(true)}>
          Finish
        </button>
      </div>
      {error ? (
        <p className="form-error" role="alert">
          {error}
        </p>
      ) : null}
      <AdhocInjectDialog runId={runId} isOpen={isAdhocOpen} onClose={() => setAdhocOpen(false)} />
      <FinishRunDialog
        isOpen={isFinishOpen}
        onClose={() => setFinishOpen(false)}
        onConfirm={() => {
          setFinishOpen(false);
          void run(() => finishRun(environment, runId));
        }}
      />
    </>
  );
}
