import type { Request, Response } from 'express';
import type { Role } from '@e-contract/contracts';

/** Who is calling, as the authentication middleware established it (stored on `res.locals.auth`). */
export interface AuthUser {
  /** Employee id, `signer:<processId>` for a signer session, `integration:<integrationId>` for an API key. */
  id: string;
  /** An employee's name; an integration's name as the admin gave it. */
  name: string;
  role: Exclude<Role, 'system'>;
  /** Managers and integrations: their branch (auditors and admins have none). */
  branchId?: string;
  /** Signer sessions: the process the invitation opened. */
  processId?: string;
  /** Signer sessions: the invitation they were opened with; the session ends when it is replaced. */
  invitationId?: string;
  /** Signer sessions opened from an embed URL (`/embed/sign/<token>`): the page lives in another system's frame. */
  embedded?: true;
  /** API keys: the integration the key belongs to (`id` is `integration:<integrationId>`). */
  integrationId?: string;
}

/**
 * The roles that act within one branch: a manager, and an integration, which acts as a manager of
 * its branch on the endpoints API.md lists for it ("Integrations") and is refused (403) elsewhere.
 */
export const BRANCH_ROLES = ['manager', 'integration'] as const satisfies readonly AuthUser['role'][];

/** Whether the caller is limited to its own branch (a manager or an integration). */
export const actsForOneBranch = (caller: Pick<AuthUser, 'role'>): boolean => (BRANCH_ROLES as readonly string[]).includes(caller.role);

export const authOf = (res: Response): AuthUser | undefined => res.locals['auth'] as AuthUser | undefined;

/** Where a request came from, as it goes into every event's metadata. */
export interface RequestOrigin {
  ip: string | null;
  userAgent: string | null;
  correlationId: string;
}

export const originOf = (req: Request, res: Response): RequestOrigin => ({
  ip: req.ip ?? null,
  userAgent: req.get('user-agent') ?? null,
  correlationId: (res.locals['correlationId'] as string | undefined) ?? '',
});
