import { createHmac, hkdfSync } from 'node:crypto';
import { externalIdStreamName, signingStreamName, type EventContext } from '@e-contract/contracts';
import { parseExternalIdEvent, type ParsedExternalIdEvent } from '@e-contract/contracts/events';
import { appendChained, type EventStore } from '@e-contract/platform/event-store';

/** A claim whose process never appeared this long after is taken as abandoned (its creation died mid-way). */
export const ABANDONED_CLAIM_MS = 30_000;

export type ClaimOutcome =
  /** This request now holds the id (`fresh`: by a claim it appended, so it must release it if creation fails). */
  | { held: true; fresh: boolean }
  /** Another process holds it. */
  | { held: false; processId: string };

/**
 * What the index decides about a claim of an id for `processId`, given its stream's last event —
 * pure: `holderExists` and `now` are fetched before. Free (no stream, or released): claim it. Held
 * by this very process (a retry): keep it. Held by another: refuse, naming it — unless that process
 * does not exist and its claim is older than `ABANDONED_CLAIM_MS`, which only a creation that
 * crashed between its claim and its process leaves behind; then take it over.
 */
export function decideClaim(
  last: ParsedExternalIdEvent | null,
  processId: string,
  context: { now: Date; holderExists: boolean },
): 'claim' | 'ours' | { heldBy: string } {
  if (!last || last.type === 'ExternalIdReleased') return 'claim';
  if (last.data.processId === processId) return 'ours';
  const age = context.now.getTime() - Date.parse(last.metadata.occurredAt);
  if (!context.holderExists && age > ABANDONED_CLAIM_MS) return 'claim';
  return { heldBy: last.data.processId };
}

/**
 * `externalId` is unique per integration, or per branch for a manager (API.md, "Integrations"),
 * across every process and replica: one index stream per scope and id, `external-id-<HMAC>`, whose
 * first claim is appended expecting `no_stream` (later ones the revision read), so of two requests
 * racing for an id exactly one wins. The claim comes before the process (a claim without its process
 * is told apart above); the process stream stays the record, the index only points at it.
 *
 * The stream name is HMAC-SHA256 of the scope and the id under a key derived from the server's
 * secrets: another system's reference may be a personal number (an INN, a policy number), and a
 * plain hash of a short number is reversed by trying them all.
 */
export class ExternalIdIndex {
  private readonly key: Buffer;

  constructor(
    private readonly store: Pick<EventStore, 'readStream' | 'appendToStream'>,
    secret: string,
    private readonly clock: () => Date = () => new Date(),
  ) {
    this.key = Buffer.from(hkdfSync('sha256', secret, Buffer.alloc(0), 'e-contract externalId index v1', 32));
  }

  /** The index stream of `externalId` within `scope` (`integration:<id>` or `branch:<branchId>`). */
  streamOf(scope: string, externalId: string): string {
    return externalIdStreamName(createHmac('sha256', this.key).update(`${scope}\n${externalId}`, 'utf8').digest('hex'));
  }

  async claim(scope: string, externalId: string, processId: string, context: Omit<EventContext, 'occurredAt'>): Promise<ClaimOutcome> {
    return appendChained<ClaimOutcome>(this.store, this.streamOf(scope, externalId), {
      maxAttempts: 4,
      decide: async ({ last }) => {
        const parsed = last ? parseExternalIdEvent(last) : null;
        const holder = parsed?.type === 'ExternalIdClaimed' ? parsed.data.processId : null;
        const holderExists = holder !== null && holder !== processId && (await this.processExists(holder));
        const decision = decideClaim(parsed, processId, { now: this.clock(), holderExists });
        if (decision === 'ours') return { done: { held: true, fresh: false } };
        if (decision !== 'claim') return { done: { held: false, processId: decision.heldBy } };
        return {
          append: [{ type: 'ExternalIdClaimed', data: { processId }, context: { ...context, occurredAt: this.clock().toISOString() } }],
          outcome: () => ({ held: true, fresh: true }),
        };
      },
    });
  }

  /** Frees an id this request claimed for a process it then could not create. */
  async release(scope: string, externalId: string, processId: string, context: Omit<EventContext, 'occurredAt'>): Promise<void> {
    await appendChained(this.store, this.streamOf(scope, externalId), {
      maxAttempts: 2,
      decide: ({ last }) => {
        const parsed = last ? parseExternalIdEvent(last) : null;
        if (parsed?.type !== 'ExternalIdClaimed' || parsed.data.processId !== processId) return { done: undefined };
        return {
          append: [{ type: 'ExternalIdReleased', data: { processId }, context: { ...context, occurredAt: this.clock().toISOString() } }],
          outcome: () => undefined,
        };
      },
    });
  }

  private async processExists(processId: string): Promise<boolean> {
    return (await this.store.readStream(signingStreamName(processId), { maxCount: 1 })).length > 0;
  }
}
