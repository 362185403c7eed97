import type { AuthUser } from '@e-contract/platform/http';
import type { CabinetEntry, Deal, ReadStore } from '@e-contract/projections';

/**
 * A signer's reach (API.md, "Authentication and roles"): before identification only the process of
 * their session; after it, every process of the same person — the personal INN identification
 * confirmed in the session's own process (its deal's `identification.person.inn`), which the cabinet
 * read model finds across processes.
 */
export interface SignerScope {
  processId: string;
  personInn: string | null;
  entries: CabinetEntry[];
}

export async function signerScope(store: Pick<ReadStore, 'getDeal' | 'cabinet'>, processId: string): Promise<SignerScope> {
  const own = await store.getDeal(processId);
  const personInn = own?.identification.person?.inn ?? null;
  const entries = await store.cabinet(processId, personInn);
  return { processId, personInn, entries };
}

/**
 * Whether the caller may read this deal: auditors and admins every one; a manager (or an
 * integration) their branch's; a
 * signer the processes of their scope. The routes answer 404 otherwise, so that another branch's or
 * person's process is not revealed.
 */
export async function canReadDeal(store: Pick<ReadStore, 'getDeal' | 'cabinet'>, caller: AuthUser, deal: Deal): Promise<boolean> {
  switch (caller.role) {
    case 'auditor':
    case 'admin':
      return true;
    case 'manager':
    case 'integration': // acts as a manager of its branch (API.md, "Integrations")
      return caller.branchId !== undefined && deal.branchId === caller.branchId;
    case 'signer': {
      if (!caller.processId) return false;
      if (deal.processId === caller.processId) return true;
      const scope = await signerScope(store, caller.processId);
      return scope.personInn !== null && scope.entries.some((entry) => entry.processId === deal.processId);
    }
    default: {
      const unknownRole: never = caller.role;
      return unknownRole;
    }
  }
}

/**
 * The command side's `SignerReach` from the read side: the other processes of the person the
 * signer's own process identified (none before identification), as the cabinet finds them.
 */
export function signerReachOf(store: Pick<ReadStore, 'getDeal' | 'cabinet'>): (processId: string) => Promise<readonly string[]> {
  return async (processId) => {
    const scope = await signerScope(store, processId);
    if (scope.personInn === null) return [];
    return scope.entries.map((entry) => entry.processId).filter((id) => id !== processId);
  };
}
