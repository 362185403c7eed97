import type { AuthState } from '../../core/auth/auth.feature';
import { rootState } from '../../testing/auth-fixtures';
import { initialBranchesState, type BranchesState } from '../../shared/branches/branches.feature';
import { initialDealsState, type DealsState } from '../deals.feature';

/** The demo branches as `GET /api/branches` lists them. */
export const BRANCHES = [
  { branchId: 'msk', name: 'Москва' },
  { branchId: 'spb', name: 'Санкт-Петербург' },
];

/** The root state with the deals slice, as MockStore holds it. */
export const dealsRootState = (
  deals: Partial<DealsState> = {},
  auth: Partial<AuthState> = {},
  branches: Partial<BranchesState> = { branches: BRANCHES },
) => ({
  ...rootState(auth),
  deals: { ...initialDealsState, ...deals },
  branches: { ...initialBranchesState, ...branches },
});
