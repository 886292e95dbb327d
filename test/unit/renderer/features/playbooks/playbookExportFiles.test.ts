/** The three export files of a playbook version. */
import { describe, expect, it } from 'vitest';
import { buildExportFile, fileNameStem } from '../../../../../renderer/features/playbooks/playbookExportFiles';
import { parsePlaybookFile } from '../../../../../shared/formats/playbookJson';
import { starterPlaybooks } from '../../../../../shared/domain/starterPlaybooks';

const ransomware = starterPlaybooks.find((playbook) => playbook.name === 'Ransomware')!;
const nowIso = '2026-03-10T12:00:00.000Z';

describe('playbook export files', () => {
  it('names files from the name and version with safe characters only', () => {
    expect(fileNameStem({ name: 'Personal-data breach', version: 3 })).toBe('playbook-personal-data-breach-v3');
    expect(fileNameStem({ name: '../../etc/passwd: Ünïcode <x>', version: 1 })).toBe('playbook-etc-passwd-unicode-x-v1');
    expect(fileNameStem({ name: '!!!', version: 2 })).toBe('playbook-untitled-v2');
  });

  it('writes a JSON file our import reads back, Markdown, and a CACAO document', () => {
    const json = buildExportFile(ransomware, 'json', { nowIso });
    expect(json).toMatchObject({ fileName: 'playbook-ransomware-v1.json', extension: 'json', mimeType: 'application/json' });
    const parsed = parsePlaybookFile(json.content);
    expect(parsed.ok && parsed.playbooks).toEqual([ransomware]);

    const markdown = buildExportFile(ransomware, 'markdown', { nowIso });
    expect(markdown).toMatchObject({ fileName: 'playbook-ransomware-v1.md', extension: 'md', mimeType: 'text/markdown' });
    expect(markdown.content).toContain('# Ransomware');

    const cacao = buildExportFile(ransomware, 'cacao', { nowIso, firstCreatedAt: '2025-01-01T00:00:00.000Z' });
    expect(cacao.fileName).toBe('playbook-ransomware-v1.cacao.json');
    expect(JSON.parse(cacao.content)).toMatchObject({ type: 'playbook', spec_version: 'cacao-2.0', name: 'Ransomware', created: '2025-01-01T00:00:00.000Z' });
  });
});
