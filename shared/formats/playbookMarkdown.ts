/**
 * A playbook as Markdown for printing: the binder in the incident room when laptops are not to be
 * trusted. Steps are numbered in the order they are worked (phase by phase) and carry a box to tick.
 */
import { incidentKindLabels, incidentCategoryLabels } from '../domain/taxonomy';
import { isDecisionPoint, playbookPhaseLabels, playbookPhases, playbookStatusLabels, type Playbook, type PlaybookStep } from '../domain/playbook';

/** Text from a form goes into Markdown as text: characters that would format or link are escaped. */
export function escapeMarkdownText(text: string): string {
  return text
    .replace(/\s*\r?\n\s*/g, ' ')
    .replace(/[\\`*_{}[\]<>#|~&]/g, '\\$&')
    .replace(/^(\s*\d+)([.)])(?=\s|$)/, '$1\\$2')
    .replace(/^(\s*)([-+])(?=\s|$)/, '$1\\$2');
}

function formatMinutes(minutes: number): string {
  if (minutes < 60) return `${minutes} min`;
  const hours = Math.floor(minutes / 60);
  const rest = minutes % 60;
  return rest === 0 ? `${hours} h` : `${hours} h ${rest} min`;
}

function listWords(words: readonly string[]): string {
  if (words.length <= 1) return words.join('');
  return `${words.slice(0, -1).join(', ')} and ${words.at(-1)}`;
}

/** Step numbers in printed order: by phase, then by the playbook's own order. */
function numberSteps(steps: readonly PlaybookStep[]): Map<string, number> {
  const ordered = playbookPhases.flatMap((phase) => steps.filter((step) => step.phase === phase));
  return new Map(ordered.map((step, index) => [step.id, index + 1]));
}

export function playbookToMarkdown(playbook: Playbook): string {
  const numbers = numberSteps(playbook.steps);
  const askedBy = new Map<string, string>();
  for (const step of playbook.steps) {
    if (!isDecisionPoint(step)) continue;
    for (const branch of step.branches) {
      for (const id of branch.stepIds) askedBy.set(id, `Only if the answer to step ${numbers.get(step.id)} is "${escapeMarkdownText(branch.label)}"`);
    }
  }

  const lines: string[] = [`# ${escapeMarkdownText(playbook.name)}`, ''];
  const status =
    playbook.status === 'approved' && playbook.approvedAt && playbook.approvedBy
      ? `Approved ${playbook.approvedAt.slice(0, 10)} by ${escapeMarkdownText(playbook.approvedBy.name)}`
      : playbook.status === 'retired' && playbook.retiredAt
        ? `Retired ${playbook.retiredAt.slice(0, 10)}: do not follow this version`
        : `${playbookStatusLabels[playbook.status]}: not approved yet`;
  lines.push(`Version ${playbook.version} · ${status} · Owner: ${escapeMarkdownText(playbook.owner.name)}`, '');
  const kinds = playbook.kinds.map((kind) => incidentKindLabels[kind]);
  const categories = playbook.categories.map((category) => incidentCategoryLabels[category]);
  lines.push(`For ${listWords(kinds)} incidents${categories.length > 0 ? `: ${listWords(categories)}` : ''}`, '');
  if (playbook.summary.trim() !== '') lines.push(playbook.summary.trim(), '');

  for (const phase of playbookPhases) {
    const steps = playbook.steps.filter((step) => step.phase === phase);
    if (steps.length === 0) continue;
    lines.push(`## ${playbookPhaseLabels[phase]}`, '');
    for (const step of steps) {
      const number = numbers.get(step.id)!;
      const facts: string[] = [];
      if (step.role.trim() !== '') facts.push(`Role: ${escapeMarkdownText(step.role)}`);
      if (isDecisionPoint(step)) {
        lines.push(`### ☐ ${number}. Decide: ${escapeMarkdownText(step.question)}`, '');
      } else {
        lines.push(`### ☐ ${number}. ${escapeMarkdownText(step.title)}`, '');
        facts.push(step.isRequired ? 'Required' : 'Optional');
        if (step.expectedMinutes !== null) facts.push(`About ${formatMinutes(step.expectedMinutes)}`);
      }
      const condition = askedBy.get(step.id);
      if (condition) lines.push(`*${condition}.*`, '');
      if (facts.length > 0) lines.push(facts.join(' · '), '');
      if (step.instructions.trim() !== '') lines.push(step.instructions.trim(), '');
      if (isDecisionPoint(step)) {
        for (const branch of step.branches) {
          const targets = branch.stepIds.map((id) => numbers.get(id)!).map(String);
          const then = targets.length === 0 ? 'carry on' : `do step${targets.length === 1 ? '' : 's'} ${listWords(targets)}`;
          lines.push(`- ☐ **${escapeMarkdownText(branch.label)}**: ${then}`);
        }
        lines.push('');
      } else {
        if (step.callsPlaybook) lines.push(`Runs the playbook ${escapeMarkdownText(step.callsPlaybook.id)}${step.callsPlaybook.version ? ` (version of ${escapeMarkdownText(step.callsPlaybook.version)})` : ''}.`, '');
        if (step.links.length > 0) {
          // The heading keeps the links from merging into a list that ends the instructions.
          lines.push('Links:', '', ...step.links.map((link) => `- [${escapeMarkdownText(link.label)}](<${link.url}>)`), '');
        }
      }
    }
  }
  return `${lines.join('\n').trimEnd()}\n`;
}
