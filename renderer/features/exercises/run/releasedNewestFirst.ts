import type { ExerciseRunState, ReleasedInject } from '../../../../shared/domain/exerciseClock';
import type { Inject } from '../../../../shared/domain/exerciseScenario';

export type ReleasedInjectView = { inject: Inject; release: ReleasedInject };

/** Released injects, the latest first (ties: the higher MSEL number first, as it was sent after). */
export function releasedNewestFirst(state: Pick<ExerciseRunState, 'injects' | 'released'>): ReleasedInjectView[] {
  return state.injects
    .flatMap((inject) => {
      const release = state.released.get(inject.id);
      return release ? [{ inject, release }] : [];
    })
    .sort((left, right) => right.release.wallMs - left.release.wallMs || right.inject.mselNumber - left.inject.mselNumber);
}
