import type { WebhookFact } from '@e-contract/contracts/events';
import {
  WebhookRefusal,
  decideWebhook,
  evolveWebhook,
  initialWebhookState,
  type WebhookCommand,
  type WebhookDecisionContext,
  type WebhookFactOut,
} from './webhook-lifecycle.js';

/** given(facts).when(command, ctx).then(facts) | .thenRefuses(code) */
function given(history: readonly WebhookFact[]) {
  const state = history.reduce(evolveWebhook, initialWebhookState);
  return {
    when(command: WebhookCommand, ctx: WebhookDecisionContext = { integration: null, actingFor: null }) {
      return {
        then: (expected: WebhookFactOut[]) => expect(decideWebhook(command, state, ctx)).toEqual(expected),
        thenRefuses: (code: WebhookRefusal['code']) => {
          let refusal: unknown;
          try {
            decideWebhook(command, state, ctx);
          } catch (error) {
            refusal = error;
          }
          expect(refusal).toBeInstanceOf(WebhookRefusal);
          expect((refusal as WebhookRefusal).code).toBe(code);
        },
      };
    },
  };
}

describe('a webhook (decider)', () => {
  const integration = { integrationId: 'i-1', branchId: 'msk', revoked: false };
  const createData = {
    webhookId: 'w-1',
    integrationId: 'i-1',
    url: 'https://crm.example/hooks',
    events: ['*'],
    secretSealed: 'v1.x',
    startsAfter: '41',
  };
  const create: WebhookCommand = { type: 'CreateWebhook', ...createData };
  const created: WebhookFact = { type: 'WebhookCreated', data: createData };
  const deleted: WebhookFact = { type: 'WebhookDeleted', data: { webhookId: 'w-1' } };

  it('is created for an existing integration, by an admin or the integration itself', () => {
    given([])
      .when(create, { integration, actingFor: null })
      .then([{ type: 'WebhookCreated', data: createData }]);
    given([])
      .when(create, { integration, actingFor: 'i-1' })
      .then([{ type: 'WebhookCreated', data: createData }]);
  });

  it('is not created for an unknown or revoked integration, for another one, or twice', () => {
    given([]).when(create, { integration: null, actingFor: null }).thenRefuses('unknown-integration');
    given([])
      .when(create, { integration: { ...integration, revoked: true }, actingFor: null })
      .thenRefuses('integration-revoked');
    given([]).when(create, { integration, actingFor: 'i-2' }).thenRefuses('unknown-integration');
    given([created]).when(create, { integration, actingFor: null }).thenRefuses('webhook-exists');
  });

  it('is deleted and replayed by its owner or an admin; another integration does not see it', () => {
    given([created])
      .when({ type: 'DeleteWebhook' })
      .then([{ type: 'WebhookDeleted', data: { webhookId: 'w-1' } }]);
    given([created])
      .when({ type: 'DeleteWebhook' }, { integration: null, actingFor: 'i-1' })
      .then([{ type: 'WebhookDeleted', data: { webhookId: 'w-1' } }]);
    given([created]).when({ type: 'DeleteWebhook' }, { integration: null, actingFor: 'i-2' }).thenRefuses('webhook-not-found');
    given([created])
      .when({ type: 'RequestReplay', after: '7' })
      .then([{ type: 'WebhookReplayRequested', data: { webhookId: 'w-1', after: '7' } }]);
    given([created]).when({ type: 'RequestReplay', after: '7' }, { integration: null, actingFor: 'i-2' }).thenRefuses('webhook-not-found');
  });

  it('once deleted, or never created, is not found', () => {
    given([created, deleted]).when({ type: 'DeleteWebhook' }).thenRefuses('webhook-not-found');
    given([created, deleted]).when({ type: 'RequestReplay', after: '0' }).thenRefuses('webhook-not-found');
    given([]).when({ type: 'DeleteWebhook' }).thenRefuses('webhook-not-found');
  });
});
