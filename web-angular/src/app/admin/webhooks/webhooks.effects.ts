import { inject } from '@angular/core';
import { Actions, createEffect, ofType } from '@ngrx/effects';
import { Store } from '@ngrx/store';
import { catchError, exhaustMap, filter, map, of, switchMap } from 'rxjs';
import type { ApiProblem } from '../../shared/api/api-problem';
import { ApiClient } from '../../shared/api/api-client';
import { WebhooksActions } from './webhooks.actions';
import { webhooksFeature } from './webhooks.feature';

/** How many of a webhook's deliveries the page shows: the most recent ones. */
export const RECENT_DELIVERIES = 20;

/** The list, on opening the page and on «Обновить». */
export const loadWebhooks = createEffect(
  (actions$ = inject(Actions), api = inject(ApiClient)) =>
    actions$.pipe(
      ofType(WebhooksActions.opened, WebhooksActions.refreshed),
      switchMap(() =>
        api.listWebhooks().pipe(
          map((webhooks) => WebhooksActions.listLoaded({ webhooks })),
          catchError((problem: ApiProblem) => of(WebhooksActions.listFailed({ problem }))),
        ),
      ),
    ),
  { functional: true },
);

/**
 * A webhook's recent deliveries: when it is chosen, on «Обновить», and after a replay was accepted
 * — then read at the replay's position (`X-Min-Position`), so that its copies are in the list.
 */
export const loadDeliveries = createEffect(
  (actions$ = inject(Actions), api = inject(ApiClient), store = inject(Store)) =>
    actions$.pipe(
      ofType(WebhooksActions.webhookSelected, WebhooksActions.refreshed, WebhooksActions.replayAccepted),
      map((action) => ({
        webhookId: 'webhookId' in action ? action.webhookId : store.selectSignal(webhooksFeature.selectSelectedId)(),
        minPosition: action.type === WebhooksActions.replayAccepted.type ? action.position : undefined,
      })),
      filter((load): load is { webhookId: string; minPosition: string | undefined } => load.webhookId !== null),
      switchMap(({ webhookId, minPosition }) =>
        api.webhookDeliveries(webhookId, { pageSize: RECENT_DELIVERIES }, minPosition ? { minPosition } : {}).pipe(
          map((page) => WebhooksActions.deliveriesLoaded({ webhookId, page })),
          catchError((problem: ApiProblem) => of(WebhooksActions.deliveriesFailed({ webhookId, problem }))),
        ),
      ),
    ),
  { functional: true },
);

export const replayWebhook = createEffect(
  (actions$ = inject(Actions), api = inject(ApiClient)) =>
    actions$.pipe(
      ofType(WebhooksActions.replayRequested),
      exhaustMap(({ webhookId, after }) =>
        api.replayWebhook(webhookId, after).pipe(
          map((answer) => WebhooksActions.replayAccepted({ webhookId, after: answer.after, position: answer.position })),
          catchError((problem: ApiProblem) => of(WebhooksActions.replayFailed({ webhookId, problem }))),
        ),
      ),
    ),
  { functional: true },
);

export const webhooksEffects = { loadWebhooks, loadDeliveries, replayWebhook };
