import { inject, InjectionToken } from '@angular/core';
import { Actions, createEffect, ofType } from '@ngrx/effects';
import { catchError, exhaustMap, filter, map, of, switchMap, takeUntil, timer } from 'rxjs';
import type { ApiProblem } from '../shared/api/api-problem';
import { ApiClient } from '../shared/api/api-client';
import { AdminActions } from './admin.actions';
import { anyRebuilding } from './any-rebuilding';

/** How long to wait before reloading the list while a rebuild runs. */
export const REBUILD_POLL_MS = new InjectionToken<number>('REBUILD_POLL_MS', { factory: () => 1000 });

const loadList = (api: ApiClient) =>
  api.listProjections().pipe(
    map((projections) => AdminActions.listLoaded({ projections })),
    catchError((problem: ApiProblem) => of(AdminActions.listFailed({ problem }))),
  );

/** The list on opening the page and right after a rebuild is accepted (202). */
export const loadProjections = createEffect(
  (actions$ = inject(Actions), api = inject(ApiClient)) =>
    actions$.pipe(
      ofType(AdminActions.opened, AdminActions.rebuildAccepted),
      switchMap(() => loadList(api)),
    ),
  { functional: true },
);

export const rebuildProjection = createEffect(
  (actions$ = inject(Actions), api = inject(ApiClient)) =>
    actions$.pipe(
      ofType(AdminActions.rebuildRequested),
      exhaustMap(({ name }) =>
        api.rebuildProjection(name).pipe(
          map(() => AdminActions.rebuildAccepted({ name })),
          catchError((problem: ApiProblem) => of(AdminActions.rebuildFailed({ name, problem }))),
        ),
      ),
    ),
  { functional: true },
);

/**
 * After each list, if any read model is still rebuilding, the list again a second later: the poll
 * stops by itself once none is, and when the page closes.
 */
export const pollWhileRebuilding = createEffect(
  (actions$ = inject(Actions), api = inject(ApiClient), period = inject(REBUILD_POLL_MS)) =>
    actions$.pipe(
      ofType(AdminActions.listLoaded),
      filter(({ projections }) => anyRebuilding(projections)),
      switchMap(() =>
        timer(period).pipe(
          switchMap(() => loadList(api)),
          takeUntil(actions$.pipe(ofType(AdminActions.closed, AdminActions.opened))),
        ),
      ),
    ),
  { functional: true },
);

export const adminEffects = { loadProjections, rebuildProjection, pollWhileRebuilding };
