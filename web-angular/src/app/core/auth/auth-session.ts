import type { EmployeeRole } from '@e-contract/contracts/validation';
import type { EmployeeUser } from '../../shared/api/api-types';

/** An employee signed in with a login and password. */
export interface EmployeeSession {
  kind: 'employee';
  token: string;
  user: EmployeeUser;
}

/** A signer who arrived by an invitation link: no account, a session for one process. */
export interface SignerSession {
  kind: 'signer';
  token: string;
  processId: string;
  /** The invitation link's token that opened it: a dead end (declined, expired) can ask for a new link with it. */
  inviteToken?: string;
  /** Opened by an embed URL inside another system's page: its token, and the origin messages go to. */
  embed?: EmbedContext;
}

export interface EmbedContext {
  token: string;
  origin: string | null;
}

export type Session = EmployeeSession | SignerSession;

/** Who may open a part of the app: an employee role, or the signer. */
export type AppRole = EmployeeRole | 'signer';

export const roleOf = (session: Session | null): AppRole | null =>
  session === null ? null : session.kind === 'signer' ? 'signer' : session.user.role;

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null;
const EMPLOYEE_ROLES: readonly string[] = ['manager', 'auditor', 'admin'];

/** A stored session, checked field by field: anything else (old format, tampering) is no session. */
export function parseSession(value: unknown): Session | null {
  if (!isRecord(value) || typeof value['token'] !== 'string' || value['token'] === '') return null;
  if (value['kind'] === 'signer' && typeof value['processId'] === 'string') {
    const embed = value['embed'];
    const embedContext =
      isRecord(embed) && typeof embed['token'] === 'string' && (embed['origin'] === null || typeof embed['origin'] === 'string')
        ? { embed: { token: embed['token'], origin: embed['origin'] } }
        : {};
    const inviteToken = typeof value['inviteToken'] === 'string' ? { inviteToken: value['inviteToken'] } : {};
    return { kind: 'signer', token: value['token'], processId: value['processId'], ...inviteToken, ...embedContext };
  }
  const user = value['user'];
  if (
    value['kind'] === 'employee' &&
    isRecord(user) &&
    typeof user['id'] === 'string' &&
    typeof user['name'] === 'string' &&
    typeof user['role'] === 'string' &&
    EMPLOYEE_ROLES.includes(user['role'])
  ) {
    return {
      kind: 'employee',
      token: value['token'],
      user: {
        id: user['id'],
        name: user['name'],
        role: user['role'] as EmployeeRole,
        branchId: typeof user['branchId'] === 'string' ? user['branchId'] : null,
      },
    };
  }
  return null;
}

/**
 * When a JWT says it ends (its `exp` claim, as epoch ms); `null` for a token that does not say
 * (opaque, unreadable): the API's 401 then ends the session.
 */
export function tokenExpiresAt(token: string): number | null {
  const payload = token.split('.')[1];
  if (!payload) return null;
  try {
    const base64 = payload
      .replace(/-/g, '+')
      .replace(/_/g, '/')
      .padEnd(Math.ceil(payload.length / 4) * 4, '=');
    const exp = (JSON.parse(atob(base64)) as { exp?: unknown }).exp;
    return typeof exp === 'number' && Number.isFinite(exp) ? exp * 1000 : null;
  } catch {
    return null;
  }
}

export function isTokenExpired(token: string, now: number): boolean {
  const at = tokenExpiresAt(token);
  return at !== null && at <= now;
}
