import { problem } from '../../testing/auth-fixtures';
import { WebhooksActions } from './webhooks.actions';
import { initialWebhooksState, webhooksFeature } from './webhooks.feature';
import { PENDING, WEBHOOK, delivery, page } from './webhooks-fixtures';

describe('webhooks feature (reducer and selectors)', () => {
  const reduce = webhooksFeature.reducer;

  it('loads the list, then a chosen webhook’s deliveries', () => {
    let state = reduce(initialWebhooksState, WebhooksActions.opened());
    expect(state.loading).toBeTrue();
    state = reduce(state, WebhooksActions.listLoaded({ webhooks: [WEBHOOK] }));
    expect(state.loading).toBeFalse();
    state = reduce(state, WebhooksActions.webhookSelected({ webhookId: WEBHOOK.webhookId }));
    expect(webhooksFeature.selectSelected.projector(state.webhooks, state.selectedId)).toEqual(WEBHOOK);
    expect(state.deliveriesLoading).toBeTrue();
    state = reduce(state, WebhooksActions.deliveriesLoaded({ webhookId: WEBHOOK.webhookId, page: page([PENDING, delivery()]) }));
    expect(state.deliveries).toEqual([PENDING, delivery()]);
    expect(state.deliveriesLoading).toBeFalse();
  });

  it('ignores deliveries of a webhook no longer chosen, and forgets one deleted meanwhile', () => {
    let state = reduce(initialWebhooksState, WebhooksActions.listLoaded({ webhooks: [WEBHOOK] }));
    state = reduce(state, WebhooksActions.webhookSelected({ webhookId: WEBHOOK.webhookId }));
    expect(reduce(state, WebhooksActions.deliveriesLoaded({ webhookId: 'other', page: page([delivery()]) })).deliveries).toEqual([]);
    state = reduce(state, WebhooksActions.listLoaded({ webhooks: [] }));
    expect(state.selectedId).toBeNull();
  });

  it('waits for a replay’s answer, then says it was accepted, or why not', () => {
    let state = reduce(initialWebhooksState, WebhooksActions.replayRequested({ webhookId: WEBHOOK.webhookId, after: '100' }));
    expect(state.replaying).toBeTrue();
    const accepted = reduce(state, WebhooksActions.replayAccepted({ webhookId: WEBHOOK.webhookId, after: '100', position: '130' }));
    expect(accepted).toEqual(jasmine.objectContaining({ replaying: false, replayedAfter: '100', replayProblem: null }));
    state = reduce(state, WebhooksActions.replayFailed({ webhookId: WEBHOOK.webhookId, problem: problem(404, 'not-found') }));
    expect(state).toEqual(jasmine.objectContaining({ replaying: false, replayedAfter: null, replayProblem: problem(404, 'not-found') }));
  });
});
