import { useState } from 'react';
import { Link, useNavigate } from 'react-router';
import { canApprovePlaybooks, canProposePlaybooks, type Playbook } from '../../../shared/domain/playbook';
import type { AppRole } from '../../../shared/domain/people';
import { toIso } from '../../../shared/domain/time';
import { Dialog } from '../../components/Dialog';
import { getDataEnvironment, type CommandResult } from '../../data/dataEnvironment';
import { approvePlaybookDraft, discardDraft, retirePlaybookVersion } from '../../data/playbookCommands';
import { saveTextFile } from '../../platform/files';
import { useUiStore } from '../../state/uiStore';
import { buildExportFile, type PlaybookExportFormat } from './playbookExportFiles';

type PlaybookActionsProps = {
  playbook: Playbook;
  /** Every live version of the lineage, newest first. */
  versions: readonly Playbook[];
  role: AppRole;
};

type Message = { text: string; isError: boolean };

function describeErrors(result: CommandResult<unknown>): string {
  return result.ok ? '' : Object.values(result.errors).join(' ');
}

/**
 * What can be done with one version: edit it (a draft in place, an approved one as a new draft),
 * approve, retire, discard, and export. Buttons appear only for the roles and statuses the
 * domain allows, so a refusal from a command means something changed meanwhile (another device).
 */
