import type { DrillHandler, DrillTarget } from './drillTarget';

export type TrendTableCell = { text: string; drill?: DrillTarget | undefined };
export type TrendTableRow = { key: string; header: string; cells: TrendTableCell[] };

/**
 * A chart's numbers as a table: the keyboard and screen-reader way to read a chart, and to drill
 * down (each count is a button that opens the incidents behind it, like clicking the chart).
 */
export function TrendDataTable({ caption, columns, rows, onDrill }: { caption: string; columns: readonly string[]; rows: readonly TrendTableRow[]; onDrill?: DrillHandler | undefined }) {
  return (
    <div className="trend-table-scroll">
      <table className="trend-table">
        <caption className="visually-hidden">{caption}</caption>
        <thead>
          <tr>
            {columns.map((column) => (
              <th key={column} scope="col">
                {column}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <tr key={row.key}>
              <th scope="row">{row.header}</th>
              {row.cells.map((cell, index) => (
                <td key={index}>
                  {cell.drill && onDrill ? (
                    <button type="button" className="link-button cell-drill" aria-label={`${cell.text}: show the incidents behind ${cell.drill.label}`} onClick={() => onDrill(cell.drill!)}>
                      {cell.text}
                    </button>
                  ) : (
                    cell.text
                  )}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
