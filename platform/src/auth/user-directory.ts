import { EMPLOYEE_ROLES, type EmployeeRole } from '@e-contract/contracts';

/** An employee who may sign in with a password (embedded mode; production signs in through OIDC). */
export interface StoredUser {
  /** UUID, stable for the user's lifetime: it is the `actor.id` in every event they cause. */
  id: string;
  login: string;
  name: string;
  role: EmployeeRole;
  /** Managers only: the branch whose deals they see. */
  branchId?: string;
  /** argon2id PHC string; the password itself is never stored. */
  passwordHash: string;
}

/** Port: where employees' accounts live. */
export interface UserDirectory {
  /** Case-insensitive (see `normalizeLogin`). */
  findByLogin(login: string): Promise<StoredUser | null>;
  findById(id: string): Promise<StoredUser | null>;
}

/**
 * The one spelling of a login used for lookups and for the failed-login rate limit, so `Manager`
 * and `manager ` neither reach different accounts nor get separate attempt budgets.
 */
export const normalizeLogin = (login: string): string => login.trim().toLowerCase();

export const isEmployeeRole = (value: unknown): value is EmployeeRole => (EMPLOYEE_ROLES as readonly unknown[]).includes(value);
