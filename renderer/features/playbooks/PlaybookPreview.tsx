import { isDecisionPoint, playbookPhaseLabels, playbookPhases, type Playbook } from '../../../shared/domain/playbook';
import { PlaybookStepPreview } from './PlaybookStepPreview';

/**
 * The steps as responders work them: phase by phase, each phase in the playbook's own order, and
 * numbered in that order (the same numbers as the Markdown export).
 */
export function PlaybookPreview({ playbook }: { playbook: Playbook }) {
  const stepTitles = new Map(playbook.steps.map((step) => [step.id, isDecisionPoint(step) ? step.question : step.title]));
  const addedBy = new Map<string, string>();
  for (const step of playbook.steps) {
    if (!isDecisionPoint(step)) continue;
    for (const branch of step.branches) for (const id of branch.stepIds) addedBy.set(id, `the answer to "${step.question}" is "${branch.label}"`);
  }
  const groups = playbookPhases
    .map((phase) => ({ phase, steps: playbook.steps.filter((step) => step.phase === phase) }))
    .filter((group) => group.steps.length > 0);
  const firstNumbers = groups.map((_, index) => 1 + groups.slice(0, index).reduce((count, group) => count + group.steps.length, 0));
  return (
    <section className="playbook-steps" aria-labelledby="playbook-steps-title">
      <h2 id="playbook-steps-title">Steps</h2>
      {groups.map(({ phase, steps }, groupIndex) => (
        <section key={phase} className="playbook-phase" aria-labelledby={`phase-${phase}`}>
          <h3 id={`phase-${phase}`}>{playbookPhaseLabels[phase]}</h3>
          <ol className="playbook-step-list">
            {steps.map((step, index) => (
              <PlaybookStepPreview key={step.id} step={step} number={firstNumbers[groupIndex]! + index} stepTitles={stepTitles} addedBy={addedBy.get(step.id)} />
            ))}
          </ol>
        </section>
      ))}
    </section>
  );
}
