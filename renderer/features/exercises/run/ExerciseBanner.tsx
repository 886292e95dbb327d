/** The persistent marker that exercise data is on screen (ux.md: exercise mode is unmistakable). */
export function ExerciseBanner({ text = 'Exercise: not real. Nothing here counts in real metrics or pages anyone.' }: { text?: string }) {
  return (
    <p className="exercise-banner" role="note">
      {text}
    </p>
  );
}
