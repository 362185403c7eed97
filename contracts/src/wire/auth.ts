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
