import { useMemo, type FormEvent } from 'react';
import { categoriesByKind, incidentCategoryLabels, incidentKindLabels, incidentKinds, type IncidentCategory } from '../../../shared/domain/taxonomy';
import { dateOrders, serviceNowFieldLabels, serviceNowFields, type ServiceNowCsvTable, type ServiceNowMapping } from '../../../shared/formats/serviceNowCsv';

const dateOrderLabels: Record<ServiceNowMapping['dateOrder'], string> = {
  'day-month-year': 'Day, month, year (29-02-2016)',
  'month-day-year': 'Month, day, year (02/29/2016)',
  'year-month-day': 'Year, month, day (2016-02-29)',
};

/** At most this many distinct category values get a row of their own; the rest become "Other". */
const maxCategoryRows = 200;

type Props = {
  table: ServiceNowCsvTable;
  mapping: ServiceNowMapping;
  onChange: (mapping: ServiceNowMapping) => void;
  onSubmit: () => void;
  isBusy: boolean;
};

/** The column-mapping step of a CSV import: which column holds what, and what each category means here. */
export function ServiceNowMappingForm({ table, mapping, onChange, onSubmit, isBusy }: Props) {
  const categoryColumn = mapping.columns.category;
  const categoryValues = useMemo(() => {
    const index = categoryColumn ? table.headers.indexOf(categoryColumn) : -1;
    if (index < 0) return [];
    const counts = new Map<string, number>();
    for (const row of table.rows) {
      const value = row[index]?.trim();
      if (value && value !== '?') counts.set(value, (counts.get(value) ?? 0) + 1);
    }
    return [...counts.entries()].sort((left, right) => right[1] - left[1] || left[0].localeCompare(right[0]));
  }, [table, categoryColumn]);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    onSubmit();
  };
  const setCategory = (value: string, category: IncidentCategory | '') => {
    const categories = { ...mapping.categories };
    if (category === '') delete categories[value];
    else categories[value] = category;
    onChange({ ...mapping, categories });
  };

  return (
    <form className="card import-mapping" aria-labelledby="mapping-title" onSubmit={submit} noValidate>
      <h2 id="mapping-title">Match the columns</h2>
      <p className="muted">
        {table.rows.length.toLocaleString()} rows, {table.headers.length} columns. Firebreak guessed from ServiceNow&apos;s own column names;
        this mapping is remembered for files with the same columns.
      </p>
      <fieldset className="mapping-columns">
        <legend>Columns</legend>
        {serviceNowFields.map((field) => (
          <div className="field" key={field}>
            <label htmlFor={`mapping-${field}`}>
              {serviceNowFieldLabels[field]}
              {field === 'number' || field === 'openedAt' ? ' (required)' : ''}
            </label>
            <select
              id={`mapping-${field}`}
              value={mapping.columns[field] ?? ''}
              onChange={(event) => onChange({ ...mapping, columns: { ...mapping.columns, [field]: event.target.value === '' ? null : event.target.value } })}
            >
              <option value="">Not in this file</option>
              {table.headers.map((header) => (
                <option key={header} value={header}>
                  {header}
                </option>
              ))}
            </select>
          </div>
        ))}
      </fieldset>
      <fieldset className="mapping-dates">
        <legend>Dates and kind</legend>
        <div className="field">
          <label htmlFor="mapping-date-order">Date order</label>
          <select id="mapping-date-order" value={mapping.dateOrder} onChange={(event) => onChange({ ...mapping, dateOrder: event.target.value as ServiceNowMapping['dateOrder'] })}>
            {dateOrders.map((order) => (
              <option key={order} value={order}>
                {dateOrderLabels[order]}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="mapping-time-zone">Time zone of the dates</label>
          <input id="mapping-time-zone" value={mapping.timeZone} onChange={(event) => onChange({ ...mapping, timeZone: event.target.value.trim() })} />
        </div>
        <div className="field">
          <label htmlFor="mapping-kind">Kind of incident</label>
          <select
            id="mapping-kind"
            value={mapping.kind}
            onChange={(event) => {
              const kind = event.target.value as ServiceNowMapping['kind'];
              // Categories of the other kind no longer apply.
              const categories = Object.fromEntries(Object.entries(mapping.categories).filter(([, category]) => categoriesByKind[kind].includes(category)));
              onChange({ ...mapping, kind, categories });
            }}
          >
            {incidentKinds.map((kind) => (
              <option key={kind} value={kind}>
                {incidentKindLabels[kind]}
              </option>
            ))}
          </select>
        </div>
      </fieldset>
      {categoryValues.length > 0 ? (
        <fieldset className="mapping-categories">
          <legend>Categories</legend>
          <p className="muted">Values left on “Other” are imported as Other.</p>
          {categoryValues.slice(0, maxCategoryRows).map(([value, count]) => (
            <div className="field" key={value}>
              <label htmlFor={`mapping-category-${value}`}>
                Category for “{value}” <span className="muted">({count.toLocaleString()} rows)</span>
              </label>
              <select id={`mapping-category-${value}`} value={mapping.categories[value] ?? ''} onChange={(event) => setCategory(value, event.target.value as IncidentCategory | '')}>
                <option value="">Other</option>
                {categoriesByKind[mapping.kind]
                  .filter((category) => category !== 'other')
                  .map((category) => (
                    <option key={category} value={category}>
                      {incidentCategoryLabels[category]}
                    </option>
                  ))}
              </select>
            </div>
          ))}
          {categoryValues.length > maxCategoryRows ? (
            <p className="muted">{(categoryValues.length - maxCategoryRows).toLocaleString()} rarer values are imported as Other.</p>
          ) : null}
        </fieldset>
      ) : null}
      <div className="form-actions">
        <button type="submit" className="primary" disabled={isBusy}>
          Preview import
        </button>
      </div>
    </form>
  );
}
