import { createActionGroup, emptyProps, props } from '@ngrx/store';
import type { ApiProblem } from '../../shared/api/api-problem';
import type { LogPosition, WebhookDeliveryPage, WebhookSummary } from '../../shared/api/api-types';

/** The webhooks page: the list, one webhook's recent deliveries, a replay from a position. */
export const WebhooksActions = createActionGroup({
  source: 'Admin webhooks',
  events: {
    opened: emptyProps(),
    refreshed: emptyProps(),
    listLoaded: props<{ webhooks: WebhookSummary[] }>(),
    listFailed: props<{ problem: ApiProblem }>(),
    webhookSelected: props<{ webhookId: string }>(),
    deliveriesLoaded: props<{ webhookId: string; page: WebhookDeliveryPage }>(),
    deliveriesFailed: props<{ webhookId: string; problem: ApiProblem }>(),
    replayRequested: props<{ webhookId: string; after: LogPosition }>(),
    replayAccepted: props<{ webhookId: string; after: LogPosition; position: LogPosition }>(),
    replayFailed: props<{ webhookId: string; problem: ApiProblem }>(),
  },
});
