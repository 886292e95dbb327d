import { exerciseRunStatusLabels, type ExerciseRunState } from '../../../../shared/domain/exerciseClock';
import { formatExerciseClock, formatSpeed } from './runFormat';

/** Status, exercise time and speed; large on the presentation view. */
export function RunClock({ state, isLarge = false }: { state: ExerciseRunState; isLarge?: boolean }) {
  return (
    <div role="timer" aria-label="Exercise clock" className={isLarge ? 'run-clock run-clock-large' : 'run-clock'} data-status={state.status}>
      <span className="run-clock-status">{exerciseRunStatusLabels[state.status]}</span>
      <span className="run-clock-time" data-testid="exercise-time">
        {formatExerciseClock(state.exerciseMs)}
      </span>
      <span className="run-clock-speed">at {formatSpeed(state.multiplier)}</span>
    </div>
  );
}
