import { incidentStageLabels, type IncidentStage } from '../../shared/domain/incident';

export function StageBadge({ stage }: { stage: IncidentStage }) {
  return <span className={`badge stage stage-${stage}`}>{incidentStageLabels[stage]}</span>;
}
