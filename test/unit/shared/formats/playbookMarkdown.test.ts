import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { escapeMarkdownText, playbookToMarkdown } from '../../../../shared/formats/playbookMarkdown';
import { actionStep, makePlaybook } from '../playbookFixtures';

describe('playbookToMarkdown', () => {
  const playbook = makePlaybook({ approvedAt: '2026-03-01T09:00:00.000Z' });
  const markdown = playbookToMarkdown(playbook);
  const lines = markdown.split('\n');

  it('heads the page with name, version, approval, owner and scope', () => {
    expect(lines.slice(0, 6)).toEqual([
      '# Sample response',
      '',
      'Version 1 · Approved 2026-03-01 by Lee Lead · Owner: Lee Lead',
      '',
      'For Security incidents: Malware',
      '',
    ]);
  });

  it('prints phases in NIST order and numbers steps in the order they are worked', () => {
    expect(lines.filter((line) => line.startsWith('## '))).toEqual([
      '## Preparation',
      '## Detection and analysis',
      '## Containment',
      '## Eradication and recovery',
      '## Post-incident activity',
    ]);
    expect(lines.filter((line) => line.startsWith('### '))).toEqual([
      '### ☐ 1. Do prepare',
      '### ☐ 2. Do analyse',
      '### ☐ 3. Decide: Question spread?',
      '### ☐ 4. Do isolate',
      '### ☐ 5. Do contain',
      '### ☐ 6. Decide: Question backups?',
      '### ☐ 7. Do restore',
      '### ☐ 8. Do rebuild',
      '### ☐ 9. Do recover',
      '### ☐ 10. Do review',
    ]);
  });

  it('shows answers with the steps they lead to, and marks conditional steps', () => {
    expect(markdown).toContain('- ☐ **Yes**: do steps 4 and 6\n- ☐ **No**: carry on\n');
    expect(markdown).toContain('### ☐ 7. Do restore\n\n*Only if the answer to step 6 is "Yes".*\n\nRole: Incident commander · Required · About 15 min\n\nInstructions for **restore**.\n');
    expect(markdown).toContain('### ☐ 1. Do prepare\n\nRole: Incident commander · Optional · About 15 min\n');
  });

  it('escapes text fields but keeps instructions as Markdown, and prints links', () => {
    const tricky = makePlaybook(
      { status: 'draft', approvedAt: null, approvedBy: null, name: '# Not *bold* <b>' },
      {
        steps: [
          actionStep('a', 'containment', {
            title: '1. Block [evil](x)',
            expectedMinutes: 90,
            instructions: '- keep **this** list',
            links: [{ label: 'Vendor guide', url: 'https://example.org/a_(b)' }],
          }),
        ],
      },
    );
    const text = playbookToMarkdown(tricky);
    expect(text).toContain('# \\# Not \\*bold\\* \\<b\\>\n\nVersion 1 · Draft: not approved yet');
    expect(text).toContain('### ☐ 1. 1\\. Block \\[evil\\](x)\n\nRole: Incident commander · Required · About 1 h 30 min\n\n- keep **this** list\n\nLinks:\n\n- [Vendor guide](<https://example.org/a_(b)>)\n');
  });

  it('property: escaped text is one line and every formatting character is escaped', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme-ascii', maxLength: 60 }), (text) => {
        const escaped = escapeMarkdownText(text);
        expect(escaped).not.toMatch(/[\r\n]/);
        const unescaped = escaped.replace(/\\[\\`*_{}[\]<>#|~&.)+-]/g, '');
        expect(unescaped).not.toMatch(/[\\`*_{}[\]<>#|~&]/);
      }),
    );
  });
});
