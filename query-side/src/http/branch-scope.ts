import { actsForOneBranch, forbidden, type AuthUser } from '@e-contract/platform/http';

/**
 * The branch a read is limited to. A manager — or an integration, which acts as a manager of its
 * branch — reads their own branch only: without `branchId` the read is forced to it, and asking for
 * another branch is 403 (API.md: "403 not allowed for this role, branch"; an empty list would hide
 * the mistake). Auditors and admins read every branch, or the one they ask for.
 */
export function scopedBranchId(caller: AuthUser, requested: string | undefined): string | undefined {
  if (!actsForOneBranch(caller)) return requested;
  if (requested !== undefined && requested !== caller.branchId) throw forbidden(`A ${caller.role} reads only its own branch`);
  return caller.branchId;
}
