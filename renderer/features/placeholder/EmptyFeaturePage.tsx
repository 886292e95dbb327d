import { Link } from 'react-router';

type EmptyFeaturePageProps = { title: string; description: string; isPlanned?: boolean };

/** An honest page for areas that later releases fill in, and for addresses that lead nowhere. */
export function EmptyFeaturePage({ title, description, isPlanned = true }: EmptyFeaturePageProps) {
  return (
    <section className="empty-page" aria-labelledby="empty-page-title">
      <h1 id="empty-page-title">{title}</h1>
      <p>{description}</p>
      {isPlanned ? <p className="muted">This area is not built yet. Incidents and Settings work today, fully offline.</p> : null}
      <p>
        <Link to="/incidents">Go to the incident list</Link>
      </p>
    </section>
  );
}
