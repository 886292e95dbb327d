/**
 * Applies the team's routing rules to an incident inside a write command: the first matching rule
 * chooses the responder team (and maybe an assignee), and the timeline says which rule and why.
 */
import type { Incident } from '../../shared/domain/incident';
import { describeRouting, routeIncident, type RoutingRuleSet } from '../../shared/domain/routing';
import type { ResponderTeam } from '../../shared/domain/team';

export type RoutingOutcome = { patch: Pick<Incident, 'routedTeam' | 'routedByRule'> & Partial<Pick<Incident, 'assignee'>>; summary: string };

/**
 * null when no rule matches or the match changes nothing. `teamsById`: the responder teams this
 * device has, so a team renamed since the rule was saved goes by its current name.
 */
export function routingOutcome(incident: Incident, ruleSet: RoutingRuleSet, teamsById: ReadonlyMap<string, Pick<ResponderTeam, 'name'>> = new Map()): RoutingOutcome | null {
  const routed = routeIncident(incident, ruleSet);
  if (!routed.matched) return null;
  const currentName = teamsById.get(routed.matched.target.teamId)?.name ?? routed.matched.target.teamName;
  const result = { ...routed, matched: { ...routed.matched, target: { ...routed.matched.target, teamName: currentName } } };
  const match = result.matched;
  const routedTeam = { id: match.target.teamId, name: match.target.teamName };
  const isSame = incident.routedTeam?.id === routedTeam.id && incident.routedByRule === match.ruleName;
  if (isSame) return null;
  return {
    patch: {
      routedTeam,
      routedByRule: match.ruleName,
      // A rule's assignee applies only to an incident nobody has taken yet.
      ...(match.target.assignee && incident.assignee === null ? { assignee: match.target.assignee } : {}),
    },
    summary: describeRouting(result),
  };
}
