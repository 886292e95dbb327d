import { useRef, useState, type FormEvent } from 'react';
import { FieldError } from '../../components/FieldError';
import { getDataEnvironment } from '../../data/dataEnvironment';
import { generateSampleData, removeSampleData, type SampleDataProgress } from '../../data/sampleDataCommand';

/** Realistic incidents for demos, training and benchmarks; kept on this device only. */
export function SampleDataPanel() {
  const [count, setCount] = useState('500');
  const [periodDays, setPeriodDays] = useState('90');
  const [seed, setSeed] = useState('1');
  const [progress, setProgress] = useState<SampleDataProgress | null>(null);
  const [message, setMessage] = useState('');
  const [errors, setErrors] = useState<Record<string, string>>({});
  const controller = useRef<AbortController | null>(null);
  const [isConfirmingRemoval, setIsConfirmingRemoval] = useState(false);

  const remove = async () => {
    setIsConfirmingRemoval(false);
    setMessage('');
    setProgress({ written: 0, total: 0 });
    try {
      const { removed } = await removeSampleData(getDataEnvironment(), setProgress);
      setMessage(removed === 0 ? 'There was no sample data to remove.' : `Removed ${removed.toLocaleString()} sample incidents. Real incidents were not touched.`);
    } finally {
      setProgress(null);
    }
  };

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    controller.current = new AbortController();
    setErrors({});
    setMessage('');
    const startedMs = performance.now();
    setProgress({ written: 0, total: Number(count) || 0 });
    let result: Awaited<ReturnType<typeof generateSampleData>>;
    try {
      result = await generateSampleData(
        getDataEnvironment(),
        { count: Number(count), periodDays: Number(periodDays), seed: Number(seed), endMs: Date.now() },
        setProgress,
        controller.current.signal,
      );
    } catch (error) {
      setMessage(`Generation stopped: ${error instanceof Error ? error.message : String(error)}. Incidents written before the problem are kept.`);
      return;
    } finally {
      controller.current = null;
      setProgress(null);
    }
    if (!result.ok) {
      setErrors(result.errors);
      return;
    }
    const seconds = ((performance.now() - startedMs) / 1000).toFixed(1);
    setMessage(
      result.value.cancelled
        ? `Stopped after ${result.value.written.toLocaleString()} incidents; those are kept.`
        : `Generated ${result.value.written.toLocaleString()} sample incidents in ${seconds} s.`,
    );
  };

  const field = (id: string, label: string, value: string, onChange: (next: string) => void, errorKey: string) => (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <input
        id={id}
        type="number"
        inputMode="numeric"
        value={value}
        aria-invalid={Boolean(errors[errorKey])}
        aria-describedby={errors[errorKey] ? `${id}-error` : undefined}
        onChange={(event) => onChange(event.target.value)}
      />
      <FieldError id={`${id}-error`} message={errors[errorKey]} />
    </div>
  );

  return (
    <section className="card" aria-labelledby="settings-sample-title">
      <h2 id="settings-sample-title">Sample data</h2>
      <p className="muted">
        Generates realistic incidents with full lifecycles and timelines over a period ending today. The same seed always gives the same
        incidents. Sample incidents stay on this device and are never sent to a team server.
      </p>
      <form className="form-row" onSubmit={submit} noValidate>
        {field('sample-count', 'Number of incidents', count, setCount, 'count')}
        {field('sample-period', 'Period in days', periodDays, setPeriodDays, 'periodDays')}
        {field('sample-seed', 'Seed', seed, setSeed, 'seed')}
        <div className="form-actions">
          <button type="submit" className="primary" disabled={progress !== null}>
            Generate sample data
          </button>
          {progress ? (
            <button type="button" onClick={() => controller.current?.abort()}>
              Stop generating
            </button>
          ) : isConfirmingRemoval ? (
            <>
              <button type="button" className="danger" onClick={() => void remove()}>
                Yes, remove all sample incidents
              </button>
              <button type="button" onClick={() => setIsConfirmingRemoval(false)}>
                Keep them
              </button>
            </>
          ) : (
            <button type="button" onClick={() => setIsConfirmingRemoval(true)}>
              Remove sample data
            </button>
          )}
        </div>
      </form>
      {progress ? (
        <div className="progress" ref={(element) => element?.scrollIntoView({ block: 'nearest' })}>
          <progress aria-label="Sample data progress" max={progress.total} value={progress.written} />
          <span>
            {progress.written.toLocaleString()} of {progress.total.toLocaleString()}
          </span>
        </div>
      ) : null}
      {errors.form || errors.endMs ? (
        <p role="alert" className="form-error">
          {errors.form ?? errors.endMs}
        </p>
      ) : null}
      <p role="status" className="muted" data-testid="sample-data-status">
        {message}
      </p>
    </section>
  );
}
