import { integrationStreamName, webhookStreamName, type EventContext, type RecordedEvent } from '@e-contract/contracts';
import { parseIntegrationScopeFact, parseWebhookFact } from '@e-contract/contracts/events';
import { appendChained, type EventStore } from '@e-contract/platform/event-store';
import type { CommandOrigin } from '../signing/command-handler.js';
import {
  decideWebhook,
  evolveIntegrationScope,
  evolveWebhook,
  initialWebhookState,
  type IntegrationScope,
  type WebhookCommand,
  type WebhookDecisionContext,
  type WebhookState,
} from './webhook-lifecycle.js';

export interface WebhookOutcome {
  webhookId: string;
  revision: number;
  position: string;
  occurredAt: string;
}

/**
 * Loads a webhook's stream, decides and appends (through `appendChained`: hash-chained, retried on a
 * concurrent writer). The only place that writes `webhook-<id>` streams.
 */
export class WebhookCommandHandler {
  constructor(
    private readonly store: Pick<EventStore, 'readStream' | 'appendToStream'>,
    private readonly clock: () => Date,
  ) {}

  /** The integration as its stream `integration-<id>` shows it (`null`: no such integration). */
  async integration(integrationId: string): Promise<IntegrationScope> {
    let scope: IntegrationScope = null;
    for (const event of await this.store.readStream(integrationStreamName(integrationId))) {
      const fact = parseIntegrationScopeFact(event);
      if (fact) scope = evolveIntegrationScope(scope, fact);
    }
    return scope;
  }

  async load(webhookId: string): Promise<{ state: WebhookState; last: RecordedEvent | null }> {
    const events = await this.store.readStream(webhookStreamName(webhookId));
    let state = initialWebhookState;
    for (const event of events) {
      const fact = parseWebhookFact(event);
      if (fact) state = evolveWebhook(state, fact);
    }
    return { state, last: events.at(-1) ?? null };
  }

  execute(webhookId: string, command: WebhookCommand, ctx: WebhookDecisionContext, origin: CommandOrigin): Promise<WebhookOutcome> {
    return appendChained(this.store, webhookStreamName(webhookId), {
      load: () => this.load(webhookId),
      decide: ({ state }) => {
        const occurredAt = this.clock().toISOString();
        const context: EventContext = { ...origin, occurredAt };
        return {
          append: decideWebhook(command, state, ctx).map((fact) => ({ ...fact, context })),
          outcome: (result) => ({ webhookId, revision: result.revision, position: result.position, occurredAt }),
        };
      },
    });
  }
}
