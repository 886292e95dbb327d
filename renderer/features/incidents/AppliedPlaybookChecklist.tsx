import { useMemo, useState } from 'react';
import { isDecisionPoint, playbookPhaseLabels, type Playbook } from '../../../shared/domain/playbook';
import { buildPlaybookChecklist, describePlaybookProgress } from '../../../shared/domain/playbookChecklist';
import type { PlaybookProgress } from '../../../shared/domain/playbookTasks';
import type { Task } from '../../../shared/domain/task';
import type { TimelineEntry } from '../../../shared/domain/timeline';
import { PlaybookDecisionItem } from './PlaybookDecisionItem';
import { PlaybookStepItem } from './PlaybookStepItem';
import { SkipStepDialog } from './SkipStepDialog';

type AppliedPlaybookChecklistProps = {
  progress: PlaybookProgress;
  /** The exact version the tasks came from; null when it is not on this device yet. */
  playbook: Playbook | null;
  tasks: readonly Task[];
  entries: readonly TimelineEntry[];
  canWork: boolean;
  disabledReasonId: string | undefined;
};

/** One applied playbook: its progress, then its steps grouped by phase. */
export function AppliedPlaybookChecklist({ progress, playbook, tasks, entries, canWork, disabledReasonId }: AppliedPlaybookChecklistProps) {
  const [skipping, setSkipping] = useState<Task | null>(null);
  const phases = useMemo(() => buildPlaybookChecklist(progress.playbookId, playbook, tasks, entries), [progress.playbookId, playbook, tasks, entries]);
  const name = playbook?.name ?? 'Playbook';
  const headingId = `applied-playbook-${progress.playbookId}`;
  const summaryId = `${headingId}-summary`;
  const summary = describePlaybookProgress(progress);
  const stillOpen = [
    progress.requiredOpen > 0 ? `${progress.requiredOpen} required open` : null,
    progress.openDecisions > 0 ? `${progress.openDecisions} ${progress.openDecisions === 1 ? 'question' : 'questions'} to answer` : null,
  ].filter((part) => part !== null);

  return (
    <section className="applied-playbook" aria-labelledby={headingId}>
      <h3 id={headingId}>
        {name} (version {progress.version})
      </h3>
      {playbook ? null : (
        <p className="muted small-text">This playbook version is not on this device yet; its steps show by title until it syncs.</p>
      )}
      <div className="playbook-progress">
        <progress max={progress.total} value={progress.done + progress.skipped} aria-label={`${name} progress`} aria-describedby={summaryId} />
        <p id={summaryId} className="small-text" aria-live="polite">
          <span>{summary}</span>
          {stillOpen.length > 0 ? <span className="muted"> ({stillOpen.join(', ')})</span> : null}
        </p>
      </div>
      {phases.map((phase) => (
        <section key={phase.phase} className="playbook-phase" aria-labelledby={`${headingId}-${phase.phase}`}>
          <h4 id={`${headingId}-${phase.phase}`}>
            {playbookPhaseLabels[phase.phase]} <span className="muted small-text">{describePlaybookProgress(phase)}</span>
          </h4>
          <ul className="playbook-steps">
            {phase.items.map((item) =>
              item.task.fromPlaybook?.stepKind === 'decision' || (item.step && isDecisionPoint(item.step)) ? (
                <PlaybookDecisionItem key={item.task.id} item={item} canWork={canWork} disabledReasonId={disabledReasonId} onSkip={setSkipping} />
              ) : (
                <PlaybookStepItem key={item.task.id} item={item} canWork={canWork} disabledReasonId={disabledReasonId} onSkip={setSkipping} />
              ),
            )}
          </ul>
        </section>
      ))}
      {skipping ? <SkipStepDialog task={skipping} onClose={() => setSkipping(null)} /> : null}
    </section>
  );
}
