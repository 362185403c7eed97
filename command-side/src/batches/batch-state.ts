import type { BatchAcceptedData, BatchEvent, ItemOutcome } from './batch-events.js';

/** A batch folded from its stream: what was accepted and every item's outcome so far. */
export type BatchState =
  | { status: 'none' }
  | {
      status: 'running' | 'done';
      accepted: BatchAcceptedData;
      acceptedAt: string;
      /** By item index; an item done twice (a restart) keeps its first outcome. */
      outcomes: Map<number, ItemOutcome>;
      completedAt: string | null;
    };

export const initialBatchState: BatchState = { status: 'none' };

export function evolveBatch(state: BatchState, event: BatchEvent): BatchState {
  switch (event.type) {
    case 'BatchAccepted':
      return { status: 'running', accepted: event.data, acceptedAt: event.occurredAt, outcomes: new Map(), completedAt: null };
    case 'BatchItemsProcessed': {
      if (state.status === 'none') return state;
      const outcomes = new Map(state.outcomes);
      for (const outcome of event.data.outcomes) if (!outcomes.has(outcome.index)) outcomes.set(outcome.index, outcome);
      return { ...state, outcomes };
    }
    case 'BatchCompleted':
      return state.status === 'none' ? state : { ...state, status: 'done', completedAt: event.occurredAt };
    default: {
      const unknown: never = event;
      return unknown;
    }
  }
}

export const foldBatch = (events: readonly BatchEvent[]): BatchState => events.reduce(evolveBatch, initialBatchState);

export const isCreated = (outcome: ItemOutcome): outcome is { index: number; processId: string } => !('errors' in outcome);

/** `GET /api/batches/:batchId` (API.md): counts, each failed item's errors, the created processes in item order. */
export interface BatchStatus {
  batchId: string;
  total: number;
  created: number;
  failed: {
    index: number;
    status: number;
    type: string;
    errors: { field: string; message: string; code?: string }[];
    processId?: string;
  }[];
  processIds: string[];
  /** The process of each created item, by its index (the order of `processIds`). */
  items: { index: number; processId: string }[];
  done: boolean;
  createdAt: string;
  doneAt: string | null;
}

export function batchStatusOf(state: Exclude<BatchState, { status: 'none' }>): BatchStatus {
  const outcomes = [...state.outcomes.values()].sort((a, b) => a.index - b.index);
  const items = outcomes.filter(isCreated).map(({ index, processId }) => ({ index, processId }));
  const failed = outcomes.filter((outcome) => !isCreated(outcome)) as BatchStatus['failed'];
  return {
    batchId: state.accepted.batchId,
    total: state.accepted.total,
    created: items.length,
    failed,
    processIds: items.map((item) => item.processId),
    items,
    done: state.status === 'done',
    createdAt: state.acceptedAt,
    doneAt: state.completedAt,
  };
}
