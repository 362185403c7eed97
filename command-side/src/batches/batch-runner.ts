import { createHash } from 'node:crypto';
import type { Actor, EventContext } from '@e-contract/contracts';
import type { AuthUser } from '@e-contract/platform/http';
import { problemOfError } from '../http/domain-problems.js';
import type { CommandOrigin } from '../signing/command-handler.js';
import { createSigningProcess, uuidFromKey } from '../signing/manager-routes.js';
import type { SigningDeps } from '../signing/signing-deps.js';
import type { BatchAcceptedData, ItemOutcome } from './batch-events.js';
import type { BatchLog } from './batch-log.js';
import { isCreated } from './batch-state.js';

export interface BatchRunnerSettings {
  /** Items being created at once, over every batch of this process (default 4). */
  concurrency?: number;
  /** Outcomes recorded in one `BatchItemsProcessed` at most (default 50), or what has come after `flushMs`. */
  flushEvery?: number;
  flushMs?: number;
  /** Wait before an item that met a passing failure (a store down, a registry) is tried again. */
  retryDelayMs?: number;
}

/** Refusals that are the item's own (its data, its externalId, its documents): recorded as its outcome. */
const ITEM_REFUSALS = new Set([400, 404, 409, 412, 413, 415, 422]);

/** The process id of a batch's item when the item names none: the same after a restart. */
export const itemProcessId = (batchId: string, index: number): string => uuidFromKey(`batch-item ${batchId}`, String(index));

/**
 * Creates the items of accepted batches, on the command side, in the background of its requests.
 *
 * - Each item goes through `createSigningProcess`, the single create's own path, as the batch's
 *   creator; its facts carry a command id derived from the batch and the index, so an item done
 *   again after a restart is answered from its facts instead of being created twice.
 * - At most `concurrency` items are in flight across all batches, and the loop yields between
 *   them: single commands and reads interleave with a batch instead of queueing behind it.
 * - An item whose `externalId` equals an earlier item's waits for that one: the later of the two
 *   gets the 409 a single create would get.
 * - Outcomes are recorded in groups; `BatchCompleted` once every item has one. After a restart,
 *   `start()` resumes every batch the index lists as open, skipping items with an outcome.
 */
export class BatchRunner {
  private readonly running = new Map<string, Promise<void>>();
  private readonly waiting: (() => void)[] = [];
  private inFlight = 0;
  private closed = false;
  private readonly concurrency: number;
  private readonly flushEvery: number;
  private readonly flushMs: number;
  private readonly retryDelayMs: number;

  constructor(
    private readonly deps: SigningDeps,
    private readonly log: BatchLog,
    settings: BatchRunnerSettings = {},
  ) {
    this.concurrency = settings.concurrency ?? 4;
    this.flushEvery = settings.flushEvery ?? 50;
    this.flushMs = settings.flushMs ?? 300;
    this.retryDelayMs = settings.retryDelayMs ?? 1000;
  }

  /** Resumes the open batches (a restart, a crash). */
  start(): void {
    void this.log
      .openBatches()
      .then((open) => {
        if (open.length > 0) this.deps.logger.info({ batches: open.length }, 'resuming open batches');
        for (const batchId of open) this.run(batchId);
      })
      .catch((error: unknown) => this.deps.logger.error({ err: error }, 'could not list the open batches; they resume at the next start'));
  }

  /** Starts working on a batch unless it is already under way here. */
  run(batchId: string): void {
    if (this.closed || this.running.has(batchId)) return;
    const work = this.runBatch(batchId)
      .catch((error: unknown) => this.deps.logger.error({ err: error, batchId }, 'batch stopped; it resumes at the next start'))
      .finally(() => this.running.delete(batchId));
    this.running.set(batchId, work);
  }

  /** Stops taking items; the items in flight finish and their outcomes are recorded. */
  async close(): Promise<void> {
    this.closed = true;
    for (const wake of this.waiting.splice(0)) wake();
    await Promise.all([...this.running.values()]);
  }

  /** Resolves when every batch under way here has finished (for specs and the bench). */
  async idle(): Promise<void> {
    while (this.running.size > 0) await Promise.all([...this.running.values()]);
  }

