import { incidentCategoryLabels } from '../../../shared/domain/taxonomy';
import { Timestamp } from '../../components/Timestamp';
import type { HistoryImportPlan } from '../../data/historyImport';

/** How many new records and skips are listed; the counts above always cover all of them. */
const shownRows = 25;

/** What an import will do, before it does it: new records, ones imported before, skips with reasons. */
export function HistoryImportPreview({ plan }: { plan: HistoryImportPlan }) {
  return (
    <section className="card" aria-labelledby="preview-title">
      <h2 id="preview-title">Preview</h2>
      <p data-testid="import-preview-counts">
        {plan.toAdd.length.toLocaleString()} new incidents, {plan.alreadyImported.length.toLocaleString()} imported before (left as they are),{' '}
        {plan.skipped.length.toLocaleString()} skipped.
      </p>
      {plan.warnings.length > 0 ? (
        <ul className="import-warnings" aria-label="Import notes">
          {plan.warnings.map((warning) => (
            <li key={warning}>{warning}</li>
          ))}
        </ul>
      ) : null}
      {plan.toAdd.length > 0 ? (
        <table className="import-preview-table">
          <caption className="visually-hidden">First new incidents</caption>
          <thead>
            <tr>
              <th scope="col">Reference</th>
              <th scope="col">Title</th>
              <th scope="col">Reported</th>
              <th scope="col">Category</th>
              <th scope="col">Priority</th>
              <th scope="col">Stage</th>
            </tr>
          </thead>
          <tbody>
            {plan.toAdd.slice(0, shownRows).map(({ incident }) => (
              <tr key={incident.id}>
                <td>{incident.reference}</td>
                <td>{incident.title}</td>
                <td>
                  {incident.datePrecision === 'exact' || incident.datePrecision === 'day' ? (
                    <Timestamp iso={incident.reportedAt} />
                  ) : (
                    // Only the month or year is known: show no more than that.
                    incident.reportedAt.slice(0, incident.datePrecision === 'month' ? 7 : 4)
                  )}
                </td>
                <td>{incidentCategoryLabels[incident.category]}</td>
                <td>{incident.priority}</td>
                <td>{incident.stage.replace('_', ' ')}</td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
      {plan.toAdd.length > shownRows ? <p className="muted">and {(plan.toAdd.length - shownRows).toLocaleString()} more.</p> : null}
      {plan.skipped.length > 0 ? (
        <details>
          <summary>Skipped records and why ({plan.skipped.length.toLocaleString()})</summary>
          <ul aria-label="Skipped records">
            {plan.skipped.slice(0, 500).map((skip) => (
              <li key={`${skip.sourceKey}:${skip.reason}`}>
                <strong>{skip.sourceKey}</strong>: {skip.reason}
              </li>
            ))}
          </ul>
          {plan.skipped.length > 500 ? <p className="muted">and {(plan.skipped.length - 500).toLocaleString()} more.</p> : null}
        </details>
      ) : null}
    </section>
  );
}
