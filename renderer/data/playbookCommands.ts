/**
 * Commands that change the playbook library: create a draft, edit (a new draft version of an
 * approved one), approve, retire, discard a draft, import our JSON file or a CACAO playbook, and
 * seed the starter playbooks. Each checks the profile role with the domain helpers
 * (shared/domain/playbook.ts) and writes every row it changes in one runWriteCommand, so the
 * change is queued for sync in the same transaction. The team server checks only who may write
 * playbooks at all; who may approve is the domain's rule, applied here.
 */
import { appRoleLabels, type Profile } from '../../shared/domain/people';
import {
  approvePlaybook,
  canProposePlaybooks,
  createPlaybookDraft,
  currentVersions,
  discardPlaybookDraft,
  editPlaybook,
  retirePlaybook,
  type Playbook,
  type PlaybookActor,
} from '../../shared/domain/playbook';
import { missingStarterPlaybooks, starterPlaybookStamps } from '../../shared/domain/starterPlaybooks';
import { importCacaoPlaybook } from '../../shared/formats/cacao';
import { draftFromImportedPlaybook, parsePlaybookFile } from '../../shared/formats/playbookJson';
import type { StoredPlaybook } from '../db/database';
import type { Validated } from '../../shared/domain/incident';
import { commandFailed, type CommandResult, type DataEnvironment } from './dataEnvironment';
import { readProfile, toPersonRef } from './profile';
import { runWriteCommand, type ChangeRecorder } from './writeTransaction';

const missingPlaybook = 'That playbook version no longer exists on this device (it may have been discarded on another device).';
const noProfile = 'Set up your profile first: every change records who made it.';

export function withoutSyncColumns(row: StoredPlaybook): Playbook {
  const { fieldStamps: _stamps, localSeq: _seq, ...playbook } = row;
  return playbook;
}

/** The profile as the domain's actor; the domain functions themselves decide what the role may do. */
async function readActor(environment: DataEnvironment): Promise<CommandResult<PlaybookActor>> {
  const profile: Profile | null = await readProfile(environment);
  if (!profile) return commandFailed(noProfile);
  return { ok: true, value: { person: toPersonRef(profile), role: profile.role } };
}

async function readLineage(environment: DataEnvironment, lineageId: string): Promise<Playbook[]> {
  return (await environment.db.playbooks.where('lineageId').equals(lineageId).toArray()).map(withoutSyncColumns);
}

/** Writes a changed version over its stored row: only the fields that changed are queued. */
async function putChanged(environment: DataEnvironment, recorder: ChangeRecorder, existing: StoredPlaybook, changed: Playbook, isDelete = false): Promise<void> {
  await environment.db.playbooks.put(recorder.stampPatch('playbooks', existing.id, existing, changed, isDelete ? 'delete' : 'update'));
}

/** Starts a new playbook as draft version 1 of a new lineage. */
export async function createPlaybook(environment: DataEnvironment, input: unknown): Promise<CommandResult<Playbook>> {
  const actor = await readActor(environment);
  if (!actor.ok) return actor;
  const { db } = environment;
  return runWriteCommand(environment, [db.playbooks], async (recorder): Promise<CommandResult<Playbook>> => {
    const draft = createPlaybookDraft(input, { id: environment.newId(), lineageId: environment.newId(), actor: actor.value, nowIso: recorder.nowIso });
    if (!draft.ok) return draft;
    await db.playbooks.add(recorder.stampNew('playbooks', draft.value.id, draft.value));
    return draft;
  });
}

/**
 * Edits a version. A draft changes in place; an approved version stays as it is and the edit
 * becomes a new draft version (the domain refuses when a draft of the lineage is already open).
 */
