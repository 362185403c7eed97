import { createFeature, createReducer, createSelector, on } from '@ngrx/store';
import type { Branch } from '../api/api-types';
import { BranchesActions } from './branches.actions';

export interface BranchesState {
  /** `GET /api/branches`; `null` until read. */
  branches: Branch[] | null;
  loading: boolean;
}

export const initialBranchesState: BranchesState = { branches: null, loading: false };

export const branchesFeature = createFeature({
  name: 'branches',
  reducer: createReducer(
    initialBranchesState,
    on(BranchesActions.needed, (state): BranchesState => (state.branches || state.loading ? state : { ...state, loading: true })),
    on(BranchesActions.loaded, (_state, { branches }): BranchesState => ({ branches, loading: false })),
    on(BranchesActions.loadFailed, (state): BranchesState => ({ ...state, loading: false })),
  ),
  extraSelectors: ({ selectBranches }) => ({
    /** The branches sorted by name for a select (Russian collation). */
    selectBranchOptions: createSelector(selectBranches, (branches) =>
      [...(branches ?? [])].sort((a, b) => a.name.localeCompare(b.name, 'ru')),
    ),
    /** A branch's name by its code; the code itself while the catalogue is unknown or does not name it. */
    selectBranchName: createSelector(selectBranches, (branches) => {
      const names = new Map((branches ?? []).map((branch) => [branch.branchId, branch.name]));
      return (branchId: string): string => names.get(branchId) ?? branchId;
    }),
  }),
});
