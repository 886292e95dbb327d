import { useRouteError } from 'react-router';

/** Shown when a page fails to render; saved data is untouched, so reloading is safe. */
export function RouteError() {
  const error = useRouteError();
  const message = error instanceof Error ? error.message : 'Unknown error';
  return (
    <div className="route-error" role="alert">
      <h1>Something went wrong on this page</h1>
      <p>Your saved data is safe: it lives in this device's database and nothing was lost.</p>
      <p className="muted">Details: {message}</p>
      <button type="button" onClick={() => window.location.reload()}>
        Reload Firebreak
      </button>
    </div>
  );
}
