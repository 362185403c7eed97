import type { EventContext } from '@e-contract/contracts';
import { appendChained, type EventStore } from '@e-contract/platform/event-store';
import { isSealingStore } from '@e-contract/platform/personal-data';
import {
  BATCHES_INDEX_STREAM,
  batchItemsStreamName,
  batchStreamName,
  parseBatchEvent,
  parseBatchIndexEvent,
  type BatchAcceptedData,
  type BatchCreator,
  type ItemOutcome,
} from './batch-events.js';
import { foldBatch, type BatchState } from './batch-state.js';

/** Items are stored in chunks of about this size: an append is at most 1 MiB (`MAX_APPEND_BYTES`). */
export const ITEMS_CHUNK_BYTES = 256 * 1024;

type Context = Omit<EventContext, 'occurredAt'>;

export interface AcceptRequest {
  batchId: string;
  creator: BatchCreator;
  items: readonly unknown[];
  itemsSha256: string;
  context: Context;
}

/** The batch already exists with another body: the key was reused for another batch. */
export class BatchKeyReused extends Error {
  override readonly name = 'BatchKeyReused';
}

/**
 * The batches' streams (batch-events.ts): accepting a batch, reading it and its items, recording
 * outcomes, closing it. Every write goes through `appendChained` like every other stream writer.
 */
export class BatchLog {
  constructor(
    private readonly store: Pick<EventStore, 'readStream' | 'appendToStream'>,
    private readonly clock: () => Date = () => new Date(),
  ) {}

  /**
   * Records a batch: listed in the index first (so a crash later leaves at most a listed batch
   * without `BatchAccepted`, which the runner skips), then its items, then `BatchAccepted` expecting
   * no stream. A batch that already exists (a retry whose first answer was never recorded) is
   * answered as it is when it is the same creator's same items.
   */
  async accept(request: AcceptRequest): Promise<BatchAcceptedData> {
    const existing = await this.load(request.batchId);
    if (existing.status !== 'none') return this.same(existing.accepted, request);
    await this.append(BATCHES_INDEX_STREAM, 'BatchListed', { batchId: request.batchId }, request.context, 20);
    let from = -1;
    let to = -1;
    for (const [offset, items] of chunksOf(request.items)) {
      const revision = await this.append(batchItemsStreamName(request.batchId), 'BatchItemsRecorded', { offset, items }, request.context);
      if (from < 0) from = revision;
      to = revision;
    }
    const data: BatchAcceptedData = {
      batchId: request.batchId,
      total: request.items.length,
      creator: request.creator,
      itemsSha256: request.itemsSha256,
      itemChunks: { from, to },
      origin: {
        ip: request.context.ip,
        userAgent: request.context.userAgent,
        correlationId: request.context.correlationId,
        causationId: request.context.causationId,
      },
    };
    return appendChained<BatchAcceptedData>(this.store, batchStreamName(request.batchId), {
      maxAttempts: 2,
      decide: ({ last }) => {
        if (last) return { done: this.same(parseBatchEvent(last).data as BatchAcceptedData, request) };
        return { append: [{ type: 'BatchAccepted', data, context: this.at(request.context) }], outcome: () => data };
      },
    });
  }

  async load(batchId: string): Promise<BatchState> {
    return foldBatch((await this.store.readStream(batchStreamName(batchId))).map(parseBatchEvent));
  }

  /** The batch's items, in order. */
  async items(accepted: BatchAcceptedData): Promise<unknown[]> {
    const { from, to } = accepted.itemChunks;
    if (from < 0) return [];
    const chunks = await this.store.readStream(batchItemsStreamName(accepted.batchId), { fromRevision: from, maxCount: to - from + 1 });
    return chunks.flatMap((chunk) => (chunk.data as { items: unknown[] }).items);
  }

  async recordOutcomes(batchId: string, outcomes: ItemOutcome[], context: Context): Promise<void> {
    if (outcomes.length === 0) return;
    await this.append(batchStreamName(batchId), 'BatchItemsProcessed', { outcomes }, context, 10);
  }

  /**
   * `BatchCompleted` (once), then the rows' key is destroyed (each row lives on as its process, whose
   * stream seals the signer's data of its own: the batch's copy has served), then the batch leaves
   * the index's open ones — so a crash in between repeats the destruction.
   */
  async complete(batchId: string, counts: { created: number; failed: number }, context: Context): Promise<void> {
    await appendChained(this.store, batchStreamName(batchId), {
      maxAttempts: 10,
      decide: ({ last }) =>
        last?.type === 'BatchCompleted'
          ? { done: undefined }
          : { append: [{ type: 'BatchCompleted', data: counts, context: this.at(context) }], outcome: () => undefined },
    });
    if (isSealingStore(this.store)) {
      await this.store.personalData.forgetStream(batchItemsStreamName(batchId), {
        erasedAt: this.clock().toISOString(),
        erasedBy: 'system:batches',
        reason: 'Пакет обработан: строки пакета больше не нужны, данные подписантов хранятся в процессах подписания',
      });
    }
    await this.append(BATCHES_INDEX_STREAM, 'BatchClosed', { batchId }, context, 20);
  }

  /** The batches listed and not closed, oldest first: what the runner resumes after a restart. */
  async openBatches(): Promise<string[]> {
    const open = new Set<string>();
    for (const event of await this.store.readStream(BATCHES_INDEX_STREAM)) {
      const parsed = parseBatchIndexEvent(event);
      if (parsed.type === 'BatchListed') open.add(parsed.data.batchId);
      else open.delete(parsed.data.batchId);
    }
    return [...open];
  }

  private same(accepted: BatchAcceptedData, request: AcceptRequest): BatchAcceptedData {
    if (accepted.creator.id !== request.creator.id || accepted.itemsSha256 !== request.itemsSha256) {
      throw new BatchKeyReused(`batch ${request.batchId} exists with another body`);
    }
    return accepted;
  }

  private at(context: Context): EventContext {
    return { ...context, occurredAt: this.clock().toISOString() };
  }

  /** Appends one fact at the end of a stream; returns its revision. */
  private append(streamId: string, type: string, data: unknown, context: Context, maxAttempts = 4): Promise<number> {
    return appendChained(this.store, streamId, {
      maxAttempts,
      backoff: (attempt) => new Promise((resolve) => setTimeout(resolve, 5 * attempt + Math.random() * 10)),
      decide: () => ({ append: [{ type, data, context: this.at(context) }], outcome: (result) => result.revision }),
    });
  }
}

/** The items in chunks of about `ITEMS_CHUNK_BYTES` of JSON, each with the index of its first item. */
function* chunksOf(items: readonly unknown[]): Generator<[number, unknown[]]> {
  let chunk: unknown[] = [];
  let offset = 0;
  let bytes = 0;
  for (const [index, item] of items.entries()) {
    const size = Buffer.byteLength(JSON.stringify(item) ?? 'null');
    if (chunk.length > 0 && bytes + size > ITEMS_CHUNK_BYTES) {
      yield [offset, chunk];
      chunk = [];
      bytes = 0;
      offset = index;
    }
    chunk.push(item);
    bytes += size;
  }
  if (chunk.length > 0) yield [offset, chunk];
}
