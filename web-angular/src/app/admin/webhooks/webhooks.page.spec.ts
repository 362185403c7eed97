import { ComponentFixture, TestBed } from '@angular/core/testing';
import { provideEffects } from '@ngrx/effects';
import { provideState, provideStore } from '@ngrx/store';
import { of } from 'rxjs';
import { ApiClient } from '../../shared/api/api-client';
import { webhooksEffects } from './webhooks.effects';
import { webhooksFeature } from './webhooks.feature';
import { WebhooksPage } from './webhooks.page';
import { PENDING, WEBHOOK, delivery, page } from './webhooks-fixtures';

describe('WebhooksPage', () => {
  let fixture: ComponentFixture<WebhooksPage>;
  let api: jasmine.SpyObj<ApiClient>;
  let view: HTMLElement;

  const settle = async () => {
    fixture.detectChanges();
    await fixture.whenStable();
  };

  beforeEach(async () => {
    api = jasmine.createSpyObj<ApiClient>('ApiClient', ['listWebhooks', 'webhookDeliveries', 'replayWebhook']);
    api.listWebhooks.and.returnValue(of([WEBHOOK]));
    api.webhookDeliveries.and.returnValue(of(page([PENDING, delivery()])));
    api.replayWebhook.and.returnValue(of({ webhookId: WEBHOOK.webhookId, after: '100', position: '130' }));
    await TestBed.configureTestingModule({
      imports: [WebhooksPage],
      providers: [provideStore(), provideState(webhooksFeature), provideEffects(webhooksEffects), { provide: ApiClient, useValue: api }],
    }).compileComponents();
    fixture = TestBed.createComponent(WebhooksPage);
    view = fixture.nativeElement as HTMLElement;
    await settle();
  });

  const showDeliveries = async () => {
    view.querySelector<HTMLButtonElement>('[data-test=show-deliveries]')!.click();
    await settle();
  };

  it('lists the webhooks with their URL, integration, events and queue', () => {
    const row = view.querySelector(`[data-webhook="${WEBHOOK.webhookId}"]`)!;
    expect(row.textContent).toContain(WEBHOOK.url);
    expect(row.textContent).toContain('crm-msk');
    expect(row.textContent).toContain('все');
    expect(row.textContent).toContain('1 ожидают, 1 не доставлены');
  });

  it('shows a webhook’s recent deliveries with status, attempts, last answer and next attempt', async () => {
    await showDeliveries();
    expect(api.webhookDeliveries).toHaveBeenCalledWith(WEBHOOK.webhookId, { pageSize: 20 }, {});
    const pending = view.querySelector('[data-delivery="msg_pending"]')!;
    expect(pending.getAttribute('data-status')).toBe('pending');
    expect(pending.textContent).toContain('deal.archived');
    expect(pending.textContent).toContain('Ожидает');
    expect(pending.textContent).toContain('3');
    expect(pending.textContent).toContain('connection refused');
    expect(pending.textContent).toMatch(/\d{2}\.\d{2}\.\d{4}/); // the next attempt's time
    const done = view.querySelector(`[data-delivery="${delivery().deliveryId}"]`)!;
    expect(done.textContent).toContain('Доставлено');
    expect(done.textContent).toContain('204');
  });

  it('shows a delivery not tried yet as waiting for the one before it', async () => {
    api.webhookDeliveries.and.returnValue(
      of(
        page([
          delivery({
            deliveryId: 'msg_queued',
            status: 'pending',
            attempts: 0,
            lastStatus: null,
            lastAttemptAt: null,
            nextAttemptAt: '2026-12-01T10:04:59.000Z',
          }),
          PENDING,
        ]),
      ),
    );
    await showDeliveries();
    expect(view.querySelector('[data-delivery="msg_queued"]')!.textContent).toContain('после предыдущей');
    expect(view.querySelector('[data-delivery="msg_pending"]')!.textContent).not.toContain('после предыдущей');
  });

  it('replays from a position, then reads the deliveries at the replay’s position', async () => {
    await showDeliveries();
    const input = view.querySelector<HTMLInputElement>('[data-test=replay-after]')!;
    input.value = '100';
    input.dispatchEvent(new Event('input'));
    view.querySelector<HTMLButtonElement>('[data-test=replay]')!.click();
    await settle();
    expect(api.replayWebhook).toHaveBeenCalledWith(WEBHOOK.webhookId, '100');
    expect(api.webhookDeliveries).toHaveBeenCalledWith(WEBHOOK.webhookId, { pageSize: 20 }, { minPosition: '130' });
    expect(view.querySelector('[data-test=replay-accepted]')!.textContent).toContain('после позиции 100');
  });

  it('does not send a position that is not a whole number', async () => {
    await showDeliveries();
    const input = view.querySelector<HTMLInputElement>('[data-test=replay-after]')!;
    input.value = 'вчера';
    input.dispatchEvent(new Event('input'));
    view.querySelector<HTMLButtonElement>('[data-test=replay]')!.click();
    await settle();
    expect(api.replayWebhook).not.toHaveBeenCalled();
    expect(view.textContent).toContain('Позиция — целое число');
  });
});
