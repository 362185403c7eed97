import { randomUUID } from 'node:crypto';
import { PassThrough } from 'node:stream';
import { WrongExpectedVersionError, type EventStoreDBClient, type Position } from '@eventstore/db-client';

/**
 * A stand-in for `EventStoreDBClient` in the adapter's unit specs: the few calls the adapter makes,
 * shaped as client 6.2.1 answers them, over an in-memory log whose records the spec writes. It
 * checks no concurrency and knows no ids: each spec says what the server answers. Not a server —
 * the engines' suite (`npm run test:engines`) runs the adapter against a real one.
 */
export interface FakeRecord {
  id: string;
  streamId: string;
  type: string;
  revision: bigint;
  position: bigint;
  data: unknown;
  metadata: unknown;
}

type Direction = 'forwards' | 'backwards';
type From = 'start' | 'end' | Position | bigint;

export interface AppendCall {
  streamName: string;
  events: { id: string; type: string; data: unknown; metadata?: unknown }[];
  options: { expectedRevision?: unknown; requiresLeader?: boolean; deadline?: number };
}

/** What the fake server answers to an append: a result, or an error the client would throw. */
export type AppendAnswer = { revision: bigint; position?: bigint } | Error;

export class FakeEventStoreDbClient {
  readonly log: FakeRecord[] = [];
  readonly appends: AppendCall[] = [];
  readonly reads: { kind: 'stream' | 'all'; options: Record<string, unknown> }[] = [];
  readonly subscriptions: FakeSubscription[] = [];
  /** The answers to the next appends, in order; when none is left, the events are written to `log`. */
  readonly appendAnswers: AppendAnswer[] = [];
  /** Thrown by the next stream reads, in order. */
  readonly readErrors: Error[] = [];
  private nextPosition = 1_000n;

  /** The fake as the adapter's constructor takes it. */
  asClient(): EventStoreDBClient {
    return this as unknown as EventStoreDBClient;
  }

  /** Writes records to the log, as another writer (or the server itself, `$`-records) would. */
  record(streamId: string, type: string, fields: Partial<FakeRecord> = {}): FakeRecord {
    const revision = BigInt(this.log.filter((r) => r.streamId === streamId).length);
    this.nextPosition += 100n;
    const record: FakeRecord = {
      id: randomUUID(),
      streamId,
      type,
      revision,
      position: this.nextPosition,
      data: { type },
      metadata: {},
      ...fields,
    };
    this.log.push(record);
    return record;
  }

  async appendToStream(streamName: string, events: AppendCall['events'], options: AppendCall['options']) {
    this.appends.push({ streamName, events, options });
    const answer = this.appendAnswers.shift();
    if (answer instanceof Error) throw answer;
    if (answer) {
      return {
        success: true,
        nextExpectedRevision: answer.revision,
        position: answer.position === undefined ? undefined : { commit: answer.position, prepare: answer.position },
      };
    }
    const current = this.log.filter((r) => r.streamId === streamName).length - 1;
    const expected = options.expectedRevision;
    if ((expected === 'no_stream' && current >= 0) || (typeof expected === 'bigint' && BigInt(current) !== expected)) {
      throw new WrongExpectedVersionError(undefined, {
        streamName,
        current: current < 0 ? 'no_stream' : BigInt(current),
        expected: expected as bigint,
      });
    }
    let last: FakeRecord | undefined;
    for (const event of events) last = this.record(streamName, event.type, { id: event.id, data: event.data, metadata: event.metadata });
    return { success: true, nextExpectedRevision: last!.revision, position: { commit: last!.position, prepare: last!.position } };
  }

  readStream(streamName: string, options: { direction?: Direction; fromRevision?: From; maxCount?: number; requiresLeader?: boolean }) {
    this.reads.push({ kind: 'stream', options: { streamName, ...options } });
    const error = this.readErrors.shift();
    const records = this.log.filter((r) => r.streamId === streamName);
    const backwards = options.direction === 'backwards';
    const from = options.fromRevision;
    const selected = (backwards ? [...records].reverse() : records).filter((r) =>
      typeof from !== 'bigint' ? true : backwards ? r.revision <= from : r.revision >= from,
    );
    return iterate(selected.slice(0, options.maxCount ?? Infinity), error);
  }

  readAll(options: { direction?: Direction; fromPosition?: From; maxCount?: number }) {
    this.reads.push({ kind: 'all', options });
    const backwards = options.direction === 'backwards';
    const from = options.fromPosition;
    const at = typeof from === 'object' ? from.commit : null;
    const selected = (backwards ? [...this.log].reverse() : this.log).filter((r) =>
      at === null ? true : backwards ? r.position <= at : r.position >= at,
    );
    return iterate(selected.slice(0, options.maxCount ?? Infinity));
  }

  subscribeToAll(
    options: { fromPosition: From; filter: { prefixes?: string[]; regex?: string; checkpointReached: (s: unknown, p: Position) => void } },
    readable: { highWaterMark?: number },
  ): FakeSubscription {
    const subscription = new FakeSubscription(options.filter, readable.highWaterMark ?? 16);
    this.subscriptions.push(subscription);
    return subscription;
  }

  async dispose(): Promise<void> {}
}

/** The client's `Subscription` (an object-mode stream of resolved events) as the spec drives it. */
export class FakeSubscription extends PassThrough {
  unsubscribed = false;

  constructor(
    private readonly serverFilter: { prefixes?: string[]; regex?: string; checkpointReached: (s: unknown, p: Position) => void },
    highWaterMark: number,
  ) {
    super({ objectMode: true, highWaterMark });
  }

  /** The server sends a record, if its filter lets it through. */
  deliver(record: FakeRecord): void {
    const passes = this.serverFilter.prefixes
      ? this.serverFilter.prefixes.some((prefix) => record.streamId.startsWith(prefix))
      : new RegExp(this.serverFilter.regex ?? '').test(record.streamId);
    if (passes) this.write(resolved(record));
  }

  /** The server's filter reports how far it has searched. */
  checkpoint(position: bigint): void {
    this.serverFilter.checkpointReached(this, { commit: position, prepare: position });
  }

  async unsubscribe(): Promise<void> {
    this.unsubscribed = true;
    this.end();
  }
}

function resolved(record: FakeRecord) {
  return {
    event: {
      id: record.id,
      streamId: record.streamId,
      type: record.type,
      revision: record.revision,
      position: { commit: record.position, prepare: record.position },
      isJson: true,
      data: record.data,
      metadata: record.metadata,
      created: new Date(),
    },
  };
}

async function* iterate(records: readonly FakeRecord[], error?: Error) {
  if (error) throw error;
  for (const record of records) yield resolved(record);
}
