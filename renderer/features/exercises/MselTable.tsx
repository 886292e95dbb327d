import { injectChannelLabels, injectsInMselOrder, type Inject } from '../../../shared/domain/exerciseScenario';
import { formatAutoCheck } from '../../../shared/formats/mselCsv';
import { describeRelease } from './scenarioDisplay';

/** The master scenario events list: one row per inject, in MSEL order, with its expected actions. */
export function MselTable({ injects }: { injects: readonly Inject[] }) {
  if (injects.length === 0) return <p className="list-empty">This scenario has no injects yet. Add them with Edit, or import an MSEL CSV.</p>;
  return (
    <div className="table-scroll">
      <table className="data-table msel-table">
        <caption>Master scenario events list</caption>
        <thead>
          <tr>
            <th scope="col">MSEL #</th>
            <th scope="col">Release</th>
            <th scope="col">Channel</th>
            <th scope="col">From</th>
            <th scope="col">To</th>
            <th scope="col">Title</th>
            <th scope="col">Expected actions</th>
          </tr>
        </thead>
        <tbody>
          {injectsInMselOrder(injects).map((inject) => (
            <tr key={inject.id}>
              <td>{inject.mselNumber}</td>
              <td>{describeRelease(inject, injects)}</td>
              <td>{injectChannelLabels[inject.channel]}</td>
              <td>{inject.fromPersona}</td>
              <td>{inject.toAudience}</td>
              <th scope="row">{inject.title}</th>
              <td>
                {inject.expectedActions.length === 0 ? (
                  <span className="muted">None</span>
                ) : (
                  <ul className="expected-actions">
                    {inject.expectedActions.map((action) => (
                      <li key={action.id}>
                        {action.description} ({action.points === 1 ? '1 point' : `${action.points} points`})
                        {action.check ? (
                          <>
                            {' '}
                            <abbr className="badge" title={`Checked automatically: ${formatAutoCheck(action.check)}`}>
                              auto
                            </abbr>
                          </>
                        ) : null}
                      </li>
                    ))}
                  </ul>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
