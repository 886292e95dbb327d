import { useState, type FormEvent } from 'react';
import { injectChannelLabels, injectChannels, type InjectChannel } from '../../../../shared/domain/exerciseScenario';
import { Dialog } from '../../../components/Dialog';
import { FieldError } from '../../../components/FieldError';
import { optionsOf, SelectField } from '../../../components/SelectField';
import { TextField } from '../../../components/TextField';
import { getDataEnvironment } from '../../../data/dataEnvironment';
import { addAdhocInject } from '../../../data/exerciseRunCommands';

/** An inject made up during the run (this run only; the scenario is not changed). */
export function AdhocInjectDialog({ runId, isOpen, onClose }: { runId: string; isOpen: boolean; onClose: () => void }) {
  const [title, setTitle] = useState('');
  const [channel, setChannel] = useState<InjectChannel>('email');
  const [from, setFrom] = useState('');
  const [to, setTo] = useState('');
  const [content, setContent] = useState('');
  const [isReleasedNow, setReleasedNow] = useState(true);
  const [errors, setErrors] = useState<Record<string, string>>({});

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const result = await addAdhocInject(getDataEnvironment(), runId, { title, channel, fromPersona: from, toAudience: to, content, releaseNow: isReleasedNow });
    if (!result.ok) {
      setErrors(result.errors);
      return;
    }
    setErrors({});
    setTitle('');
    setFrom('');
    setTo('');
    setContent('');
    onClose();
  };

  return (
    <Dialog title="Add ad-hoc inject" isOpen={isOpen} onClose={onClose} wide>
      <form className="form" onSubmit={(event) => void submit(event)} noValidate>
        {errors.form || errors.releaseNow ? (
          <p className="form-error" role="alert">
            {errors.form ?? errors.releaseNow}
          </p>
        ) : null}
        <TextField id="adhoc-title" label="Title" value={title} onChange={setTitle} error={errors.title} maxLength={200} />
        <SelectField id="adhoc-channel" label="Channel" value={channel} options={optionsOf(injectChannels, injectChannelLabels)} onChange={setChannel} error={errors.channel} />
        <TextField id="adhoc-from" label="From" value={from} onChange={setFrom} error={errors.fromPersona} maxLength={120} />
        <TextField id="adhoc-to" label="To" value={to} onChange={setTo} error={errors.toAudience} maxLength={120} />
        <div className="field">
          <label htmlFor="adhoc-content">Content</label>
          <textarea
            id="adhoc-content"
            rows={4}
            value={content}
            aria-invalid={errors.content ? true : undefined}
            aria-describedby={errors.content ? 'adhoc-content-error' : undefined}
            onChange={(event) => setContent(event.target.value)}
          />
          <FieldError id="adhoc-content-error" message={errors.content} />
        </div>
        <label className="checkbox">
          <input type="checkbox" checked={isReleasedNow} onChange={(event) => setReleasedNow(event.target.checked)} /> Release now
        </label>
        <p className="form-actions">
          <button type="submit" className="primary">
            Add inject
          </button>
          <button type="button" onClick={onClose}>
            Cancel
          </button>
        </p>
      </form>
    </Dialog>
  );
}
