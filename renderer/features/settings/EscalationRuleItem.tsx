import { describeAction, describeConditions, describeTrigger, type EscalationRule } from '../../../shared/domain/escalation';

type EscalationRuleItemProps = {
  rule: EscalationRule;
  canEdit: boolean;
  canMoveUp: boolean;
  canMoveDown: boolean;
  onMove: (offset: -1 | 1) => void;
  onSetEnabled: (isEnabled: boolean) => void;
  onDelete: () => void;
};

/** One rule in words ("when the response clock is at risk and priority is P1, notify the lead"), with its controls. */
export function EscalationRuleItem({ rule, canEdit, canMoveUp, canMoveDown, onMove, onSetEnabled, onDelete }: EscalationRuleItemProps) {
  const conditions = describeConditions(rule.conditions);
  const reason = rule.action.level === 'functional' ? ` (${rule.action.reason})` : '';
  return (
    <li className={rule.isEnabled ? undefined : 'rule-disabled'}>
      <strong>{rule.name}</strong>
      {rule.isEnabled ? null : ' (disabled)'}: when {describeTrigger(rule.trigger)}
      {conditions ? ` and ${conditions}` : ' (any incident)'}, {describeAction(rule.action)}
      {reason}.
      {canEdit ? (
        <span className="form-actions">
          <label>
            <input type="checkbox" checked={rule.isEnabled} onChange={(event) => onSetEnabled(event.target.checked)} aria-label={`Rule ${rule.name} enabled`} /> Enabled
          </label>
          <button type="button" className="link-button" disabled={!canMoveUp} aria-label={`Move rule ${rule.name} up`} onClick={() => onMove(-1)}>
            Up
          </button>
          <button type="button" className="link-button" disabled={!canMoveDown} aria-label={`Move rule ${rule.name} down`} onClick={() => onMove(1)}>
            Down
          </button>
          <button type="button" className="link-button" aria-label={`Delete rule ${rule.name}`} onClick={onDelete}>
            Delete
          </button>
        </span>
      ) : null}
    </li>
  );
}
