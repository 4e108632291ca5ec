import type { AuthUser } from '../auth';
import { AdminOnlyEventFilterError } from './events.errors';

/**
 * Whose events a caller reads: a user their organisation's (and those for every organisation),
 * an administrator every organisation's or, with orgId, one's. Undefined: every organisation.
 */
export function eventOrgScope(user: AuthUser, orgId: string | undefined): string | undefined {
  if (user.isAdmin) return orgId;
  if (orgId !== undefined && orgId !== user.id) throw new AdminOnlyEventFilterError();
  return user.id;
}
