import { API_KEY_USE_RECORD_INTERVAL_MS, apiKeyUsageStreamName, integrationActor } from '@e-contract/contracts';
import { parseIntegrationUsed } from '@e-contract/contracts/events';
import type { Logger } from 'pino';
import { appendChained, readLastEvent } from '../../event-store/chained-append.js';
import type { EventStore } from '../../event-store/event-store.js';

/**
 * When each key was last used, as facts every process can read (`IntegrationUsed` in
 * `api-key-usage-<integrationId>`), recorded at most once per `intervalMs` per key — whichever
 * process, replica or side saw the use. A process remembers when it last looked at a key's stream,
 * so a busy key costs one read every `intervalMs`; the append expects the revision it read, so of
 * two processes that race only one records the use, and the other finds it on its retry and stops.
 */
export class ApiKeyUsageLog {
  private readonly checkedAt = new Map<string, number>();

  constructor(
    private readonly store: Pick<EventStore, 'readStream' | 'appendToStream'>,
    private readonly options: { clock?: () => Date; intervalMs?: number; logger?: Pick<Logger, 'warn'> } = {},
  ) {}

  /** Records a use of the key now, unless one was recorded less than the interval ago. Never throws. */
  async used(integrationId: string): Promise<void> {
    const now = this.now();
    const interval = this.intervalMs;
    const checked = this.checkedAt.get(integrationId);
    if (checked !== undefined && now.getTime() - checked < interval) return;
    this.checkedAt.set(integrationId, now.getTime());
    try {
      await appendChained(this.store, apiKeyUsageStreamName(integrationId), {
        maxAttempts: 2,
        decide: ({ last }) => {
          const lastAt = last ? Date.parse(last.metadata.occurredAt) : null;
          if (lastAt !== null && now.getTime() - lastAt < interval) {
            // Recorded elsewhere a moment ago: look again when that one is an interval old.
            this.checkedAt.set(integrationId, lastAt);
            return { done: undefined };
          }
          const context = {
            actor: integrationActor(integrationId),
            occurredAt: now.toISOString(),
            ip: null,
            userAgent: null,
            correlationId: null,
            causationId: null,
          };
          return { append: [{ type: 'IntegrationUsed', data: { integrationId }, context }], outcome: () => undefined };
        },
      });
    } catch (error) {
      // `lastUsedAt` is a convenience for the admin: a request never fails for it.
      this.checkedAt.delete(integrationId);
      this.options.logger?.warn({ err: error, integrationId }, 'could not record the use of an API key');
    }
  }

  /** The last recorded use, `null` before the first. */
  async lastUsedAt(integrationId: string): Promise<string | null> {
    const last = await readLastEvent(this.store, apiKeyUsageStreamName(integrationId));
    return last ? parseIntegrationUsed(last).metadata.occurredAt : null;
  }

  private get intervalMs(): number {
    return this.options.intervalMs ?? API_KEY_USE_RECORD_INTERVAL_MS;
  }

  private now(): Date {
    return this.options.clock?.() ?? new Date();
  }
}
