/** The three files a playbook version exports to: name, text, extension and type for saveTextFile. */
import type { Playbook } from '../../../shared/domain/playbook';
import type { IsoTimestamp } from '../../../shared/domain/time';
import { exportCacaoPlaybook } from '../../../shared/formats/cacao';
import { exportPlaybookFile } from '../../../shared/formats/playbookJson';
import { playbookToMarkdown } from '../../../shared/formats/playbookMarkdown';

export const playbookExportFormats = ['json', 'markdown', 'cacao'] as const;
export type PlaybookExportFormat = (typeof playbookExportFormats)[number];

export type ExportFile = { fileName: string; content: string; extension: string; mimeType: string };

/** Letters and digits of the name, so the file name is safe on every operating system. */
export function fileNameStem(playbook: Pick<Playbook, 'name' | 'version'>): string {
  const slug = playbook.name
    .normalize('NFKD')
    // Accents come apart from their letters under NFKD; dropping them keeps "Ü" as "u".
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 60)
    .replace(/-+$/, '');
  return `playbook-${slug || 'untitled'}-v${playbook.version}`;
}

/**
 * `firstCreatedAt` is when version 1 was made: CACAO keeps one "created" time across versions of a
 * playbook, while each of our versions records its own.
 */
export function buildExportFile(playbook: Playbook, format: PlaybookExportFormat, context: { nowIso: IsoTimestamp; firstCreatedAt?: IsoTimestamp }): ExportFile {
  const stem = fileNameStem(playbook);
  if (format === 'json') return { fileName: `${stem}.json`, content: exportPlaybookFile([playbook], context.nowIso), extension: 'json', mimeType: 'application/json' };
  if (format === 'markdown') return { fileName: `${stem}.md`, content: playbookToMarkdown(playbook), extension: 'md', mimeType: 'text/markdown' };
  const options = context.firstCreatedAt ? { firstCreatedAt: context.firstCreatedAt } : {};
  return {
    fileName: `${stem}.cacao.json`,
    content: `${JSON.stringify(exportCacaoPlaybook(playbook, options), null, 2)}\n`,
    extension: 'json',
    mimeType: 'application/json',
  };
}