export async function editPlaybookVersion(environment: DataEnvironment, playbookId: string, input: unknown): Promise<CommandResult<Playbook>> {
  const actor = await readActor(environment);
  if (!actor.ok) return actor;
  const { db } = environment;
  return runWriteCommand(environment, [db.playbooks], async (recorder): Promise<CommandResult<Playbook>> => {
    const existing = await db.playbooks.get(playbookId);
    if (!existing) return commandFailed(missingPlaybook);
    const edited = editPlaybook(withoutSyncColumns(existing), input, {
      lineage: await readLineage(environment, existing.lineageId),
      newId: environment.newId(),
      actor: actor.value,
      nowIso: recorder.nowIso,
    });
    if (!edited.ok) return edited;
    if (edited.value.id === existing.id) await putChanged(environment, recorder, existing, edited.value);
    else await db.playbooks.add(recorder.stampNew('playbooks', edited.value.id, edited.value));
    return edited;
  });
}

/** Approves a draft and retires the version it supersedes, both in one transaction. Returns the approved version. */
export async function approvePlaybookDraft(environment: DataEnvironment, playbookId: string): Promise<CommandResult<Playbook>> {
  const actor = await readActor(environment);
  if (!actor.ok) return actor;
  const { db } = environment;
  return runWriteCommand(environment, [db.playbooks], async (recorder): Promise<CommandResult<Playbook>> => {
    const existing = await db.playbooks.get(playbookId);
    if (!existing) return commandFailed(missingPlaybook);
    const approved = approvePlaybook(withoutSyncColumns(existing), {
      lineage: await readLineage(environment, existing.lineageId),
      actor: actor.value,
      nowIso: recorder.nowIso,
    });
    if (!approved.ok) return approved;
    for (const version of approved.value) {
      const stored = version.id === existing.id ? existing : await db.playbooks.get(version.id);
      if (!stored) return commandFailed(missingPlaybook);
      await putChanged(environment, recorder, stored, version);
    }
    return { ok: true, value: approved.value[0]! };
  });
}

/** Runs one domain change of one stored version (retire, discard) as a command and stores the result. */
async function changeOneVersion(
  environment: DataEnvironment,
  playbookId: string,
  change: (playbook: Playbook, context: { actor: PlaybookActor; nowIso: string }) => Validated<Playbook>,
  isDelete = false,
): Promise<CommandResult<Playbook>> {
  const actor = await readActor(environment);
  if (!actor.ok) return actor;
  const { db } = environment;
  return runWriteCommand(environment, [db.playbooks], async (recorder): Promise<CommandResult<Playbook>> => {
    const existing = await db.playbooks.get(playbookId);
    if (!existing) return commandFailed(missingPlaybook);
    const changed = change(withoutSyncColumns(existing), { actor: actor.value, nowIso: recorder.nowIso });
    if (!changed.ok) return changed;
    await putChanged(environment, recorder, existing, changed.value, isDelete);
    return changed;
  });
}

/** Retires an approved version with no successor: it is no longer suggested or applied. */
export function retirePlaybookVersion(environment: DataEnvironment, playbookId: string): Promise<CommandResult<Playbook>> {
  return changeOneVersion(environment, playbookId, retirePlaybook);
}

/** Throws a draft away: a tombstone, so sync spreads it. */
export function discardDraft(environment: DataEnvironment, playbookId: string): Promise<CommandResult<Playbook>> {
  return changeOneVersion(environment, playbookId, discardPlaybookDraft, true);
}

export type PlaybookImport = { playbooks: Playbook[]; warnings: string[] };

function requireProposer(actor: PlaybookActor): CommandResult<PlaybookActor> {
  return canProposePlaybooks(actor.role)
    ? { ok: true, value: actor }
    : commandFailed(`Your profile role (${appRoleLabels[actor.role]}) cannot add playbooks; ask a responder or a lead. Nothing was imported.`, 'file');
}

/**
 * Imports a Firebreak playbook file, all or nothing. Each playbook becomes a new draft here (a new
 * lineage, owned by the importer): another team's approval does not approve it for this one. A
 * file holding several versions of one playbook gives one draft, from its current version.
 */
