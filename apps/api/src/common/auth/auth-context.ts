import type { UserRole } from './user-role';

/** The authenticated caller, as every service and repository receives it. */
export interface AuthContext {
  userId: string;
  organizationId: string;
  role: UserRole;
}
