import { inject } from '@angular/core';
import { Actions, createEffect, ofType } from '@ngrx/effects';
import { catchError, exhaustMap, map, of } from 'rxjs';
import { ApiClient } from '../../shared/api/api-client';
import { toApiProblem } from '../../shared/api/api-problem';
import { LinkRequestActions } from './link-request.actions';

/** `POST /api/signer/link-requests`: 202 whatever the token, so "sent" is all the page can say. */
export const requestNewLink = createEffect(
  (actions$ = inject(Actions), api = inject(ApiClient)) =>
    actions$.pipe(
      ofType(LinkRequestActions.requested),
      exhaustMap(({ inviteToken }) =>
        api.requestNewLink(inviteToken).pipe(
          map(() => LinkRequestActions.sent()),
          catchError((error: unknown) => of(LinkRequestActions.failed({ problem: toApiProblem(error) }))),
        ),
      ),
    ),
  { functional: true },
);

export const linkRequestEffects = { requestNewLink };
