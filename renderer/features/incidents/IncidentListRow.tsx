import { Link } from 'react-router';
import { incidentStageLabels } from '../../../shared/domain/incident';
import type { IncidentListItem } from '../../../shared/domain/incidentList';
import type { ListServiceLevel } from '../../../shared/domain/listServiceLevel';
import { incidentCategoryLabels } from '../../../shared/domain/taxonomy';
import { PriorityBadge } from '../../components/PriorityBadge';
import { StageBadge } from '../../components/StageBadge';
import { Timestamp } from '../../components/Timestamp';
import { ServiceLevelCountdown } from './ServiceLevelCountdown';

type IncidentListRowProps = {
  item: IncidentListItem;
  isSelected: boolean;
  top: number;
  height: number;
  position: number;
  setSize: number;
  serviceLevel: ListServiceLevel | null;
  isChecked: boolean;
  onToggleChecked: () => void;
};

export function IncidentListRow({ item, isSelected, top, height, position, setSize, serviceLevel, isChecked, onToggleChecked }: IncidentListRowProps) {
  return (
    <div
      role="listitem"
      aria-posinset={position}
      aria-setsize={setSize}
      className={`list-row${isSelected ? ' selected' : ''}${item.mode === 'exercise' ? ' exercise' : ''}`}
      style={{ transform: `translateY(${top}px)`, height }}
    >
      <input type="checkbox" className="row-check" aria-label={`Select ${item.reference}`} checked={isChecked} onChange={onToggleChecked} />
      <Link
        to={`/incidents/${item.id}`}
        aria-current={isSelected ? 'page' : undefined}
        aria-label={`${item.reference} ${item.title}, ${item.priority}, ${incidentStageLabels[item.stage]}${item.isSample ? ', sample' : ''}`}
      >
        <span className="row-line">
          <PriorityBadge priority={item.priority} />
          <span className="row-reference">{item.reference}</span>
          <StageBadge stage={item.stage} />
          {item.mode === 'exercise' ? <span className="badge exercise-badge">Exercise</span> : null}
          {item.isSample ? <span className="badge sample-badge">Sample</span> : null}
          <span className="row-time">
            <Timestamp iso={item.reportedAt} isRelative />
          </span>
        </span>
        <span className="row-line">
          <span className="row-title">{item.title}</span>
        </span>
        <span className="row-line muted small-text">
          {incidentCategoryLabels[item.category]} · {item.teamName ? `${item.teamName} · ` : ''}
          {item.assigneeName ?? 'Unassigned'}
          <ServiceLevelCountdown level={serviceLevel} />
        </span>
      </Link>
    </div>
  );
}
