import { signingStreamName, type Actor, type EventContext, type RecordedEvent } from '@e-contract/contracts';
import { parseSigningEvent } from '@e-contract/contracts/events';
import { ChainedAppendConflict, appendChained, type EventStore } from '@e-contract/platform/event-store';
import { systemAuthorOf } from './decide.js';
import { evolve, foldSigningEvents, type SigningState } from './signing-state.js';
import type { SigningEvent } from './signing-types.js';

/** Who asks, from where and why: becomes the context of every event the command appends. */
export interface CommandOrigin {
  actor: Actor;
  ip: string | null;
  userAgent: string | null;
  correlationId: string | null;
  causationId: string | null;
  /** The command's id when the caller sent an `Idempotency-Key` (`EventContext.commandId`). */
  commandId?: string;
}

export interface CommandOptions {
  /** `If-Match`: the revision the caller saw; any other current revision is refused. */
  expectedRevision?: number;
  /**
   * What the caller has just read of the stream (`load`): the first try decides on it instead of
   * reading it again; a conflict reads afresh as always. With `expectedRevision`, a stale read is
   * refused like any other moved stream.
   */
  loaded?: { state: SigningState; events: RecordedEvent[] };
}

export interface CommandOutcome {
  processId: string;
  /** Revision of the last event appended (or the current one when nothing was appended). */
  revision: number;
  /** Global position of that event; `null` when nothing was appended. */
  position: string | null;
  /** The appended events, in order. */
  appended: RecordedEvent[];
  /** The state after the command. */
  state: SigningState;
  /**
   * The command had already been carried out (its facts carry its `commandId`: the first try got
   * through and its answer was lost): `appended` are those facts, nothing new was decided or
   * appended, and side effects of the first try must not be repeated.
   */
  replayed?: boolean;
}

export class RevisionMismatch extends Error {
  override readonly name = 'RevisionMismatch';
  constructor(
    readonly expected: number,
    readonly actual: number,
  ) {
    super(`If-Match revision ${expected} does not match the current revision ${actual}`);
  }
}

export class ConcurrencyConflict extends Error {
  override readonly name = 'ConcurrencyConflict';
  constructor(readonly processId: string) {
    super(`the process ${processId} kept changing while the command ran; try again`);
  }
}

/**
 * The one place that loads a process, decides and appends. `decideWith` receives the current state
 * and returns the facts (it calls the pure decider with whatever context it fetched); the append
 * expects the revision that was loaded, and a conflict with a concurrent command reloads and decides
 * again, a bounded number of times.
 */
export class SigningCommandHandler {
  constructor(
    private readonly store: EventStore,
    private readonly clock: () => Date = () => new Date(),
    private readonly maxAttempts = 4,
  ) {}

  /**
   * The process's state and its events as stored. The fold reads each event parsed (upcast to the
   * current schema and validated; a corrupt one throws `CorruptEvent`); `events` stay exactly as
   * stored, since the next append chains its hash to the last of them.
   */
  async load(processId: string): Promise<{ state: SigningState; events: RecordedEvent[] }> {
    const events = await this.store.readStream(signingStreamName(processId));
    return { state: foldSigningEvents(events.map(parseSigningEvent)), events };
  }

  async execute(
    processId: string,
    origin: CommandOrigin,
    decideWith: (state: SigningState) => Promise<SigningEvent[]> | SigningEvent[],
    options: CommandOptions = {},
  ): Promise<CommandOutcome> {
    const streamId = signingStreamName(processId);
    let preloaded = options.loaded;
    try {
      return await appendChained<CommandOutcome, { last: RecordedEvent | null; state: SigningState; events: RecordedEvent[] }>(
        this.store,
        streamId,
        {
          maxAttempts: this.maxAttempts,
          load: async () => {
            const { state, events } = preloaded ?? (await this.load(processId));
            preloaded = undefined;
            return { state, last: events.at(-1) ?? null, events };
          },
          decide: async ({ state, last, events }) => {
            // A retry of a command whose facts are in the log already: answer them, decide nothing.
            const earlier = origin.commandId ? events.filter((event) => event.metadata.commandId === origin.commandId) : [];
            if (earlier.length > 0) {
              const final = earlier.at(-1)!;
              return { done: { processId, revision: final.revision, position: final.position, appended: earlier, state, replayed: true } };
            }
            const currentRevision = last ? last.revision : -1;
            if (options.expectedRevision !== undefined && options.expectedRevision !== currentRevision) {
              throw new RevisionMismatch(options.expectedRevision, currentRevision);
            }
            const facts = await decideWith(state);
            if (facts.length === 0)
              return { done: { processId, revision: currentRevision, position: last?.position ?? null, appended: [], state } };
            const occurredAt = this.clock().toISOString();
            return {
              append: facts.map((fact) => ({ ...fact, context: this.contextOf(fact, origin, occurredAt) })),
              outcome: (result, newEvents) => {
                const firstRevision = result.revision - newEvents.length + 1;
                const appended = newEvents.map<RecordedEvent>((event, index) => ({
                  ...event,
                  streamId,
                  revision: firstRevision + index,
                  // Only the last event's position is known without reading back; earlier ones precede it.
                  position: index === newEvents.length - 1 ? result.position : '',
                }));
                return { processId, revision: result.revision, position: result.position, appended, state: facts.reduce(evolve, state) };
              },
            };
          },
        },
      );
    } catch (error) {
      if (error instanceof ChainedAppendConflict) throw new ConcurrencyConflict(processId);
      throw error;
    }
  }

  private contextOf(fact: SigningEvent, origin: CommandOrigin, occurredAt: string): EventContext {
    return {
      actor: systemAuthorOf(fact) ?? origin.actor,
      occurredAt,
      ip: origin.ip,
      userAgent: origin.userAgent,
      correlationId: origin.correlationId,
      causationId: origin.causationId,
      ...(origin.commandId ? { commandId: origin.commandId } : {}),
    };
  }
}
