import type { PlaybookStep } from '../../../shared/domain/playbook';
import { InstructionsText } from './InstructionsText';

type PlaybookStepPreviewProps = {
  step: PlaybookStep;
  number: number;
  /** Titles of every step by id, for naming the steps an answer adds. */
  stepTitles: ReadonlyMap<string, string>;
  /** The answer that adds this step, when only an answer adds it. */
  addedBy: string | undefined;
};

function formatMinutes(minutes: number): string {
  if (minutes < 60) return `${minutes} min`;
  const hours = Math.floor(minutes / 60);
  const rest = minutes % 60;
  return rest === 0 ? `${hours} h` : `${hours} h ${rest} min`;
}

/** One step or question as a responder will read it on an incident. */
export function PlaybookStepPreview({ step, number, stepTitles, addedBy }: PlaybookStepPreviewProps) {
  const facts = [
    step.role ? `Role: ${step.role}` : 'Anyone on the response',
    step.kind === 'action' ? (step.isRequired ? 'Required' : 'Optional') : null,
    step.kind === 'action' && step.expectedMinutes !== null ? `About ${formatMinutes(step.expectedMinutes)}` : null,
    addedBy ? `Only when ${addedBy}` : null,
  ].filter((fact) => fact !== null);
  return (
    <li className={`playbook-step-preview kind-${step.kind}`}>
      <p className="step-heading">
        <span className="step-number">{number}.</span> {step.kind === 'decision' ? <strong>Question: {step.question}</strong> : <strong>{step.title}</strong>}
      </p>
      <p className="step-facts muted">{facts.join(' · ')}</p>
      <InstructionsText text={step.instructions} />
      {step.kind === 'action' && step.callsPlaybook ? (
        <p className="muted">
          Runs another playbook: {step.callsPlaybook.id}
          {step.callsPlaybook.version ? ` (version ${step.callsPlaybook.version})` : ''}
        </p>
      ) : null}
      {step.kind === 'action' && step.links.length > 0 ? (
        <ul className="step-links" aria-label={`Links of ${step.title}`}>
          {step.links.map((link) => (
            <li key={`${link.label}-${link.url}`}>
              <a href={link.url} target="_blank" rel="noopener noreferrer">
                {link.label}
              </a>
            </li>
          ))}
        </ul>
      ) : null}
      {step.kind === 'decision' ? (
        <ul className="answers-preview" aria-label={`Answers to ${step.question}`}>
          {step.branches.map((branch) => (
            <li key={branch.id}>
              <strong>{branch.label}</strong>
              {': '}
              {branch.stepIds.length === 0
                ? 'carry on with the steps that follow'
                : `adds ${branch.stepIds.map((id) => `"${stepTitles.get(id) ?? id}"`).join(', ')}`}
            </li>
          ))}
        </ul>
      ) : null}
    </li>
  );
}
