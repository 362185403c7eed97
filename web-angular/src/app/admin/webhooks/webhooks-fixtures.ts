import type { WebhookDelivery, WebhookDeliveryPage, WebhookSummary } from '../../shared/api/api-types';

/** Webhooks and deliveries as the server answers them (specs only). */
export const WEBHOOK: WebhookSummary = {
  webhookId: '3f0c7d2e-9a51-4b8e-8d7a-2f6c1e0b9a41',
  integrationId: 'crm-msk',
  branchId: 'msk',
  url: 'https://crm.example/hooks/e-contract',
  events: ['*'],
  createdAt: '2026-12-01T10:00:00.000Z',
  position: '120',
  pending: 1,
  failed: 1,
};

export const delivery = (overrides: Partial<WebhookDelivery> = {}): WebhookDelivery => ({
  deliveryId: 'msg_0123456789abcdef0123456789abcdef',
  type: 'deal.signed',
  position: '118',
  previousPosition: '101',
  status: 'succeeded',
  attempts: 1,
  lastStatus: 204,
  lastAttemptAt: '2026-12-01T10:05:00.000Z',
  nextAttemptAt: null,
  lastError: null,
  replay: false,
  createdAt: '2026-12-01T10:04:59.000Z',
  ...overrides,
});

export const PENDING = delivery({
  deliveryId: 'msg_pending',
  type: 'deal.archived',
  position: '119',
  previousPosition: '118',
  status: 'pending',
  attempts: 3,
  lastStatus: null,
  lastError: 'connection refused',
  nextAttemptAt: '2026-12-01T10:07:00.000Z',
});

export const page = (items: WebhookDelivery[]): WebhookDeliveryPage => ({ items, total: items.length, page: 1, pageSize: 20 });
