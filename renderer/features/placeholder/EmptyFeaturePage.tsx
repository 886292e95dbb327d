/** An honest page for areas that later releases fill in. */
export function EmptyFeaturePage({ title, description }: { title: string; description: string }) {
  return (
    <section className="empty-page" aria-labelledby="empty-page-title">
      <h1 id="empty-page-title">{title}</h1>
      <p>{description}</p>
      <p className="muted">This area is not built yet. Incidents and Settings work today, fully offline.</p>
    </section>
  );
}
