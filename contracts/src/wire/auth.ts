import type { EmployeeRole } from '../domain-values.js';

/** The signed-in employee, as `POST /api/auth/login` names them. */
export interface EmployeeUser {
  id: string;
  name: string;
  role: EmployeeRole;
  /** Managers only: the branch whose deals they see; `null` for auditors and admins. */
  branchId: string | null;
}

/** `POST /api/auth/login` → 200. */
export interface LoginAnswer {
  token: string;
  user: EmployeeUser;
}

/** `POST /api/signer/session` → 200: the signer's session for that process. */
export interface SignerSessionAnswer {
  token: string;
  processId: string;
}

/** `POST /api/signing-processes/:id/embed-session` → 201: a one-time URL for an `<iframe>`, valid 10 minutes. */
export interface EmbedSessionAnswer {
  embedUrl: string;
  expiresAt: string;
}

/**
 * `POST /api/embed/session` `{embedToken}` → 200: what the embedded page opens with the token of its
 * URL (once): the signer's session, and the origin its messages go to (`null`: to nobody).
 */
export interface EmbedSignerSessionAnswer extends SignerSessionAnswer {
  origin: string | null;
}
