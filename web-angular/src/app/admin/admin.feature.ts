import { createFeature, createReducer, createSelector, on } from '@ngrx/store';
import type { ApiProblem } from '../shared/api/api-problem';
import type { ProjectionStatusRow } from '../shared/api/api-types';
import { AdminActions } from './admin.actions';
import { anyRebuilding } from './any-rebuilding';

export interface AdminState {
  projections: ProjectionStatusRow[];
  loading: boolean;
  problem: ApiProblem | null;
  /** Rebuilds asked for whose 202 has not come yet (their buttons wait). */
  requested: string[];
  rebuildProblem: ApiProblem | null;
}

export const initialAdminState: AdminState = {
  projections: [],
  loading: false,
  problem: null,
  requested: [],
  rebuildProblem: null,
};

const without = (names: string[], name: string) => names.filter((n) => n !== name);

export const adminFeature = createFeature({
  name: 'admin',
  reducer: createReducer(
    initialAdminState,
    on(AdminActions.opened, (state): AdminState => ({ ...state, loading: state.projections.length === 0, problem: null })),
    on(AdminActions.listLoaded, (state, { projections }): AdminState => ({
      ...state,
      projections,
      loading: false,
      problem: null,
    })),
    on(AdminActions.listFailed, (state, { problem }): AdminState => ({ ...state, loading: false, problem })),
    on(AdminActions.rebuildRequested, (state, { name }): AdminState => ({
      ...state,
      requested: [...without(state.requested, name), name],
      rebuildProblem: null,
    })),
    on(AdminActions.rebuildAccepted, (state, { name }): AdminState => ({ ...state, requested: without(state.requested, name) })),
    on(AdminActions.rebuildFailed, (state, { name, problem }): AdminState => ({
      ...state,
      requested: without(state.requested, name),
      rebuildProblem: problem,
    })),
  ),
  extraSelectors: ({ selectProjections }) => ({
    /** True while any read model rebuilds: the list is polled. */
    selectAnyRebuilding: createSelector(selectProjections, anyRebuilding),
  }),
});
