import { randomUUID } from 'node:crypto';
import { SIGNING_EVENT_VERSIONS, isSigningEventType, type EventContext, type RecordedEvent } from '@e-contract/contracts';
import { GENESIS_HASH, chainBodyOf, chainHash } from '@e-contract/contracts/node';
import { threadMetrics } from '../metrics/thread-metrics.js';
import { isSealingStore } from '../personal-data/with-personal-data.js';
import { EventStoreUnavailable } from './event-store-errors.js';
import { WrongExpectedRevision, type AppendResult, type EventStore, type ExpectedRevision, type NewEvent } from './event-store.js';

/**
 * Turns facts into events ready to append at the end of a stream: each gets an id, its schema
 * version, the context (who, when, from where, why) and its link in the stream's hash chain.
 */
export function chainEvents(
  streamId: string,
  last: Pick<RecordedEvent, 'revision' | 'metadata'> | null,
  facts: readonly { type: string; data: unknown; context: EventContext }[],
): NewEvent[] {
  let prevHash = last?.metadata.hash ?? GENESIS_HASH;
  let revision = last ? last.revision : -1;
  return facts.map(({ type, data, context }) => {
    revision += 1;
    const body = chainBodyOf({ streamId, revision, type, data, metadata: context });
    const hash = chainHash(prevHash, body);
    const event: NewEvent = {
      eventId: randomUUID(),
      type,
      data,
      metadata: {
        actor: context.actor,
        occurredAt: context.occurredAt,
        ip: context.ip,
        userAgent: context.userAgent,
        correlationId: context.correlationId,
        causationId: context.causationId,
        ...(context.commandId ? { commandId: context.commandId } : {}),
        schemaVersion: isSigningEventType(type) ? SIGNING_EVENT_VERSIONS[type] : 1,
        prevHash,
        hash,
      },
    };
    prevHash = hash;
    return event;
  });
}

/** A fact to record, with who caused it, when, from where and why. */
export interface Fact {
  type: string;
  data: unknown;
  context: EventContext;
}

/** What a writer read of its stream before deciding: at least the last event (`null`: no stream yet). */
export interface StreamEnd {
  last: RecordedEvent | null;
}

export interface ChainedAppendOptions<Loaded extends StreamEnd, Outcome> {
  /** Reads what `decide` needs; the default reads the last event only. Called again after a conflict. */
  load?: () => Promise<Loaded>;
  /** What to append after `loaded.last`, or `done` with an outcome and nothing to append. */
  decide(loaded: Loaded, attempt: number): Promise<ChainedDecision<Outcome>> | ChainedDecision<Outcome>;
  /** Tries in all, the first included (default 4). */
  maxAttempts?: number;
  /** Waits before retry number `attempt` (1, 2, …); the default retries at once. */
  backoff?: (attempt: number) => Promise<void>;
  /** Wait before sending an append again that the store could not take (`EventStoreUnavailable`); default 250 ms. */
  unavailableRetryDelayMs?: number;
}

export type ChainedDecision<Outcome> =
  { append: readonly Fact[]; outcome: (result: AppendResult, events: NewEvent[]) => Outcome } | { done: Outcome };

/** The stream kept moving under the writer for every try. */
export class ChainedAppendConflict extends Error {
  override readonly name = 'ChainedAppendConflict';
  constructor(
    readonly streamId: string,
    readonly attempts: number,
  ) {
    super(`stream ${streamId} kept changing for ${attempts} attempts`);
  }
}

/** The appended events as the writer decided them: its own values where sealing stored envelopes. */
function asDecided(events: NewEvent[], facts: readonly Fact[]): NewEvent[] {
  return events.map((event, index) => {
    const fact = facts[index]!;
    if (event.data === fact.data && event.metadata.ip === fact.context.ip && event.metadata.userAgent === fact.context.userAgent)
      return event;
    return { ...event, data: fact.data, metadata: { ...event.metadata, ip: fact.context.ip, userAgent: fact.context.userAgent } };
  });
}

/** The last event of a stream, `null` when it does not exist. */
export const readLastEvent = async (store: Pick<EventStore, 'readStream'>, streamId: string): Promise<RecordedEvent | null> =>
  (await store.readStream(streamId, { backwards: true, maxCount: 1 }))[0] ?? null;

/**
 * The one way every stream writer appends: read the end of the stream, decide, chain the facts onto
 * the last hash (`chainEvents`), append expecting that revision — and on `WrongExpectedRevision`
 * (another writer got there first) read again and decide again, up to `maxAttempts` tries, then
 * `ChainedAppendConflict` (each retry counts in `econtract_event_store_concurrency_retries_total`). An append the store could not take (`EventStoreUnavailable`: no leader,
 * a dropped connection, a deadline — written or not) is sent once more exactly as it was, which the
 * port answers idempotently if the first one was written after all; failing again, the error is
 * thrown (HTTP 503) and nothing is reported as done. Any other error of the store is thrown as it is.
 */
export async function appendChained<Outcome, Loaded extends StreamEnd = StreamEnd>(
  store: Pick<EventStore, 'readStream' | 'appendToStream'>,
  streamId: string,
  options: ChainedAppendOptions<Loaded, Outcome>,
): Promise<Outcome> {
  const maxAttempts = options.maxAttempts ?? 4;
  const load = options.load ?? (async () => ({ last: await readLastEvent(store, streamId) }) as Loaded);
  for (let attempt = 1; ; attempt += 1) {
    const loaded = await load();
    const decision = await options.decide(loaded, attempt);
    if ('done' in decision) return decision.done;
    // Personal fields are sealed before they are chained: the hash covers what is stored.
    const facts = isSealingStore(store) ? await store.sealFacts(streamId, decision.append) : decision.append;
    const events = chainEvents(streamId, loaded.last, facts);
    try {
      const expected = loaded.last ? loaded.last.revision : 'no_stream';
      const result = await appendOnceMore(store, streamId, events, expected, options.unavailableRetryDelayMs ?? 250);
      return decision.outcome(result, facts === decision.append ? events : asDecided(events, decision.append));
    } catch (error) {
      if (!(error instanceof WrongExpectedRevision)) throw error;
      if (attempt >= maxAttempts) throw new ChainedAppendConflict(streamId, attempt);
      threadMetrics().eventStoreConcurrencyRetries.inc();
      await options.backoff?.(attempt);
    }
  }
}

/** Appends; when the store was unavailable, waits and sends the very same events once more. */
async function appendOnceMore(
  store: Pick<EventStore, 'appendToStream'>,
  streamId: string,
  events: NewEvent[],
  expected: ExpectedRevision,
  delayMs: number,
): Promise<AppendResult> {
  try {
    return await store.appendToStream(streamId, events, expected);
  } catch (error) {
    if (!(error instanceof EventStoreUnavailable)) throw error;
    await new Promise((resolve) => setTimeout(resolve, delayMs));
    return store.appendToStream(streamId, events, expected);
  }
}
