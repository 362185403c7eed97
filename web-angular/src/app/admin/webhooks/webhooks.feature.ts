import { createFeature, createReducer, createSelector, on } from '@ngrx/store';
import type { ApiProblem } from '../../shared/api/api-problem';
import type { LogPosition, WebhookDelivery, WebhookSummary } from '../../shared/api/api-types';
import { WebhooksActions } from './webhooks.actions';

export interface WebhooksState {
  webhooks: WebhookSummary[];
  loading: boolean;
  problem: ApiProblem | null;
  selectedId: string | null;
  deliveries: WebhookDelivery[];
  deliveriesTotal: number;
  deliveriesLoading: boolean;
  deliveriesProblem: ApiProblem | null;
  /** A replay asked for whose 202 has not come yet (its button waits). */
  replaying: boolean;
  replayProblem: ApiProblem | null;
  /** The last replay accepted: after which position. */
  replayedAfter: LogPosition | null;
}

export const initialWebhooksState: WebhooksState = {
  webhooks: [],
  loading: false,
  problem: null,
  selectedId: null,
  deliveries: [],
  deliveriesTotal: 0,
  deliveriesLoading: false,
  deliveriesProblem: null,
  replaying: false,
  replayProblem: null,
  replayedAfter: null,
};

export const webhooksFeature = createFeature({
  name: 'webhooks',
  reducer: createReducer(
    initialWebhooksState,
    on(WebhooksActions.opened, (state): WebhooksState => ({ ...state, loading: state.webhooks.length === 0, problem: null })),
    on(WebhooksActions.listLoaded, (state, { webhooks }): WebhooksState => ({
      ...state,
      webhooks,
      loading: false,
      problem: null,
      // A webhook deleted meanwhile is no longer shown.
      ...(state.selectedId !== null && !webhooks.some((w) => w.webhookId === state.selectedId)
        ? { selectedId: null, deliveries: [], deliveriesTotal: 0 }
        : {}),
    })),
    on(WebhooksActions.listFailed, (state, { problem }): WebhooksState => ({ ...state, loading: false, problem })),
    on(WebhooksActions.webhookSelected, (state, { webhookId }): WebhooksState => ({
      ...state,
      selectedId: webhookId,
      deliveries: webhookId === state.selectedId ? state.deliveries : [],
      deliveriesTotal: webhookId === state.selectedId ? state.deliveriesTotal : 0,
      deliveriesLoading: true,
      deliveriesProblem: null,
      replayProblem: null,
      replayedAfter: webhookId === state.selectedId ? state.replayedAfter : null,
    })),
    on(WebhooksActions.deliveriesLoaded, (state, { webhookId, page }): WebhooksState =>
      webhookId !== state.selectedId ? state : { ...state, deliveries: page.items, deliveriesTotal: page.total, deliveriesLoading: false },
    ),
    on(WebhooksActions.deliveriesFailed, (state, { webhookId, problem }): WebhooksState =>
      webhookId !== state.selectedId ? state : { ...state, deliveriesLoading: false, deliveriesProblem: problem },
    ),
    on(WebhooksActions.replayRequested, (state): WebhooksState => ({
      ...state,
      replaying: true,
      replayProblem: null,
      replayedAfter: null,
    })),
    on(WebhooksActions.replayAccepted, (state, { after }): WebhooksState => ({ ...state, replaying: false, replayedAfter: after })),
    on(WebhooksActions.replayFailed, (state, { problem }): WebhooksState => ({ ...state, replaying: false, replayProblem: problem })),
  ),
  extraSelectors: ({ selectWebhooks, selectSelectedId }) => ({
    selectSelected: createSelector(selectWebhooks, selectSelectedId, (webhooks, id) => webhooks.find((w) => w.webhookId === id) ?? null),
  }),
});
