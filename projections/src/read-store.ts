import type { EventStoreIdentity } from '@e-contract/platform/event-store';
import type { ProcessKind, ProcessStatus, ProjectionCheckpointStatus, RecordedEvent, SignerType } from '@e-contract/contracts';
import type { Projection, ProjectionName } from './projection.js';
import type { CabinetEntry } from './read-models/cabinet-entry.js';
import type { Deal } from './read-models/deal.js';
import type { Stats } from './read-models/stats-entry.js';
import type { TrailEntry } from './read-models/trail-entry.js';
import type { WebhookStore } from './webhooks/webhook-store.js';

/** The fields a deal list can be sorted by (API.md: `sort`, `-` for descending; default `-updatedAt`). */
export const DEAL_SORT_FIELDS = ['updatedAt', 'createdAt', 'expiresAt', 'status', 'title'] as const;
export type DealSortField = (typeof DEAL_SORT_FIELDS)[number];

/**
 * A filtered list — a `q` search, or filters alone — counts up to this many (API.md: "`total` may stop
 * counting at 10,000"): with more, the page says `total: 10000, totalIsEstimate: true`. Counting
 * every deal of a status among a million, or every match of a word found in half of them, would
 * cost more than the page itself. A list without any filter counts the whole read model.
 */
export const SEARCH_TOTAL_CAP = 10_000;

/** A typed deal query; each adapter translates it (no query strings pass through). */
export interface DealQuery {
  status?: ProcessStatus[];
  kind?: ProcessKind[];
  signerType?: SignerType[];
  branchId?: string;
  managerId?: string;
  /** Exactly this `externalId` (API.md, "Integrations"): the other system's reference, as stored. */
  externalId?: string;
  /** Full-text search over title, signer name, company name and INN. */
  q?: string;
  createdFrom?: string;
  createdTo?: string;
  /** Deals whose `expiresAt` is at or before this time (the expiry reactor's sweep). */
  expiresBefore?: string;
  sort: { field: DealSortField; descending: boolean };
  page: number;
  pageSize: number;
  /** With `q` or any filter: count up to this many deals (default `SEARCH_TOTAL_CAP`; smaller in specs). */
  totalCap?: number;
}

/** The deals a query found: one page of them and how many there are in all. */
export interface DealQueryResult {
  items: Deal[];
  /**
   * Every deal the query selects. With `q` or any filter, at most the cap (`totalCap`, default
   * `SEARCH_TOTAL_CAP`): when more match, `total` is the cap and `totalIsEstimate` is true. Without
   * any filter, the size of the read model (on MongoDB its collection count, exact after a clean
   * shutdown).
   */
  total: number;
  /** Only with `q` or a filter, only when more deals match than the cap: `total` is then "at least". */
  totalIsEstimate?: boolean;
}

/** `total` and `totalIsEstimate` of a search that found `count` matches (`count` may stop at cap + 1). */
export function cappedTotal(count: number, cap: number): Pick<DealQueryResult, 'total' | 'totalIsEstimate'> {
  return count > cap ? { total: cap, totalIsEstimate: true } : { total: count };
}

export interface StatsQuery {
  from?: string;
  to?: string;
  branchId?: string;
}

export interface ProjectionCheckpoint {
  name: ProjectionName;
  /** Last global position applied, `null` before the first event. */
  position: string | null;
  status: ProjectionCheckpointStatus;
  /** While rebuilding: how far (0..1). */
  progress?: number;
}

/** The events of one batch that a projection has not applied yet. */
export interface ProjectionBatch {
  projection: Projection<unknown>;
  events: readonly RecordedEvent[];
}

/**
 * The read-store port. Adapters: `SqliteReadStore` (embedded default) and `MongoReadStore`
 * (`mongodb`). Both pass `read-store.contract.ts`.
 */
export interface ReadStore {
  /**
   * Applies a batch of events (in position order) to one projection and moves its checkpoint to
   * the last event's position. Idempotent: an event at or below a view's position changes nothing.
   */
  applyBatch<View>(projection: Projection<View>, events: readonly RecordedEvent[]): Promise<void>;
  /**
   * `applyBatch` for several projections at once (the runner reads the log once for all of them):
   * each part as `applyBatch` would apply it. The embedded store writes them in one transaction, so
   * when one part fails none is applied; MongoDB applies them one after another, so the parts before
   * a failing one stay applied (they are idempotent either way).
   */
  applyBatches(parts: readonly ProjectionBatch[]): Promise<void>;
  checkpoint(name: ProjectionName): Promise<string | null>;
  checkpoints(): Promise<ProjectionCheckpoint[]>;

  /**
   * The event log whose positions the checkpoints are (`claimEventStore`), `null` before one was
   * recorded. Positions of two logs look alike (decimal numbers) but mean nothing to each other.
   */
  eventStoreIdentity(): Promise<EventStoreIdentity | null>;
  /**
   * Records the event log the checkpoints belong to when none is recorded yet, and answers the one
   * recorded — this one, or the one recorded before (the caller compares: bindToEventStore). With
   * `replace` (every read model was rebuilt from that log) it is recorded whatever was there, and
   * when it changes the reactors' checkpoints are forgotten: they were positions in the other log.
   */
  claimEventStore(identity: EventStoreIdentity, options?: { replace?: boolean }): Promise<EventStoreIdentity>;

  /** Checkpoints of the reactors (invitation, archive, expiry), kept beside the read models. */
  reactorCheckpoint(name: string): Promise<string | null>;
  saveReactorCheckpoint(name: string, position: string): Promise<void>;

  /** Rebuild: applies to a shadow copy, then swaps it in atomically so reads never see a half-built model. */
  beginRebuild(name: ProjectionName): Promise<void>;
  applyRebuildBatch<View>(projection: Projection<View>, events: readonly RecordedEvent[], progress: number): Promise<void>;
  finishRebuild(name: ProjectionName): Promise<void>;

  findDeals(query: DealQuery): Promise<DealQueryResult>;
  getDeal(processId: string): Promise<Deal | null>;
  /** Deals by id, in any order (cabinet and streams). */
  getDeals(processIds: readonly string[]): Promise<Deal[]>;
  trail(processId: string): Promise<TrailEntry[]>;
  /** The cabinet entries of one process and, when `personInn` is given, of every process of that person. */
  cabinet(processId: string, personInn: string | null): Promise<CabinetEntry[]>;
  stats(query: StatsQuery): Promise<Stats>;

  /** Webhook delivery's state: the webhooks, their lanes' positions and the deliveries (webhook-store.ts). */
  readonly webhooks: WebhookStore;

  ping(): Promise<boolean>;
  close(): Promise<void>;
}
