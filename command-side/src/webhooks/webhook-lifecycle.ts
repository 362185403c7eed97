import type { WebhookCreatedData, WebhookDeletedData, WebhookReplayRequestedData } from '@e-contract/contracts';
import type { IntegrationScopeFact, WebhookFact } from '@e-contract/contracts/events';

/**
 * A webhook's life (stream `webhook-<webhookId>`) as a decider (STYLE.md §1): created for an
 * integration, replays asked, deleted. Pure: the routes fetch what `ctx` holds.
 */

export type WebhookState =
  | { status: 'none' }
  | { status: 'active'; webhookId: string; integrationId: string; url: string; events: string[] }
  | { status: 'deleted'; webhookId: string; integrationId: string };

export const initialWebhookState: WebhookState = { status: 'none' };

export function evolveWebhook(state: WebhookState, fact: WebhookFact): WebhookState {
  switch (fact.type) {
    case 'WebhookCreated': {
      const { webhookId, integrationId, url, events } = fact.data;
      return { status: 'active', webhookId, integrationId, url, events: [...events] };
    }
    case 'WebhookDeleted':
      return state.status === 'none' ? state : { status: 'deleted', webhookId: state.webhookId, integrationId: state.integrationId };
    case 'WebhookReplayRequested':
      return state;
    default: {
      const unhandled: never = fact;
      return unhandled;
    }
  }
}

/** An integration as its stream shows it: the branch it acts for, and whether its key was revoked. */
export type IntegrationScope = { integrationId: string; branchId: string; revoked: boolean } | null;

export function evolveIntegrationScope(scope: IntegrationScope, fact: IntegrationScopeFact): IntegrationScope {
  switch (fact.type) {
    case 'IntegrationCreated':
      return { integrationId: fact.data.integrationId, branchId: fact.data.branchId, revoked: false };
    case 'IntegrationRevoked':
      return scope === null ? null : { ...scope, revoked: true };
    default: {
      const unhandled: never = fact;
      return unhandled;
    }
  }
}

export type WebhookCommand =
  | {
      type: 'CreateWebhook';
      webhookId: string;
      integrationId: string;
      url: string;
      events: string[];
      secretSealed: string;
      startsAfter: string | null;
    }
  | { type: 'DeleteWebhook' }
  | { type: 'RequestReplay'; after: string };

export interface WebhookDecisionContext {
  /** The integration the command names (CreateWebhook), as its stream shows it. */
  integration: IntegrationScope;
  /** An integration acting for itself acts on its own webhooks only; `null`: an admin. */
  actingFor: string | null;
}

export type WebhookFactOut =
  | { type: 'WebhookCreated'; data: WebhookCreatedData }
  | { type: 'WebhookDeleted'; data: WebhookDeletedData }
  | { type: 'WebhookReplayRequested'; data: WebhookReplayRequestedData };

/** A refusal; `code` is the problem's slug. */
export class WebhookRefusal extends Error {
  override readonly name = 'WebhookRefusal';
  constructor(
    readonly code: 'webhook-not-found' | 'webhook-exists' | 'unknown-integration' | 'integration-revoked',
    message: string,
  ) {
    super(message);
  }
}

export function decideWebhook(command: WebhookCommand, state: WebhookState, ctx: WebhookDecisionContext): WebhookFactOut[] {
  switch (command.type) {
    case 'CreateWebhook': {
      if (state.status !== 'none') throw new WebhookRefusal('webhook-exists', `webhook ${command.webhookId} exists`);
      if (ctx.integration === null || ctx.integration.integrationId !== command.integrationId) {
        throw new WebhookRefusal('unknown-integration', `no integration ${command.integrationId}`);
      }
      if (ctx.integration.revoked) throw new WebhookRefusal('integration-revoked', `integration ${command.integrationId} was revoked`);
      if (ctx.actingFor !== null && ctx.actingFor !== command.integrationId) {
        throw new WebhookRefusal('unknown-integration', 'an integration creates webhooks for itself only');
      }
      const { webhookId, integrationId, url, events, secretSealed, startsAfter } = command;
      return [{ type: 'WebhookCreated', data: { webhookId, integrationId, url, events: [...events], secretSealed, startsAfter } }];
    }
    case 'DeleteWebhook': {
      const active = ownActiveWebhook(state, ctx);
      return [{ type: 'WebhookDeleted', data: { webhookId: active.webhookId } }];
    }
    case 'RequestReplay': {
      const active = ownActiveWebhook(state, ctx);
      return [{ type: 'WebhookReplayRequested', data: { webhookId: active.webhookId, after: command.after } }];
    }
    default: {
      const unhandled: never = command;
      return unhandled;
    }
  }
}

/** A deleted webhook, or another integration's, is answered as an unknown one. */
function ownActiveWebhook(state: WebhookState, ctx: WebhookDecisionContext): Extract<WebhookState, { status: 'active' }> {
  if (state.status !== 'active' || (ctx.actingFor !== null && ctx.actingFor !== state.integrationId)) {
    throw new WebhookRefusal('webhook-not-found', 'no such webhook');
  }
  return state;
}
