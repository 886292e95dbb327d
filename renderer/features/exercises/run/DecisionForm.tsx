import { useState, type FormEvent } from 'react';
import { FieldError } from '../../../components/FieldError';
import { TextField } from '../../../components/TextField';
import { getDataEnvironment } from '../../../data/dataEnvironment';
import { recordDecision } from '../../../data/exerciseRecordCommands';

/** Records a decision the players took, with the options they weighed. */
export function DecisionForm({ runId }: { runId: string }) {
  const [question, setQuestion] = useState('');
  const [options, setOptions] = useState('');
  const [choice, setChoice] = useState('');
  const [rationale, setRationale] = useState('');
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [saved, setSaved] = useState<string | null>(null);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const optionsConsidered = options
      .split('\n')
      .map((line) => line.trim())
      .filter((line) => line !== '');
    const result = await recordDecision(getDataEnvironment(), runId, { injectId: null, question, optionsConsidered, choice, rationale });
    if (!result.ok) {
      setErrors(result.errors);
      setSaved(null);
      return;
    }
    setErrors({});
    setSaved(`Decision recorded: ${result.value.choice}`);
    setQuestion('');
    setOptions('');
    setChoice('');
    setRationale('');
  };
  const optionsError = Object.entries(errors).find(([field]) => field.startsWith('optionsConsidered'))?.[1];

  return (
    <section className="card run-section" aria-labelledby="decision-title">
      <h2 id="decision-title">Record a decision</h2>
      <form className="form" aria-labelledby="decision-title" onSubmit={(event) => void submit(event)} noValidate>
        {errors.form ? (
          <p className="form-error" role="alert">
            {errors.form}
          </p>
        ) : null}
        <TextField id="decision-question" label="Question" value={question} onChange={setQuestion} error={errors.question} maxLength={300} />
        <div className="field">
          <label htmlFor="decision-options">Options considered (one per line)</label>
          <textarea
            id="decision-options"
            rows={3}
            value={options}
            aria-invalid={optionsError ? true : undefined}
            aria-describedby={optionsError ? 'decision-options-error' : undefined}
            onChange={(event) => setOptions(event.target.value)}
          />
          <FieldError id="decision-options-error" message={optionsError} />
        </div>
        <TextField id="decision-choice" label="Choice" value={choice} onChange={setChoice} error={errors.choice} maxLength={300} />
        <div className="field">
          <label htmlFor="decision-rationale">Rationale</label>
          <textarea
            id="decision-rationale"
            rows={2}
            value={rationale}
            aria-invalid={errors.rationale ? true : undefined}
            aria-describedby={errors.rationale ? 'decision-rationale-error' : undefined}
            onChange={(event) => setRationale(event.target.value)}
          />
          <FieldError id="decision-rationale-error" message={errors.rationale} />
        </div>
        <p className="form-actions">
          <button type="submit" className="primary">
            Record decision
          </button>
          {saved ? (
            <span role="status" className="muted">
              {saved}
            </span>
          ) : null}
        </p>
      </form>
    </section>
  );
}
