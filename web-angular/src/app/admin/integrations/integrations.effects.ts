import { inject } from '@angular/core';
import { Actions, createEffect, ofType } from '@ngrx/effects';
import { catchError, exhaustMap, map, of, switchMap } from 'rxjs';
import type { ApiProblem } from '../../shared/api/api-problem';
import { ApiClient } from '../../shared/api/api-client';
import { IntegrationsActions } from './integrations.actions';

/** The list on opening the page, and after each creation and revocation (it shows the new state). */
export const loadIntegrations = createEffect(
  (actions$ = inject(Actions), api = inject(ApiClient)) =>
    actions$.pipe(
      ofType(IntegrationsActions.opened, IntegrationsActions.created, IntegrationsActions.revoked),
      switchMap(() =>
        api.listIntegrations().pipe(
          map((integrations) => IntegrationsActions.listLoaded({ integrations })),
          catchError((problem: ApiProblem) => of(IntegrationsActions.listFailed({ problem }))),
        ),
      ),
    ),
  { functional: true },
);

/** One creation at a time: a second click while the first is on its way makes no second key. */
export const createIntegration = createEffect(
  (actions$ = inject(Actions), api = inject(ApiClient)) =>
    actions$.pipe(
      ofType(IntegrationsActions.createRequested),
      exhaustMap(({ request }) =>
        api.createIntegration(request).pipe(
          map((answer) => IntegrationsActions.created({ answer })),
          catchError((problem: ApiProblem) => of(IntegrationsActions.createFailed({ problem }))),
        ),
      ),
    ),
  { functional: true },
);

export const revokeIntegration = createEffect(
  (actions$ = inject(Actions), api = inject(ApiClient)) =>
    actions$.pipe(
      ofType(IntegrationsActions.revokeConfirmed),
      exhaustMap(({ integrationId }) =>
        api.revokeIntegration(integrationId).pipe(
          map(() => IntegrationsActions.revoked({ integrationId })),
          catchError((problem: ApiProblem) => of(IntegrationsActions.revokeFailed({ integrationId, problem }))),
        ),
      ),
    ),
  { functional: true },
);

export const integrationsEffects = { loadIntegrations, createIntegration, revokeIntegration };
