/** People as the app knows them locally: the profile of whoever uses this device. */
import { z } from 'zod';

export const appRoles = ['responder', 'lead', 'trainer', 'viewer', 'admin'] as const;
export const appRoleSchema = z.enum(appRoles);
export type AppRole = z.infer<typeof appRoleSchema>;
export const appRoleLabels: Record<AppRole, string> = {
  responder: 'Responder',
  lead: 'Team lead',
  trainer: 'Trainer',
  viewer: 'Viewer',
  admin: 'Administrator',
};

/** A reference to a person, copied onto records so they read correctly without a lookup. */
export const personRefSchema = z.strictObject({
  id: z.string().min(1).max(64),
  name: z.string().trim().min(1).max(120),
});
export type PersonRef = z.infer<typeof personRefSchema>;

export const profileSchema = z.strictObject({
  personId: z.string().min(1).max(64),
  name: z.string().trim().min(1, 'Enter your name').max(120, 'Keep the name under 120 characters'),
  initials: z
    .string()
    .trim()
    .min(1, 'Enter your initials')
    .max(4, 'Initials are at most 4 characters')
    .regex(/^[\p{L}\p{N}]+$/u, 'Initials are letters or digits only'),
  role: appRoleSchema,
});
export type Profile = z.infer<typeof profileSchema>;

export function suggestInitials(name: string): string {
  return name
    .trim()
    .split(/\s+/)
    .filter(Boolean)
    .slice(0, 3)
    .map((word) => word[0]!.toUpperCase())
    .join('');
}
