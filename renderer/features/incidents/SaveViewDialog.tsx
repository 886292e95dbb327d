import { useState, type FormEvent } from 'react';
import { getDataEnvironment } from '../../data/dataEnvironment';
import { saveView } from '../../data/savedViews';
import { Dialog } from '../../components/Dialog';
import { FieldError } from '../../components/FieldError';
import { TextField } from '../../components/TextField';
import { useUiStore } from '../../state/uiStore';

/** Saves the filters and sort in force as a named view on the queue bar (same name: replaces it). */
export function SaveViewDialog({ isOpen, onClose }: { isOpen: boolean; onClose: () => void }) {
  const [name, setName] = useState('');
  const [errors, setErrors] = useState<Record<string, string>>({});

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const { listFilter, listSort, announce } = useUiStore.getState();
    const result = await saveView(getDataEnvironment(), name, listFilter, listSort);
    if (!result.ok) {
      setErrors(result.errors);
      return;
    }
    announce(`Saved view ${result.value.name}`);
    setName('');
    setErrors({});
    onClose();
  };

  return (
    <Dialog title="Save view" isOpen={isOpen} onClose={onClose}>
      <form onSubmit={(event) => void submit(event)} noValidate>
        <p className="muted">Keeps the filters and sort in force now as a view on the queue bar, on this device.</p>
        <TextField id="saved-view-name" label="View name" value={name} onChange={setName} error={errors['name']} maxLength={60} />
        <FieldError id="saved-view-form-error" message={errors['form']} />
        <div className="dialog-actions">
          <button type="button" onClick={onClose}>
            Cancel
          </button>
          <button type="submit" className="primary">
            Save view
          </button>
        </div>
      </form>
    </Dialog>
  );
}
