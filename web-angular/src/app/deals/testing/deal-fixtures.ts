import type { AuthState } from '../../core/auth/auth.feature';
import { rootState } from '../../testing/auth-fixtures';
import { initialDealsState, type DealsState } from '../deals.feature';

/** The root state with the deals slice, as MockStore holds it. */
export const dealsRootState = (deals: Partial<DealsState> = {}, auth: Partial<AuthState> = {}) => ({
  ...rootState(auth),
  deals: { ...initialDealsState, ...deals },
});
