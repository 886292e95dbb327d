import { useState, type FormEvent } from 'react';
import { appRoleLabels, appRoles, suggestInitials, type Profile } from '../../shared/domain/people';
import { getDataEnvironment } from '../data/dataEnvironment';
import { saveProfile } from '../data/profile';
import { TextField } from './TextField';

type ProfileFormProps = { profile: Profile | null; submitLabel: string; onSaved?: (profile: Profile) => void };

/** Name, initials and role of whoever uses this device; every entry they make records them. */
export function ProfileForm({ profile, submitLabel, onSaved }: ProfileFormProps) {
  const [name, setName] = useState(profile?.name ?? '');
  const [initials, setInitials] = useState(profile?.initials ?? '');
  const [hasEditedInitials, setHasEditedInitials] = useState(Boolean(profile));
  const [role, setRole] = useState<string>(profile?.role ?? 'responder');
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [savedMessage, setSavedMessage] = useState('');

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const result = await saveProfile(getDataEnvironment(), { name, initials, role });
    if (!result.ok) {
      setErrors(result.errors);
      setSavedMessage('');
      return;
    }
    setErrors({});
    setSavedMessage('Profile saved.');
    onSaved?.(result.value);
  };

  return (
    <form className="form" onSubmit={submit} noValidate>
      <TextField
        id="profile-name"
        label="Your name"
        value={name}
        autoFocus={profile === null}
        autoComplete="name"
        error={errors.name}
        onChange={(next) => {
          setName(next);
          if (!hasEditedInitials) setInitials(suggestInitials(next));
        }}
      />
      <TextField
        id="profile-initials"
        label="Initials"
        value={initials}
        maxLength={4}
        error={errors.initials}
        onChange={(next) => {
          setHasEditedInitials(true);
          setInitials(next);
        }}
      />
      <div className="field">
        <label htmlFor="profile-role">Role</label>
        <select id="profile-role" value={role} onChange={(event) => setRole(event.target.value)}>
          {appRoles.map((value) => (
            <option key={value} value={value}>
              {appRoleLabels[value]}
            </option>
          ))}
        </select>
      </div>
      <div className="form-actions">
        <button type="submit" className="primary">
          {submitLabel}
        </button>
        <span role="status" className="muted">
          {savedMessage}
        </span>
      </div>
    </form>
  );
}
