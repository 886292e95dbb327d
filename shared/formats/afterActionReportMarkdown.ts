/** The after-action report as Markdown, for a document or a print. */
import { correctiveActionStatusLabels } from '../domain/correctiveAction';
import type { AarFinding, AfterActionReport } from '../domain/afterActionReport';
import { formatExerciseOffset } from '../domain/exerciseClock';
import { hotWashKindLabels } from '../domain/exerciseEvaluation';
import { scenarioDifficultyLabels } from '../domain/exerciseScenario';
import type { ExpectedActionScore, ScoreTotals } from '../domain/exerciseScoring';
import { escapeMarkdownText } from './playbookMarkdown';
import { formatDurationText } from '../domain/time';

function formatWhen(iso: string | null): string {
  return iso === null ? 'not yet' : `${iso.slice(0, 10)} ${iso.slice(11, 16)} UTC`;
}

function formatTotals(totals: ScoreTotals): string {
  if (totals.possible === 0) return 'no points at stake';
  return `${totals.earned} of ${totals.possible} points (${totals.percent}%)`;
}

function actionLine(action: ExpectedActionScore): string {
  const parts = [`Inject ${action.mselNumber}: ${escapeMarkdownText(action.description)}`, `${action.earned} of ${action.possible} points`];
  if (action.source === 'auto' && action.auto) {
    if (action.auto.sinceReleaseMs !== null) parts.push(`${formatDurationText(action.auto.sinceReleaseMs)} after the inject`);
    parts.push(`checked by the app: ${escapeMarkdownText(action.auto.evidence)}`);
  } else if (action.source === 'facilitator') parts.push('scored by the facilitator');
  if (action.status === 'pending') parts.push('not done when the report was drawn up');
  if (action.facilitatorNote) parts.push(`note: ${escapeMarkdownText(action.facilitatorNote)}`);
  return `- ${parts.join(' · ')}`;
}

function findingLine(entry: AarFinding, objectives: ReadonlyMap<string, string>): string {
  const objective = entry.objectiveId !== null && objectives.has(entry.objectiveId) ? ` (objective: ${escapeMarkdownText(objectives.get(entry.objectiveId)!)})` : '';
  const source = entry.source === 'hot_wash' ? ' (hot wash)' : '';
  return `- ${escapeMarkdownText(entry.text)}${objective}${source}`;
}

/** The report as Markdown: every piece of user text is escaped, so it cannot break the layout. */
export function afterActionReportToMarkdown(report: AfterActionReport): string {
  const objectives = new Map(report.objectives.map((objective) => [objective.id, objective.text]));
  const { overview } = report;
  const lines: string[] = [`# After-action report: ${escapeMarkdownText(report.title)}`, ''];
  lines.push(
    `Scenario: ${escapeMarkdownText(report.scenario.title)} (version ${report.scenario.version}) · ${scenarioDifficultyLabels[report.scenario.difficulty]} · planned for ${formatDurationText(report.scenario.durationMinutes * 60_000)}`,
    '',
  );
  if (report.scenario.audience.trim() !== '') lines.push(`Audience: ${escapeMarkdownText(report.scenario.audience)}`, '');

  lines.push('## Overview', '');
  lines.push(`- Started: ${formatWhen(overview.startedAt)}`);
  lines.push(`- Finished: ${formatWhen(overview.finishedAt)}`);
  lines.push(`- Exercise time played: ${formatDurationText(overview.exerciseDurationMs)} (wall clock ${formatDurationText(overview.wallDurationMs)})`);
  lines.push(`- Injects released: ${overview.injectsReleased} of ${overview.injectsPlanned + overview.adhocInjects}${overview.adhocInjects > 0 ? ` (${overview.adhocInjects} added during the exercise)` : ''}`);
  if (overview.deliveries > 0) lines.push(`- Injects acknowledged by players: ${overview.acknowledgedDeliveries} of ${overview.deliveries} deliveries`);
  if (overview.participants.length > 0) lines.push(`- Participants: ${overview.participants.map(escapeMarkdownText).join(', ')}`);
  lines.push(`- Overall score: ${formatTotals(overview.score)}`, '');

  if (report.objectives.length > 0) {
    lines.push('## Objectives', '', '| Objective | Rating | Score |', '|---|---|---|');
    for (const objective of report.objectives) lines.push(`| ${escapeMarkdownText(objective.text)} | ${objective.ratingLabel} | ${formatTotals(objective.score)} |`);
    lines.push('');
    for (const objective of report.objectives.filter((entry) => entry.ratingNote.trim() !== '')) {
      lines.push(`- ${escapeMarkdownText(objective.text)}: ${escapeMarkdownText(objective.ratingNote)}`);
    }
    if (report.objectives.some((entry) => entry.ratingNote.trim() !== '')) lines.push('');
  }

  lines.push('## Timeline', '');
  if (report.timeline.length === 0) lines.push('Nothing happened: the exercise did not start.', '');
  else {
    lines.push('| Exercise time | What happened |', '|---|---|');
    for (const item of report.timeline) lines.push(`| ${formatExerciseOffset(item.exerciseMs)} | ${escapeMarkdownText(item.text)} |`);
    lines.push('');
  }

  lines.push('## Expected actions', '');
  const groups: [string, ExpectedActionScore[]][] = [
    ['Met', report.expectedActions.met],
    ['Partly met', report.expectedActions.partial],
    ['Missed', report.expectedActions.missed],
    ['Not scored', report.expectedActions.unscored],
  ];
  for (const [heading, actions] of groups) {
    if (actions.length === 0) continue;
    lines.push(`### ${heading}`, '', ...actions.map(actionLine), '');
  }
  if (groups.every(([, actions]) => actions.length === 0)) lines.push('No expected actions were in play.', '');

  lines.push('## Strengths', '', ...(report.strengths.length > 0 ? report.strengths.map((entry) => findingLine(entry, objectives)) : ['None recorded.']), '');
  lines.push('## Areas for improvement', '', ...(report.areasForImprovement.length > 0 ? report.areasForImprovement.map((entry) => findingLine(entry, objectives)) : ['None recorded.']), '');
  if (report.otherComments.length > 0) lines.push(`## ${hotWashKindLabels.other}`, '', ...report.otherComments.map((entry) => findingLine(entry, objectives)), '');

  lines.push('## Improvement plan', '');
  if (report.improvementPlan.length === 0) lines.push('No corrective actions recorded.', '');
  else {
    lines.push('| Corrective action | Objective | Owner | Due | Status |', '|---|---|---|---|---|');
    for (const action of report.improvementPlan) {
      lines.push(`| ${escapeMarkdownText(action.title)} | ${action.objectiveText === null ? '' : escapeMarkdownText(action.objectiveText)} | ${escapeMarkdownText(action.owner)} | ${action.dueDate} | ${correctiveActionStatusLabels[action.status]} |`);
    }
    lines.push('');
  }
  return `${lines.join('\n').trimEnd()}\n`;
}
