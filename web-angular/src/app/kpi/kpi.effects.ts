import { inject } from '@angular/core';
import { Actions, createEffect, ofType } from '@ngrx/effects';
import { catchError, map, of, switchMap } from 'rxjs';
import type { ApiProblem } from '../shared/api/api-problem';
import { ApiClient } from '../shared/api/api-client';
import { KpiActions } from './kpi.actions';

export const loadStats = createEffect(
  (actions$ = inject(Actions), api = inject(ApiClient)) =>
    actions$.pipe(
      ofType(KpiActions.queryChanged),
      switchMap(({ query }) =>
        api.getStats(query).pipe(
          map((stats) => KpiActions.statsLoaded({ stats })),
          catchError((problem: ApiProblem) => of(KpiActions.statsFailed({ problem }))),
        ),
      ),
    ),
  { functional: true },
);

export const kpiEffects = { loadStats };
