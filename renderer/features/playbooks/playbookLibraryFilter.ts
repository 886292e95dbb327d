/** The library list's search and filters, as a pure function of the listed playbooks. */
import type { Playbook, PlaybookStatus } from '../../../shared/domain/playbook';
import type { IncidentCategory } from '../../../shared/domain/taxonomy';

export type PlaybookLibraryFilter = { query: string; category: IncidentCategory | 'all'; status: PlaybookStatus | 'all' };

export const emptyPlaybookLibraryFilter: PlaybookLibraryFilter = { query: '', category: 'all', status: 'all' };

function searchableText(playbook: Playbook): string {
  const steps = playbook.steps.map((step) => (step.kind === 'decision' ? step.question : step.title));
  return [playbook.name, playbook.summary, ...steps].join('\n').toLocaleLowerCase();
}

/**
 * Playbooks matching every word of the query (in the name, summary or a step's title or question),
 * the category and the status. A playbook whose listed version is approved also matches "Draft"
 * when a new draft of it is open (`openDrafts`, by lineage), so a lead filtering for drafts to
 * approve sees revisions too.
 */
export function filterPlaybooks(playbooks: readonly Playbook[], filter: PlaybookLibraryFilter, openDrafts: ReadonlyMap<string, Playbook> = new Map()): Playbook[] {
  const words = filter.query.toLocaleLowerCase().split(/\s+/).filter((word) => word !== '');
  return playbooks.filter((playbook) => {
    if (filter.category !== 'all' && !playbook.categories.includes(filter.category)) return false;
    if (filter.status !== 'all' && playbook.status !== filter.status && !(filter.status === 'draft' && openDrafts.has(playbook.lineageId))) return false;
    if (words.length === 0) return true;
    const text = searchableText(playbook);
    return words.every((word) => text.includes(word));
  });
}
