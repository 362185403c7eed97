import { TestBed } from '@angular/core/testing';
import { provideMockActions } from '@ngrx/effects/testing';
import { provideState, provideStore, Store, type Action } from '@ngrx/store';
import { firstValueFrom, Observable, of, throwError } from 'rxjs';
import { ApiClient } from '../../shared/api/api-client';
import { problem } from '../../testing/auth-fixtures';
import { WebhooksActions } from './webhooks.actions';
import * as effects from './webhooks.effects';
import { webhooksFeature } from './webhooks.feature';
import { PENDING, WEBHOOK, page } from './webhooks-fixtures';

describe('webhooks effects', () => {
  let actions$: Observable<Action>;
  let api: jasmine.SpyObj<ApiClient>;

  beforeEach(() => {
    api = jasmine.createSpyObj<ApiClient>('ApiClient', ['listWebhooks', 'webhookDeliveries', 'replayWebhook']);
    TestBed.configureTestingModule({
      providers: [provideStore(), provideState(webhooksFeature), provideMockActions(() => actions$), { provide: ApiClient, useValue: api }],
    });
  });

  const run = (effect: () => Observable<Action>) => firstValueFrom(TestBed.runInInjectionContext(effect));

  it('loads the list on opening and on refresh, and reports a failure', async () => {
    api.listWebhooks.and.returnValue(of([WEBHOOK]));
    actions$ = of(WebhooksActions.opened());
    expect(await run(effects.loadWebhooks)).toEqual(WebhooksActions.listLoaded({ webhooks: [WEBHOOK] }));
    api.listWebhooks.and.returnValue(throwError(() => problem(403, 'forbidden')));
    actions$ = of(WebhooksActions.refreshed());
    expect(await run(effects.loadWebhooks)).toEqual(WebhooksActions.listFailed({ problem: problem(403, 'forbidden') }));
  });

  it('loads the recent deliveries of the webhook chosen', async () => {
    api.webhookDeliveries.and.returnValue(of(page([PENDING])));
    actions$ = of(WebhooksActions.webhookSelected({ webhookId: WEBHOOK.webhookId }));
    expect(await run(effects.loadDeliveries)).toEqual(
      WebhooksActions.deliveriesLoaded({ webhookId: WEBHOOK.webhookId, page: page([PENDING]) }),
    );
    expect(api.webhookDeliveries).toHaveBeenCalledWith(WEBHOOK.webhookId, { pageSize: effects.RECENT_DELIVERIES }, {});
  });

  it('after a replay, reads the deliveries at the replay’s position (X-Min-Position)', async () => {
    api.replayWebhook.and.returnValue(of({ webhookId: WEBHOOK.webhookId, after: '100', position: '130' }));
    actions$ = of(WebhooksActions.replayRequested({ webhookId: WEBHOOK.webhookId, after: '100' }));
    const accepted = await run(effects.replayWebhook);
    expect(accepted).toEqual(WebhooksActions.replayAccepted({ webhookId: WEBHOOK.webhookId, after: '100', position: '130' }));
    expect(api.replayWebhook).toHaveBeenCalledWith(WEBHOOK.webhookId, '100');

    api.webhookDeliveries.and.returnValue(of(page([PENDING])));
    actions$ = of(accepted);
    await run(effects.loadDeliveries);
    expect(api.webhookDeliveries).toHaveBeenCalledWith(WEBHOOK.webhookId, { pageSize: effects.RECENT_DELIVERIES }, { minPosition: '130' });
  });

  it('refreshes the chosen webhook’s deliveries, and none when none is chosen', async () => {
    api.webhookDeliveries.and.returnValue(of(page([])));
    const store = TestBed.inject(Store);
    store.dispatch(WebhooksActions.listLoaded({ webhooks: [WEBHOOK] }));
    store.dispatch(WebhooksActions.webhookSelected({ webhookId: WEBHOOK.webhookId }));
    actions$ = of(WebhooksActions.refreshed());
    expect(await run(effects.loadDeliveries)).toEqual(WebhooksActions.deliveriesLoaded({ webhookId: WEBHOOK.webhookId, page: page([]) }));
  });

  it('reports a refused replay', async () => {
    api.replayWebhook.and.returnValue(throwError(() => problem(400, 'validation')));
    actions$ = of(WebhooksActions.replayRequested({ webhookId: WEBHOOK.webhookId, after: '1' }));
    expect(await run(effects.replayWebhook)).toEqual(
      WebhooksActions.replayFailed({ webhookId: WEBHOOK.webhookId, problem: problem(400, 'validation') }),
    );
  });
});