export function PlaybookActions({ playbook, versions, role }: PlaybookActionsProps) {
  const navigate = useNavigate();
  const announce = useUiStore((state) => state.announce);
  const [message, setMessage] = useState<Message | null>(null);
  const [confirming, setConfirming] = useState<'retire' | 'discard' | null>(null);
  const [isBusy, setIsBusy] = useState(false);

  const canPropose = canProposePlaybooks(role);
  const canApprove = canApprovePlaybooks(role);
  const openDraft = versions.find((version) => version.status === 'draft' && version.id !== playbook.id);

  const run = async (action: () => Promise<CommandResult<Playbook>>, onDone: (result: Playbook) => void) => {
    setIsBusy(true);
    try {
      const result = await action();
      if (result.ok) onDone(result.value);
      else setMessage({ text: `${describeErrors(result)} Nothing was changed.`, isError: true });
    } catch (error) {
      setMessage({ text: `That did not work: ${error instanceof Error ? error.message : String(error)}. Nothing was changed.`, isError: true });
    } finally {
      setIsBusy(false);
    }
  };

  const approve = () =>
    run(
      () => approvePlaybookDraft(getDataEnvironment(), playbook.id),
      (approved) => {
        const replaced = versions.find((version) => version.status === 'approved' && version.id !== approved.id);
        setMessage({
          text: `Version ${approved.version} approved: it is now offered on incidents.${replaced ? ` Version ${replaced.version} is retired.` : ''}`,
          isError: false,
        });
      },
    );

  const retire = () =>
    run(
      () => retirePlaybookVersion(getDataEnvironment(), playbook.id),
      (retired) => {
        setConfirming(null);
        setMessage({ text: `Version ${retired.version} retired: it is no longer offered on incidents. Incidents that used it keep their steps.`, isError: false });
      },
    );

  const discard = () =>
    run(
      () => discardDraft(getDataEnvironment(), playbook.id),
      (discarded) => {
        setConfirming(null);
        announce(`Draft version ${discarded.version} of ${discarded.name} discarded.`);
        const remaining = versions.find((version) => version.id !== discarded.id);
        void navigate(remaining ? `/playbooks/${remaining.id}` : '/playbooks', { replace: true });
      },
    );

  const exportAs = async (format: PlaybookExportFormat) => {
    try {
      const firstVersion = versions.find((version) => version.version === 1);
      const file = buildExportFile(playbook, format, {
        nowIso: toIso(getDataEnvironment().nowMs()),
        ...(firstVersion ? { firstCreatedAt: firstVersion.createdAt } : {}),
      });
      const saved = await saveTextFile(file.fileName, file.content, file.extension, file.mimeType);
      setMessage(saved.status === 'saved' ? { text: `Exported to ${saved.fileName}.`, isError: false } : { text: 'Export cancelled; nothing was written.', isError: false });
    } catch (error) {
      setMessage({ text: `Export failed: ${error instanceof Error ? error.message : String(error)}.`, isError: true });
    }
  };

  return (
    <div className="playbook-actions">
      <div className="form-actions" role="group" aria-label="Playbook actions">
        {playbook.status === 'draft' && canPropose ? (
          <button type="button" className="primary" onClick={() => void navigate(`/playbooks/${playbook.id}/edit`)} disabled={isBusy}>
            Edit
          </button>
        ) : null}
        {playbook.status === 'approved' && canPropose && !openDraft ? (
          <button type="button" onClick={() => void navigate(`/playbooks/${playbook.id}/edit`)} disabled={isBusy}>
            Edit as new draft
          </button>
        ) : null}
        {playbook.status === 'draft' && canApprove ? (
          <button type="button" onClick={() => void approve()} disabled={isBusy}>
            Approve
          </button>
        ) : null}
        {playbook.status === 'approved' && canApprove ? (
          <button type="button" className="danger-outline" onClick={() => setConfirming('retire')} disabled={isBusy}>
            Retire
          </button>
        ) : null}
        {playbook.status === 'draft' && canPropose ? (
          <button type="button" className="danger-outline" onClick={() => setConfirming('discard')} disabled={isBusy}>
            Discard draft
          </button>
        ) : null}
        <button type="button" onClick={() => void exportAs('json')}>
          Export JSON
        </button>
        <button type="button" onClick={() => void exportAs('markdown')}>
          Export Markdown
        </button>
        <button type="button" onClick={() => void exportAs('cacao')}>
          Export CACAO
        </button>
      </div>
      {playbook.status === 'approved' && canPropose && openDraft ? (
        <p className="muted" role="note">
          A revision is already being written: <Link to={`/playbooks/${openDraft.id}`}>draft version {openDraft.version}</Link>. Edit that draft rather
          than starting another.
        </p>
      ) : null}
      {playbook.status === 'draft' && canPropose && !canApprove ? <p className="muted">A team lead or an administrator approves drafts.</p> : null}
      {playbook.status === 'retired' ? (
        <p className="read-only-note" role="note">
          Version {playbook.version} is retired and kept exactly as it was, so incidents that followed it can still show it. It cannot be edited.
        </p>
      ) : null}
      {!canPropose ? <p className="muted">Viewers can read and export playbooks; responders and leads change them.</p> : null}
      <div role="status" aria-label="Playbook action result">
        {message && !message.isError ? <p>{message.text}</p> : null}
      </div>
      {message?.isError ? (
        <p role="alert" className="form-error">
          {message.text}
        </p>
      ) : null}

      <Dialog title="Retire this playbook?" isOpen={confirming === 'retire'} onClose={() => setConfirming(null)}>
        <div className="form">
          <p>
            Version {playbook.version} of {playbook.name} will no longer be offered on incidents. Incidents that already use it keep their steps. To bring
            it back, edit it as a new draft and approve that.
          </p>
          {/* The safe choice comes first, so the focus the dialog gives it cannot destroy anything. */}
          <div className="form-actions">
            <button type="button" onClick={() => setConfirming(null)}>
              Keep it approved
            </button>
            <button type="button" className="danger" onClick={() => void retire()} disabled={isBusy}>
              Retire version {playbook.version}
            </button>
          </div>
        </div>
      </Dialog>
      <Dialog title="Discard this draft?" isOpen={confirming === 'discard'} onClose={() => setConfirming(null)}>
        <div className="form">
          <p>
            Draft version {playbook.version} of {playbook.name} and its changes will be thrown away on every device this one syncs with.
            {versions.some((version) => version.id !== playbook.id) ? ' The other versions stay as they are.' : ''}
          </p>
          {/* The safe choice comes first, so the focus the dialog gives it cannot destroy anything. */}
          <div className="form-actions">
            <button type="button" onClick={() => setConfirming(null)}>
              Keep the draft
            </button>
            <button type="button" className="danger" onClick={() => void discard()} disabled={isBusy}>
              Discard version {playbook.version}
            </button>
          </div>
        </div>
      </Dialog>
    </div>
  );
}
