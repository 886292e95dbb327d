/** The library's search and filters. */
import { describe, expect, it } from 'vitest';
import { filterPlaybooks, emptyPlaybookLibraryFilter } from '../../../../../renderer/features/playbooks/playbookLibraryFilter';
import { starterPlaybooks } from '../../../../../shared/domain/starterPlaybooks';
import type { Playbook } from '../../../../../shared/domain/playbook';

const names = (playbooks: readonly Playbook[]) => playbooks.map((playbook) => playbook.name);

describe('filterPlaybooks', () => {
  it('shows everything with an empty filter', () => {
    expect(filterPlaybooks(starterPlaybooks, emptyPlaybookLibraryFilter)).toHaveLength(starterPlaybooks.length);
  });

  it('searches names, summaries and step titles, every word, ignoring case', () => {
    expect(names(filterPlaybooks(starterPlaybooks, { ...emptyPlaybookLibraryFilter, query: 'RANSOM' }))).toEqual(['Ransomware']);
    const ransomware = starterPlaybooks.find((playbook) => playbook.name === 'Ransomware')!;
    const step = ransomware.steps.find((candidate) => candidate.kind === 'action')!;
    const title = step.kind === 'action' ? step.title : '';
    expect(names(filterPlaybooks(starterPlaybooks, { ...emptyPlaybookLibraryFilter, query: title }))).toContain('Ransomware');
    const summaryWord = ransomware.summary.split(/\s+/).find((word) => word.length > 6)!;
    expect(names(filterPlaybooks(starterPlaybooks, { ...emptyPlaybookLibraryFilter, query: summaryWord.toUpperCase() }))).toContain('Ransomware');
    expect(filterPlaybooks(starterPlaybooks, { ...emptyPlaybookLibraryFilter, query: 'ransomware zzzznotthere' })).toEqual([]);
  });

  it('filters by category and by status, counting an open revision as a draft', () => {
    expect(names(filterPlaybooks(starterPlaybooks, { ...emptyPlaybookLibraryFilter, category: 'degradation' }))).toEqual(['Major service outage']);
    expect(filterPlaybooks(starterPlaybooks, { ...emptyPlaybookLibraryFilter, status: 'draft' })).toEqual([]);
    const phishing = starterPlaybooks.find((playbook) => playbook.name === 'Phishing')!;
    const openDrafts = new Map([[phishing.lineageId, { ...phishing, status: 'draft' as const, version: 2 }]]);
    expect(names(filterPlaybooks(starterPlaybooks, { ...emptyPlaybookLibraryFilter, status: 'draft' }, openDrafts))).toEqual(['Phishing']);
    expect(filterPlaybooks(starterPlaybooks, { ...emptyPlaybookLibraryFilter, status: 'approved' })).toHaveLength(starterPlaybooks.length);
  });
});
