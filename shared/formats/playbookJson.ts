/**
 * Firebreak's own playbook file: whole version records, so a backup restores exactly and another
 * team can read every field. Import is all or nothing: one bad playbook refuses the file.
 */
import { z } from 'zod';
import { createPlaybookDraft, validatePlaybook, type Playbook, type PlaybookActor, type PlaybookContent } from '../domain/playbook';
import type { Validated } from '../domain/incident';
import type { IsoTimestamp } from '../domain/time';

export const playbookFileFormatName = 'firebreak-playbooks';
export const playbookFileFormatVersion = 1;
/** Larger files are refused before parsing, so a mistaken pick cannot freeze the app. */
export const maxPlaybookFileCharacters = 50 * 1024 * 1024;
export const maxPlaybooksPerFile = 2000;

const playbookFileSchema = z.strictObject({
  format: z.literal(playbookFileFormatName),
  formatVersion: z.literal(playbookFileFormatVersion),
  exportedAt: z.iso.datetime(),
  playbooks: z.array(z.unknown()).max(maxPlaybooksPerFile, `A playbook file holds at most ${maxPlaybooksPerFile} playbooks`),
});

export type ParsePlaybookFileResult = { ok: true; playbooks: Playbook[]; exportedAt: IsoTimestamp } | { ok: false; error: string };

/** The file's text, indented for people who read or diff it. */
export function exportPlaybookFile(playbooks: readonly Playbook[], nowIso: IsoTimestamp): string {
  return `${JSON.stringify({ format: playbookFileFormatName, formatVersion: playbookFileFormatVersion, exportedAt: nowIso, playbooks }, null, 2)}\n`;
}

const nothingImported = 'Nothing was imported.';

/**
 * Parses and checks a playbook file. Each playbook must pass the same validation as one written in
 * the app; the first problem is named with the playbook and field it is in.
 */
export function parsePlaybookFile(text: string): ParsePlaybookFileResult {
  if (text.length > maxPlaybookFileCharacters) return { ok: false, error: `The file is larger than 50 MB, which no playbook file can be. ${nothingImported}` };
  if (text.trim() === '') return { ok: false, error: `The file is empty. ${nothingImported}` };
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch {
    return { ok: false, error: `The file is not valid JSON (it may be truncated or not a playbook file). ${nothingImported}` };
  }
  const format = typeof data === 'object' && data !== null ? (data as Record<string, unknown>) : {};
  if (format.format !== playbookFileFormatName) {
    const hint = format.type === 'playbook' ? ' It looks like a CACAO playbook: import it as CACAO.' : '';
    return { ok: false, error: `This JSON file is not a Firebreak playbook file (it has no "format": "${playbookFileFormatName}").${hint} ${nothingImported}` };
  }
  if (typeof format.formatVersion === 'number' && format.formatVersion > playbookFileFormatVersion) {
    return { ok: false, error: `This file was written by a newer Firebreak (format ${format.formatVersion}); update Firebreak to import it. ${nothingImported}` };
  }
  const file = playbookFileSchema.safeParse(data);
  if (!file.success) {
    const issue = file.error.issues[0]!;
    return { ok: false, error: `The file is damaged at ${issue.path.map(String).join('.') || 'the top level'}: ${issue.message}. ${nothingImported}` };
  }
  const playbooks: Playbook[] = [];
  const ids = new Set<string>();
  for (const [index, candidate] of file.data.playbooks.entries()) {
    const validated = validatePlaybook(candidate);
    const name = typeof (candidate as { name?: unknown })?.name === 'string' ? ` ("${(candidate as { name: string }).name}")` : '';
    if (!validated.ok) {
      const [field, message] = Object.entries(validated.errors)[0]!;
      return { ok: false, error: `Playbook ${index + 1}${name} is not valid: ${field === 'form' ? '' : `${field}: `}${message}. ${nothingImported}` };
    }
    if (ids.has(validated.value.id)) return { ok: false, error: `Playbook ${index + 1}${name} appears twice in the file. ${nothingImported}` };
    ids.add(validated.value.id);
    playbooks.push(validated.value);
  }
  return { ok: true, playbooks, exportedAt: file.data.exportedAt };
}

/**
 * A playbook from another team's file as a new draft here: its approval there does not make it
 * approved here, so a lead reviews it first, and the person importing it owns it here. The
 * caller supplies fresh ids (a new lineage).
 */
export function draftFromImportedPlaybook(
  playbook: Playbook,
  context: { id: string; lineageId: string; actor: PlaybookActor; nowIso: IsoTimestamp },
): Validated<Playbook> {
  const content: PlaybookContent = {
    name: playbook.name,
    summary: playbook.summary,
    kinds: playbook.kinds,
    categories: playbook.categories,
    owner: context.actor.person,
    steps: playbook.steps,
  };
  const draft = createPlaybookDraft(content, context);
  return draft.ok ? { ok: true, value: { ...draft.value, externalId: playbook.externalId } } : draft;
}
