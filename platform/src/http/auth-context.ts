import type { Request, Response } from 'express';
import type { Role } from '@e-contract/contracts';

/** Who is calling, as the authentication middleware established it (stored on `res.locals.auth`). */
export interface AuthUser {
  /** Employee id, or `signer:<processId>` for a signer session. */
  id: string;
  name: string;
  role: Exclude<Role, 'system'>;
  /** Employees: their branch (auditors and admins have none). */
  branchId?: string;
  /** Signer sessions: the process the invitation opened. */
  processId?: string;
}

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
