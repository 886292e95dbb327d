/** Settings > Team sync: sign in to a team server, pick the team for new incidents, sync, sign out. */
import { useState, type FormEvent } from 'react';
import { Link } from 'react-router';
import { TextField } from '../../components/TextField';
import { SelectField } from '../../components/SelectField';
import { useSyncAccount, useSyncConfig } from '../../data/syncSettings';
import { chooseDefaultTeam, chooseSyncedTeams, signIn, signOut, syncNow } from '../../sync/syncAccount';

const roleLabels = { lead: 'Lead', responder: 'Responder', trainer: 'Trainer', viewer: 'Viewer' } as const;

export function SyncSettingsPanel() {
  const account = useSyncAccount();
  const config = useSyncConfig();
  return (
    <section className="card" aria-labelledby="settings-sync-title">
      <h2 id="settings-sync-title">Team sync</h2>
      {account === undefined ? null : account ? <SignedIn account={account} /> : <SignInForm key={config?.serverUrl ?? ''} initialServerUrl={config?.serverUrl ?? ''} />}
      <p>
        <Link to="/conflicts">Open the conflict log</Link>
      </p>
    </section>
  );
}

/** Survives the reload that lets the desktop app reach a new server (see signIn). */
const pendingServerKey = 'firebreak:pending-sync-server';

function SignInForm({ initialServerUrl }: { initialServerUrl: string }) {
  const [serverUrl, setServerUrl] = useState(() => initialServerUrl || sessionStorage.getItem(pendingServerKey) || '');
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [isBusy, setIsBusy] = useState(false);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setIsBusy(true);
    try {
      const result = await signIn(serverUrl, email, password);
      setErrors(result.ok ? {} : result.errors);
      if (result.ok) setPassword('');
      if (!result.ok && result.isReloadNeeded) {
        sessionStorage.setItem(pendingServerKey, serverUrl);
        setTimeout(() => window.location.reload(), 1500);
      }
    } catch (error) {
      setErrors({ form: `Sign-in failed: ${error instanceof Error ? error.message : String(error)}` });
    } finally {
      setIsBusy(false);
    }
  };

  return (
    <form onSubmit={(event) => void submit(event)} noValidate>
      <p className="muted">Everything stays on this device until you sign in. Signing in sends your incidents to the team you choose; sample data never leaves this device.</p>
      <TextField
        id="sync-server-url"
        label="Server address"
        type="url"
        inputMode="url"
        placeholder="https://firebreak.example.org"
        value={serverUrl}
        onChange={setServerUrl}
        error={errors.serverUrl}
      />
      <TextField id="sync-email" label="Email" type="email" autoComplete="username" value={email} onChange={setEmail} error={errors.email} />
      <TextField
        id="sync-password"
        label="Password"
        type="password"
        autoComplete="current-password"
        value={password}
        onChange={setPassword}
        error={errors.password}
      />
      {errors.form ? (
        <p className="field-error" role="alert">
          {errors.form}
        </p>
      ) : null}
      <div className="form-actions">
        <button type="submit" disabled={isBusy}>
          {isBusy ? 'Signing in…' : 'Sign in'}
        </button>
      </div>
    </form>
  );
}

function SignedIn({ account }: { account: NonNullable<ReturnType<typeof useSyncAccount>> }) {
  const [message, setMessage] = useState<string | null>(null);
  const [isBusy, setIsBusy] = useState(false);
  const { session, config } = account;
  const teamOptions = session.teams.map((team) => ({ value: team.teamId, label: `${team.teamName} (${roleLabels[team.role]})` }));

  const runSync = async () => {
    setIsBusy(true);
    const result = await syncNow();
    setIsBusy(false);
    setMessage(result.ok ? `Synced: ${result.pushed} changes sent, ${result.pulled} received.` : `Sync did not finish: ${result.error instanceof Error ? result.error.message : String(result.error)}`);
  };

  return (
    <div>
      <p>
        Signed in to <strong>{config.serverUrl}</strong> as <strong>{session.user.name}</strong> ({session.user.email}).
      </p>
      <fieldset className="team-choice">
        <legend>Teams to sync on this device</legend>
        {session.teams.map((team) => {
          const synced = config.syncedTeamIds ?? null;
          const isSynced = synced === null || synced.includes(team.teamId);
          return (
            <label key={team.teamId} className="checkbox">
              <input
                type="checkbox"
                checked={isSynced}
                onChange={(event) => {
                  const current = synced ?? session.teams.map((candidate) => candidate.teamId);
                  const next = event.target.checked ? [...new Set([...current, team.teamId])] : current.filter((teamId) => teamId !== team.teamId);
                  void chooseSyncedTeams(next.length === session.teams.length ? null : next);
                }}
              />
              {team.teamName} ({roleLabels[team.role]})
            </label>
          );
        })}
        <p className="muted small-text">Incidents of teams you leave out stay on this device but stop updating here.</p>
      </fieldset>
      {teamOptions.length > 0 ? (
        <SelectField
          id="sync-default-team"
          label="Team for new incidents"
          value={config.defaultTeamId ?? teamOptions[0]!.value}
          options={teamOptions}
          onChange={(teamId) => void chooseDefaultTeam(teamId)}
        />
      ) : (
        <p className="muted">You are not a member of any team yet; ask a team lead to add you. Nothing is sent until then.</p>
      )}
      <div className="form-actions">
        <button type="button" onClick={() => void runSync()} disabled={isBusy}>
          {isBusy ? 'Syncing…' : 'Sync now'}
        </button>
        <button type="button" onClick={() => void signOut()}>
          Sign out
        </button>
      </div>
      {message ? <p role="status">{message}</p> : null}
      <p className="muted">Signing out keeps everything on this device; changes made while signed out are sent after you sign in again.</p>
    </div>
  );
}
