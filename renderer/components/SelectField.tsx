import { FieldError } from './FieldError';

type SelectFieldProps<T extends string> = {
  id: string;
  label: string;
  value: T;
  options: readonly { value: T; label: string }[];
  onChange: (value: T) => void;
  error?: string | undefined;
  className?: string;
};

/** A labelled <select> with its validation message beside it. */
export function SelectField<T extends string>({ id, label, value, options, onChange, error, className = 'field' }: SelectFieldProps<T>) {
  return (
    <div className={className}>
      <label htmlFor={id}>{label}</label>
      <select
        id={id}
        value={value}
        aria-invalid={error ? true : undefined}
        aria-describedby={error ? `${id}-error` : undefined}
        onChange={(event) => onChange(event.target.value as T)}
      >
        {options.map((option) => (
          <option key={option.value} value={option.value}>
            {option.label}
          </option>
        ))}
      </select>
      <FieldError id={`${id}-error`} message={error} />
    </div>
  );
}

/** Options from a list of values and a label for each. */
export function optionsOf<T extends string>(values: readonly T[], labels: Record<T, string> | ((value: T) => string)): { value: T; label: string }[] {
  return values.map((value) => ({ value, label: typeof labels === 'function' ? labels(value) : labels[value] }));
}
