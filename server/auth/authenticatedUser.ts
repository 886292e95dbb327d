/** Who is making a request, as established from their access token. */
import type { TeamRole } from '../../shared/sync/protocol';

export type AuthenticatedUser = {
  userId: string;
  email: string;
  isAdmin: boolean;
  sessionId: string;
  deviceId: string;
  /** team id -> role, read fresh on every request so a removal takes effect at once. */
  memberships: Map<string, TeamRole>;
};
