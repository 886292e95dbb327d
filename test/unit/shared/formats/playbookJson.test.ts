import { describe, expect, it } from 'vitest';
import {
  draftFromImportedPlaybook,
  exportPlaybookFile,
  parsePlaybookFile,
  playbookFileFormatName,
  type ParsePlaybookFileResult,
} from '../../../../shared/formats/playbookJson';
import { fixedNowIso, testUuid } from '../fixtures';
import { lead, makePlaybook, responder } from '../playbookFixtures';

function errorOf(result: ParsePlaybookFileResult): string {
  expect(result).not.toHaveProperty('playbooks');
  return result.ok ? '' : result.error;
}

const twoPlaybooks = () => [makePlaybook(), makePlaybook({ status: 'draft', approvedAt: null, approvedBy: null, externalId: 'playbook--fe85f68d-1960-4596-96a2-228113e143cf' })];

describe('exportPlaybookFile and parsePlaybookFile', () => {
  it('round-trips every field of every playbook', () => {
    const playbooks = twoPlaybooks();
    const text = exportPlaybookFile(playbooks, fixedNowIso);
    expect(JSON.parse(text)).toMatchObject({ format: playbookFileFormatName, formatVersion: 1, exportedAt: fixedNowIso });
    expect(parsePlaybookFile(text)).toEqual({ ok: true, playbooks, exportedAt: fixedNowIso });
  });

  it.each([
    ['empty', '  ', 'The file is empty. Nothing was imported.'],
    ['not JSON', '{"format": "firebreak-playbooks", ', 'The file is not valid JSON (it may be truncated or not a playbook file). Nothing was imported.'],
    ['another JSON file', '{"incidents": []}', 'This JSON file is not a Firebreak playbook file (it has no "format": "firebreak-playbooks"). Nothing was imported.'],
    [
      'a CACAO playbook',
      '{"type": "playbook", "spec_version": "cacao-2.0"}',
      'This JSON file is not a Firebreak playbook file (it has no "format": "firebreak-playbooks"). It looks like a CACAO playbook: import it as CACAO. Nothing was imported.',
    ],
    [
      'a newer format',
      '{"format": "firebreak-playbooks", "formatVersion": 2, "exportedAt": "2026-03-10T12:00:00.000Z", "playbooks": []}',
      'This file was written by a newer Firebreak (format 2); update Firebreak to import it. Nothing was imported.',
    ],
    [
      'a missing list',
      '{"format": "firebreak-playbooks", "formatVersion": 1, "exportedAt": "2026-03-10T12:00:00.000Z"}',
      'The file is damaged at playbooks: Invalid input: expected array, received undefined. Nothing was imported.',
    ],
  ])('refuses %s with a clear message', (_label, text, message) => {
    expect(errorOf(parsePlaybookFile(text))).toBe(message);
  });

  it('refuses the whole file when one playbook is invalid, naming it and the field', () => {
    const playbooks = twoPlaybooks();
    const file = JSON.parse(exportPlaybookFile(playbooks, fixedNowIso));
    file.playbooks[1].steps[3].title = '';
    expect(errorOf(parsePlaybookFile(JSON.stringify(file)))).toBe('Playbook 2 ("Sample response") is not valid: steps.3.title: Give the step a title. Nothing was imported.');
    file.playbooks[1].steps[3].title = 'Fixed';
    file.playbooks[0].steps[2].branches[0].stepIds.push('nowhere');
    expect(errorOf(parsePlaybookFile(JSON.stringify(file)))).toBe(
      'Playbook 1 ("Sample response") is not valid: steps.2.branches.0.stepIds: The answer "Yes" of "Question spread?" points to a step "nowhere" that does not exist. Nothing was imported.',
    );
  });

  it('refuses a playbook version listed twice', () => {
    const [first] = twoPlaybooks();
    expect(errorOf(parsePlaybookFile(exportPlaybookFile([first!, first!], fixedNowIso)))).toBe(
      'Playbook 2 ("Sample response") appears twice in the file. Nothing was imported.',
    );
  });
});

describe('draftFromImportedPlaybook', () => {
  it('makes a new draft owned by the importer, keeping the content and the external id', () => {
    const [, imported] = twoPlaybooks();
    const id = testUuid();
    const lineageId = testUuid();
    const result = draftFromImportedPlaybook({ ...imported!, status: 'approved', approvedAt: fixedNowIso, approvedBy: lead, version: 7 }, {
      id,
      lineageId,
      actor: { person: responder, role: 'responder' },
      nowIso: fixedNowIso,
    });
    expect(result.ok && result.value).toEqual({
      ...imported,
      id,
      lineageId,
      version: 1,
      status: 'draft',
      owner: responder,
      createdAt: fixedNowIso,
      createdBy: responder,
      updatedAt: fixedNowIso,
      approvedAt: null,
      approvedBy: null,
    });
  });
});
