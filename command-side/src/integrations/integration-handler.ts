import {
  INTEGRATIONS_INDEX_STREAM,
  integrationStreamName,
  type EventContext,
  type IntegrationRow,
  type RecordedEvent,
} from '@e-contract/contracts';
import { parseIntegrationEvent, parseIntegrationListed } from '@e-contract/contracts/events';
import { ApiKeyUsageLog, foldIntegration, integrationStatusAt, type IntegrationState } from '@e-contract/platform/auth';
import { appendChained, type EventStore } from '@e-contract/platform/event-store';
import type { CommandOrigin } from '../signing/command-handler.js';
import { decideIntegration, type IntegrationCommand } from './integration-decider.js';

export interface IntegrationOutcome {
  /** Position and time of the fact appended; `null` when the command appended nothing (a second revocation). */
  position: string | null;
  occurredAt: string | null;
}

/**
 * The one place that loads an integration, decides and appends (as the signing command handler
 * does for processes), and the admin's list. A creation first adds the integration to the index
 * `integrations`, then records `IntegrationCreated` in its own stream: a crash in between leaves an
 * entry that points at nothing (the list skips it), never a working key that the list — and so the
 * admin's revoke button — does not show.
 */
export class IntegrationCommandHandler {
  readonly usage: ApiKeyUsageLog;

  constructor(
    private readonly store: EventStore,
    private readonly clock: () => Date = () => new Date(),
  ) {
    this.usage = new ApiKeyUsageLog(store, { clock });
  }

  async load(integrationId: string): Promise<IntegrationState> {
    const events = await this.store.readStream(integrationStreamName(integrationId));
    return foldIntegration(events.map(parseIntegrationEvent));
  }

  async execute(integrationId: string, origin: CommandOrigin, command: IntegrationCommand): Promise<IntegrationOutcome> {
    if (command.type === 'CreateIntegration') await this.addToIndex(integrationId, origin);
    return appendChained<IntegrationOutcome, { last: RecordedEvent | null; state: IntegrationState }>(
      this.store,
      integrationStreamName(integrationId),
      {
        load: async () => {
          const events = await this.store.readStream(integrationStreamName(integrationId));
          return { last: events.at(-1) ?? null, state: foldIntegration(events.map(parseIntegrationEvent)) };
        },
        decide: ({ state }) => {
          const facts = decideIntegration(command, state);
          if (facts.length === 0) return { done: { position: null, occurredAt: null } };
          const context = this.contextOf(origin);
          return {
            append: facts.map((fact) => ({ ...fact, context })),
            outcome: (result) => ({ position: result.position, occurredAt: context.occurredAt }),
          };
        },
      },
    );
  }

  /** Every integration ever created, newest first, as the admin's list shows it (never a key). */
  async list(): Promise<IntegrationRow[]> {
    const listed = (await this.store.readStream(INTEGRATIONS_INDEX_STREAM)).map(
      (event) => parseIntegrationListed(event).data.integrationId,
    );
    const now = this.clock();
    const rows = await Promise.all(
      [...new Set(listed)].map(async (integrationId): Promise<IntegrationRow | null> => {
        const state = await this.load(integrationId);
        if (state.status === 'none') return null;
        const status = integrationStatusAt(state, now);
        return {
          integrationId,
          name: state.name,
          branchId: state.branchId,
          allowedOrigins: state.allowedOrigins,
          keyPrefix: state.keyPrefix,
          createdAt: state.createdAt,
          createdBy: { id: state.createdBy.id, role: state.createdBy.role },
          expiresAt: state.expiresAt,
          lastUsedAt: await this.usage.lastUsedAt(integrationId),
          revokedAt: state.revokedAt,
          status: status === 'none' ? 'revoked' : status,
        };
      }),
    );
    return rows.filter((row): row is IntegrationRow => row !== null).sort((a, b) => b.createdAt.localeCompare(a.createdAt));
  }

  /** Adds the integration to the index the list walks; many admins at once only retry. */
  private async addToIndex(integrationId: string, origin: CommandOrigin): Promise<void> {
    await appendChained(this.store, INTEGRATIONS_INDEX_STREAM, {
      maxAttempts: 10,
      backoff: (attempt) => new Promise((resolve) => setTimeout(resolve, 5 * attempt + Math.random() * 20)),
      decide: () => ({
        append: [{ type: 'IntegrationListed', data: { integrationId }, context: this.contextOf(origin) }],
        outcome: () => undefined,
      }),
    });
  }

  private contextOf(origin: CommandOrigin): EventContext {
    return { ...origin, occurredAt: this.clock().toISOString() };
  }
}
