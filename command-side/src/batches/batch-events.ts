import type { RecordedEvent } from '@e-contract/contracts';

/**
 * Many requests at once (API.md, "After signing, reminders, and many requests at once"). A batch is
 * event-sourced in three kinds of stream:
 * - `batch-<batchId>`: `BatchAccepted` (who, how many items, where the items are), then the items'
 *   outcomes in groups (`BatchItemsProcessed`), then `BatchCompleted` — what `GET /api/batches/:id` folds;
 * - `batch-items-<batchId>`: the items as posted, in chunks of at most `ITEMS_CHUNK_BYTES` (an append
 *   is at most 1 MiB, a batch up to 5 MB), read once by the runner and never by the status;
 * - `batches`: `BatchListed` and `BatchClosed` — the open batches, which the runner resumes after a restart.
 */
export const batchStreamName = (batchId: string): string => `batch-${batchId}`;
export const batchItemsStreamName = (batchId: string): string => `batch-items-${batchId}`;
export const BATCHES_INDEX_STREAM = 'batches';

/** The creator, as the items are created on their behalf (their actor, their branch). */
export interface BatchCreator {
  id: string;
  name: string;
  role: string;
  branchId: string | null;
}

export interface BatchAcceptedData {
  batchId: string;
  total: number;
  creator: BatchCreator;
  /** SHA-256 of the canonical JSON of `items`: the same key with another batch is refused. */
  itemsSha256: string;
  /** The revisions of `batch-items-<batchId>` that hold this batch's items, in order. */
  itemChunks: { from: number; to: number };
  /** Where the request came from (the items' facts carry it as if each were posted alone). */
  origin: { ip: string | null; userAgent: string | null; correlationId: string | null; causationId: string | null };
}

export interface BatchItemsChunkData {
  /** The index of the chunk's first item in `items`. */
  offset: number;
  items: unknown[];
}

/** One item's outcome: created (its process), or refused with the errors a single create would name. */
export type ItemOutcome =
  | { index: number; processId: string }
  | { index: number; status: number; type: string; errors: { field: string; message: string; code?: string }[]; processId?: string };

export interface BatchItemsProcessedData {
  outcomes: ItemOutcome[];
}

export interface BatchCompletedData {
  created: number;
  failed: number;
}

export type BatchEvent =
  | { type: 'BatchAccepted'; data: BatchAcceptedData; occurredAt: string }
  | { type: 'BatchItemsProcessed'; data: BatchItemsProcessedData; occurredAt: string }
  | { type: 'BatchCompleted'; data: BatchCompletedData; occurredAt: string };

export type BatchIndexEvent = { type: 'BatchListed'; data: { batchId: string } } | { type: 'BatchClosed'; data: { batchId: string } };

const BATCH_TYPES = new Set(['BatchAccepted', 'BatchItemsProcessed', 'BatchCompleted']);

/** A batch stream's event, as written by this module (an unknown type is a corrupt stream). */
export function parseBatchEvent(event: RecordedEvent): BatchEvent {
  if (!BATCH_TYPES.has(event.type)) throw new Error(`${event.streamId}@${event.revision}: unknown batch event ${event.type}`);
  return { type: event.type, data: event.data, occurredAt: event.metadata.occurredAt } as BatchEvent;
}

export function parseBatchIndexEvent(event: RecordedEvent): BatchIndexEvent {
  if (event.type !== 'BatchListed' && event.type !== 'BatchClosed')
    throw new Error(`batches@${event.revision}: unknown event ${event.type}`);
  return { type: event.type, data: event.data as { batchId: string } };
}