  private async runBatch(batchId: string): Promise<void> {
    const state = await this.log.load(batchId);
    if (state.status === 'none') return;
    const { accepted } = state;
    const context = this.contextOf(accepted);
    if (state.status === 'done') return this.log.complete(batchId, countsOf(state.outcomes), context);

    const items = await this.log.items(accepted);
    const outcomes = new Map(state.outcomes);
    const pending: ItemOutcome[] = [];
    let flushing: Promise<void> = Promise.resolve();
    let timer: NodeJS.Timeout | null = null;
    // One group at a time, in order; a group the store refused goes back to the front and is
    // recorded with the next flush, so no outcome is lost before `BatchCompleted`.
    const flush = (): Promise<void> => {
      if (timer) clearTimeout(timer);
      timer = null;
      flushing = flushing
        .catch(() => undefined)
        .then(async () => {
          const group = pending.splice(0);
          if (group.length === 0) return;
          try {
            await this.log.recordOutcomes(batchId, group, context);
          } catch (error) {
            pending.unshift(...group);
            throw error;
          }
        });
      return flushing;
    };
    const record = (outcome: ItemOutcome) => {
      outcomes.set(outcome.index, outcome);
      pending.push(outcome);
      if (pending.length >= this.flushEvery) void flush().catch(() => undefined);
      else timer ??= setTimeout(() => void flush().catch(() => undefined), this.flushMs);
    };

    const earlierWithSameId = earlierDuplicates(items);
    const work = new Map<number, Promise<void>>();
    for (let index = 0; index < items.length; index += 1) {
      if (outcomes.has(index)) continue;
      if (!(await this.slot())) break;
      const earlier = earlierWithSameId.get(index);
      const before = earlier === undefined ? undefined : work.get(earlier);
      const task = (async () => {
        try {
          if (before) await before;
          record(await this.createItem(accepted, items[index], index));
        } finally {
          this.release();
        }
      })();
      work.set(index, task);
    }
    await Promise.all(work.values());
    for (let attempt = 1; ; attempt += 1) {
      try {
        await flush();
        break;
      } catch (error) {
        if (attempt >= 5) throw error;
        await new Promise((resolve) => setTimeout(resolve, this.retryDelayMs * attempt));
      }
    }
    if (this.closed || outcomes.size < items.length || pending.length > 0) return;
    await this.log.complete(batchId, countsOf(outcomes), context);
  }

  /** One item, created as if posted alone; a passing failure is tried again until the runner closes. */
  private async createItem(accepted: BatchAcceptedData, item: unknown, index: number): Promise<ItemOutcome> {
    const { creator, batchId } = accepted;
    const caller: AuthUser = {
      id: creator.id,
      name: creator.name,
      role: creator.role as AuthUser['role'],
      ...(creator.branchId === null ? {} : { branchId: creator.branchId }),
    };
    const origin: CommandOrigin = {
      actor: { id: creator.id, role: creator.role as Actor['role'] },
      ...accepted.origin,
      causationId: `batch:${batchId}#${index}`,
      commandId: createHash('sha256').update(`batch-item\n${batchId}\n${index}`).digest('hex'),
    };
    for (let attempt = 1; ; attempt += 1) {
      try {
        const answer = await createSigningProcess(this.deps, caller, item, {
          origin,
          processId: itemProcessId(batchId, index),
          onExisting: 'same-or-refuse',
        });
        return { index, processId: answer.processId };
      } catch (error) {
        const problem = problemOfError(error);
        // A concurrency conflict is a twin at work on the same item (another replica after a restart): try again.
        if (problem && ITEM_REFUSALS.has(problem.status) && problem.slug !== 'concurrency-conflict') {
          const extensions = problem.extensions as { errors?: { field: string; message: string; code?: string }[]; processId?: string };
          // `code` (the rule that failed) beside API.md's field and message: the UI translates it.
          const errors = extensions.errors?.map(({ field, message, code }) => ({ field, message, ...(code ? { code } : {}) })) ?? [
            { field: fieldOfRefusal(problem.slug), message: problem.detail, code: problem.slug },
          ];
          return {
            index,
            status: problem.status,
            type: problem.type,
            errors,
            ...(typeof extensions.processId === 'string' ? { processId: extensions.processId } : {}),
          };
        }
        if (this.closed) throw error;
        this.deps.logger.warn({ err: error, batchId, index, attempt }, 'batch item failed for now; trying again');
        await new Promise((resolve) => setTimeout(resolve, Math.min(this.retryDelayMs * attempt, 30_000)));
      }
    }
  }

  private contextOf(accepted: BatchAcceptedData): Omit<EventContext, 'occurredAt'> {
    return {
      actor: { id: 'system:batches', role: 'system' },
      ip: accepted.origin.ip,
      userAgent: accepted.origin.userAgent,
      correlationId: accepted.origin.correlationId,
      causationId: `batch:${accepted.batchId}`,
    };
  }

  /** A place among the items in flight; yields to the event loop first, so requests go between items. */
  private async slot(): Promise<boolean> {
    await new Promise((resolve) => setImmediate(resolve));
    while (!this.closed && this.inFlight >= this.concurrency) await new Promise<void>((resolve) => this.waiting.push(resolve));
    if (this.closed) return false;
    this.inFlight += 1;
    return true;
  }

  private release(): void {
    this.inFlight -= 1;
    this.waiting.shift()?.();
  }
}

const countsOf = (outcomes: ReadonlyMap<number, ItemOutcome>) => {
  const created = [...outcomes.values()].filter(isCreated).length;
  return { created, failed: outcomes.size - created };
};

/** The field a refusal without field errors is about. */
const fieldOfRefusal = (slug: string): string =>
  slug === 'external-id-taken' ? 'externalId' : slug === 'process-exists' ? 'processId' : '';

/** For each item whose trimmed `externalId` an earlier item already has, the index of the nearest earlier one. */
function earlierDuplicates(items: readonly unknown[]): Map<number, number> {
  const lastSeen = new Map<string, number>();
  const earlier = new Map<number, number>();
  items.forEach((item, index) => {
    const externalId = (item as { externalId?: unknown } | null)?.externalId;
    if (typeof externalId !== 'string' || externalId.trim() === '') return;
    const key = externalId.trim();
    const seen = lastSeen.get(key);
    if (seen !== undefined) earlier.set(index, seen);
    lastSeen.set(key, index);
  });
  return earlier;
}
