import { inject } from '@angular/core';
import { Actions, createEffect, ofType, provideEffects } from '@ngrx/effects';
import { Store, provideState } from '@ngrx/store';
import { catchError, exhaustMap, filter, map, of, withLatestFrom } from 'rxjs';
import { ApiClient } from '../api/api-client';
import { toApiProblem } from '../api/api-problem';
import { BranchesActions } from './branches.actions';
import { branchesFeature } from './branches.feature';

/** Reads the branch catalogue the first time a page needs it (a failure leaves the codes shown). */
export const loadBranches = createEffect(
  (actions$ = inject(Actions), store = inject(Store), api = inject(ApiClient)) =>
    actions$.pipe(
      ofType(BranchesActions.needed),
      withLatestFrom(store.select(branchesFeature.selectBranches)),
      filter(([, branches]) => branches === null),
      exhaustMap(() =>
        api.listBranches().pipe(
          map((branches) => BranchesActions.loaded({ branches })),
          catchError((error: unknown) => of(BranchesActions.loadFailed({ problem: toApiProblem(error) }))),
        ),
      ),
    ),
  { functional: true },
);

export const branchesEffects = { loadBranches };

/**
 * The catalogue's state and effect, for each lazy feature that names branches (deals, KPI): NgRx
 * keeps one slice under the one key, and runs one copy of the same effects object.
 */
export const provideBranches = () => [provideState(branchesFeature), provideEffects(branchesEffects)];
