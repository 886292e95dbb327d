/** Shared field rules for accounts, used by the admin routes, the CLI and the bootstrap. */
import { z } from 'zod';
import { maxPasswordLength, minPasswordLength } from '../auth/passwords';

export const emailSchema = z.string().trim().toLowerCase().email().max(254);
export const personNameSchema = z.string().trim().min(1).max(200);
export const teamNameSchema = z.string().trim().min(1).max(100);
export const newPasswordSchema = z.string().min(minPasswordLength).max(maxPasswordLength);
export const idSchema = z.string().min(1).max(128);

/** A user named by id or by email (exactly one). */
export type UserRef = { userId: string } | { email: string };
/** A team named by id or by name (exactly one). */
export type TeamRef = { teamId: string } | { teamName: string };

/** PostgreSQL's unique_violation, from node-postgres and PGlite alike. */
export function isUniqueViolation(error: unknown): boolean {
  return typeof error === 'object' && error !== null && (error as { code?: unknown }).code === '23505';
}