export async function importPlaybookFile(environment: DataEnvironment, text: string): Promise<CommandResult<PlaybookImport>> {
  const actor = await readActor(environment);
  if (!actor.ok) return actor;
  const allowed = requireProposer(actor.value);
  if (!allowed.ok) return allowed;
  const parsed = parsePlaybookFile(text);
  if (!parsed.ok) return commandFailed(parsed.error, 'file');
  const current = currentVersions(parsed.playbooks);
  const warnings: string[] = [];
  const skippedVersions = parsed.playbooks.length - current.length;
  if (skippedVersions > 0) warnings.push(`${skippedVersions} older or discarded ${skippedVersions === 1 ? 'version was' : 'versions were'} left out: each playbook is imported from its current version.`);
  for (const playbook of current) {
    if (playbook.status !== 'draft') warnings.push(`"${playbook.name}" was ${playbook.status} in the file; it is imported as a draft for a lead to review.`);
  }
  const { db } = environment;
  return runWriteCommand(environment, [db.playbooks], async (recorder): Promise<CommandResult<PlaybookImport>> => {
    const drafts: Playbook[] = [];
    for (const [index, playbook] of current.entries()) {
      const draft = draftFromImportedPlaybook(playbook, { id: environment.newId(), lineageId: environment.newId(), actor: actor.value, nowIso: recorder.nowIso });
      if (!draft.ok) {
        const [field, message] = Object.entries(draft.errors)[0]!;
        return commandFailed(`Playbook ${index + 1} ("${playbook.name}") is not valid: ${field === 'form' ? '' : `${field}: `}${message}. Nothing was imported.`, 'file');
      }
      await db.playbooks.add(recorder.stampNew('playbooks', draft.value.id, draft.value));
      drafts.push(draft.value);
    }
    return { ok: true, value: { playbooks: drafts, warnings } };
  });
}

/** Imports one OASIS CACAO 2.0 playbook as a new draft, with warnings for what did not map exactly. */
export async function importCacaoFile(environment: DataEnvironment, text: string): Promise<CommandResult<PlaybookImport>> {
  const actor = await readActor(environment);
  if (!actor.ok) return actor;
  const allowed = requireProposer(actor.value);
  if (!allowed.ok) return allowed;
  const { db } = environment;
  const ids = { id: environment.newId(), lineageId: environment.newId() };
  return runWriteCommand(environment, [db.playbooks], async (recorder): Promise<CommandResult<PlaybookImport>> => {
    const imported = importCacaoPlaybook(text, { ...ids, actor: actor.value, nowIso: recorder.nowIso });
    if (!imported.ok) return commandFailed(imported.error, 'file');
    await db.playbooks.add(recorder.stampNew('playbooks', imported.playbook.id, imported.playbook));
    return { ok: true, value: { playbooks: [imported.playbook], warnings: imported.warnings } };
  });
}

/**
 * Adds the starter playbooks this device has never seen, on first use; running it again adds
 * nothing. Open to every role: the starters are shipped content, not anyone's proposal.
 *
 * Why seeding can never overwrite a team's work:
 * - only lineages this device does not know are added (missingStarterPlaybooks), so a starter the
 *   team revised, retired or discarded is left alone;
 * - the rows are written with the starters' fixed ids and a fixed stamp from the starter date
 *   (starterPlaybookStamp), so a row seeded here after a team edit arrives loses field by field to
 *   that edit, and two devices seeding the same row agree byte for byte;
 * - they are not queued for sync: every device seeds the same rows itself, so nothing reaches the
 *   team server until someone really changes a starter (syncStore merges such a change over the
 *   starter as shipped on a device that has not seeded yet).
 */
export async function seedStarterPlaybooks(environment: DataEnvironment): Promise<Playbook[]> {
  const { db } = environment;
  // Checked first, so the usual case (all seeded) opens no write transaction and moves no clock.
  if (missingStarterPlaybooks(await db.playbooks.toArray()).length === 0) return [];
  return runWriteCommand(environment, [db.playbooks], async (recorder): Promise<Playbook[]> => {
    const missing = missingStarterPlaybooks(await db.playbooks.toArray());
    if (missing.length === 0) return [];
    recorder.keepLocal();
    const rows = missing.map((playbook): StoredPlaybook => ({ ...recorder.stampLocalOnly(playbook), fieldStamps: starterPlaybookStamps(playbook) }));
    await db.playbooks.bulkAdd(rows);
    return missing;
  });
}
