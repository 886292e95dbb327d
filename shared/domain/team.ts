/**
 * Responder teams and their members: the groups incidents are routed, assigned and escalated to
 * (Security Operations, Service Desk, Network). Not to be confused with a sync team space
 * (`Incident.teamId`), which decides who can see an incident; a responder team decides who
 * handles it. Teams are team policy: leads own them, and they sync like settings do.
 */
import { z } from 'zod';
import { personRefSchema } from './people';
import { isoTimestampSchema } from './time';

/**
 * - member: works the team's queue;
 * - lead: owns the team's queue, receives hierarchical escalations first;
 * - manager: receives hierarchical escalations after the lead (the next level up).
 */
export const teamMemberRoles = ['member', 'lead', 'manager'] as const;
export const teamMemberRoleSchema = z.enum(teamMemberRoles);
export type TeamMemberRole = z.infer<typeof teamMemberRoleSchema>;
export const teamMemberRoleLabels: Record<TeamMemberRole, string> = { member: 'Member', lead: 'Lead', manager: 'Manager' };

export const teamMemberSchema = z.strictObject({
  person: personRefSchema,
  role: teamMemberRoleSchema,
});
export type TeamMember = z.infer<typeof teamMemberSchema>;

export const maxTeamMembers = 500;

export const responderTeamSchema = z.strictObject({
  /** Client-generated, like every id. */
  id: z.string().min(1).max(128),
  name: z.string().trim().min(1, 'Name the team').max(120, 'Keep the team name under 120 characters'),
  description: z.string().max(2000),
  members: z
    .array(teamMemberSchema)
    .max(maxTeamMembers, `Keep to ${maxTeamMembers} members or fewer`)
    .refine((members) => new Set(members.map((member) => member.person.id)).size === members.length, {
      message: 'Each person can be in a team once',
    }),
  createdAt: isoTimestampSchema,
  updatedAt: isoTimestampSchema,
  /** Tombstone: a removed team stays readable on the incidents it was routed to. */
  deletedAt: isoTimestampSchema.nullable(),
});
export type ResponderTeam = z.infer<typeof responderTeamSchema>;

/** The reference copied onto incidents and routing rules, so they read correctly without a lookup. */
export const teamRefSchema = z.strictObject({ id: z.string().min(1).max(128), name: z.string().min(1).max(120) });
export type TeamRef = z.infer<typeof teamRefSchema>;
