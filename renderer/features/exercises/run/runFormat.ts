/** How the run screens write exercise time and speeds. */

function pad(value: number): string {
  return value.toString().padStart(2, '0');
}

/** "+01:02:03": the exercise clock, to the second. */
export function formatExerciseClock(exerciseMs: number): string {
  const totalSeconds = Math.floor(Math.max(0, exerciseMs) / 1000);
  const hours = Math.floor(totalSeconds / 3600);
  return `+${pad(hours)}:${pad(Math.floor(totalSeconds / 60) % 60)}:${pad(totalSeconds % 60)}`;
}

/** "+12:30": minutes and seconds of exercise time (minutes go past 59 rather than wrapping). */
export function formatExerciseMinutes(exerciseMs: number): string {
  const totalSeconds = Math.floor(Math.max(0, exerciseMs) / 1000);
  return `+${pad(Math.floor(totalSeconds / 60))}:${pad(totalSeconds % 60)}`;
}

/** The speeds the console offers. */
export const runSpeeds = [1, 2, 5, 10, 30, 60] as const;

export function formatSpeed(multiplier: number): string {
  return `${multiplier}x`;
}
