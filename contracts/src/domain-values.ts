/** Values shared by commands, events and read models. */

export const PROCESS_KINDS = ['contract', 'act', 'supplementary_agreement'] as const;
export type ProcessKind = (typeof PROCESS_KINDS)[number];

export const SIGNER_TYPES = ['legal_entity', 'sole_proprietor', 'self_employed', 'individual'] as const;
export type SignerType = (typeof SIGNER_TYPES)[number];

export const PROCESS_STATUSES = [
  'created',
  'invited',
  'identifying',
  'identification_failed',
  'identified',
  'edo_accepted',
  'code_sent',
  'signed',
  'archived',
  'declined',
  'cancelled',
  'expired',
] as const;
export type ProcessStatus = (typeof PROCESS_STATUSES)[number];

export const EMPLOYEE_ROLES = ['manager', 'auditor', 'admin'] as const;
export type EmployeeRole = (typeof EMPLOYEE_ROLES)[number];
/** `integration`: another system acting through an API key, as a manager of its branch (API.md, "Integrations"). */
export type Role = EmployeeRole | 'signer' | 'system' | 'integration';

/** Who did something: a user, a signer session or one of the system's own components. */
export interface Actor {
  id: string;
  role: Role;
}

export const systemActor = (component: string): Actor => ({ id: `system:${component}`, role: 'system' });

export const integrationActor = (integrationId: string): Actor => ({ id: `integration:${integrationId}`, role: 'integration' });

/** The rules of one-time codes and identification (API.md, "Commands"). */
export const SIGNING_RULES = {
  codeDigits: 6,
  codeTtlMs: 5 * 60_000,
  wrongEntriesPerCode: 3,
  codesPerHour: 5,
  /** API.md: 429 past 10 identification starts an hour for a process (each start is a fact in the legal trail). */
  identificationStartsPerHour: 10,
  identificationTries: 3,
  defaultLifetimeMs: 7 * 24 * 60 * 60_000,
  /** The latest deadline a request may set, counted from its creation. */
  maxLifetimeMs: 90 * 24 * 60 * 60_000,
} as const;
