import type { AddressInfo } from 'node:net';
import { randomUUID } from 'node:crypto';
import { Observable } from 'rxjs';
import { pino } from 'pino';
import { TokenService, withApiKeys, type TokenVerifier } from '@e-contract/platform/auth';
import { unauthorized, type AuthUser } from '@e-contract/platform/http';
import { cabinetBucketOf, compareLogPositions, dealLifecycle } from '@e-contract/contracts';
import { deal, type DealOverrides } from '@e-contract/contracts/testing';
import type {
  CabinetEntry,
  Deal,
  DealQuery,
  DealQueryResult,
  ProjectionCheckpoint,
  ProjectionName,
  ReadStore,
  Stats,
  StatsQuery,
  WebhookStore,
} from '@e-contract/projections';
import { SqliteReadStore } from '@e-contract/projections/read-store';
import type { ProjectionAdmin, ProjectionStatusRow } from '../admin/admin-routes.js';
import type { DealChange, DealChanges } from '../deals/deal-changes.js';
import { dealMatches } from '../deals/deal-filter.js';
import { PollingProjectionProgress } from './projection-progress.js';
import { createQueryApp } from './query-app.js';
import type { QueryDeps } from './query-router.js';

/** Spec helpers for the query side (not used in production). */

export { SseReader, type SseMessage } from './sse-spec-reader.js';

export const silentLogger = pino({ level: 'silent' });

// ── Callers ────────────────────────────────────────────────────────────────────────────────────
export const tokens = new TokenService({ secret: 'a-query-side-spec-secret-of-32-chars!!' });
export const MANAGER_MSK = { id: 'manager-msk', name: 'Мария Соколова', role: 'manager' as const, branchId: 'msk' };
export const MANAGER_SPB = { id: 'manager-spb', name: 'Пётр Волков', role: 'manager' as const, branchId: 'spb' };
export const AUDITOR = { id: 'auditor-1', name: 'Елена Кузнецова', role: 'auditor' as const };
export const ADMIN = { id: 'admin-1', name: 'Админ Админов', role: 'admin' as const };
/** An integration of the msk branch, as platform's API-key verifier makes it. */
export const INTEGRATION_MSK = {
  id: 'integration:0f8fad5b-d9cb-469f-a165-70867728950e',
  name: 'CRM «Продажи»',
  role: 'integration' as const,
  branchId: 'msk',
  integrationId: '0f8fad5b-d9cb-469f-a165-70867728950e',
};
const INTEGRATION_MSK_KEY = `ec_0f8fad5bd9cb469fa16570867728950e_${'k'.repeat(43)}`;

/** The routes' verifier in specs: session tokens, and one API key (the real one reads the event store: platform's specs). */
export const specTokens: TokenVerifier = withApiKeys(tokens, {
  verify: (token) => (token === INTEGRATION_MSK_KEY ? Promise.resolve({ ...INTEGRATION_MSK }) : Promise.reject(unauthorized())),
});

export type Caller = Pick<AuthUser, 'id' | 'name' | 'role' | 'branchId'> | { signerOf: string };

export async function tokenOf(caller: Caller): Promise<string> {
  if ('signerOf' in caller) return tokens.issueSignerToken({ processId: caller.signerOf });
  if (caller.role === 'integration') return INTEGRATION_MSK_KEY;
  return tokens.issueEmployeeToken({
    id: caller.id,
    name: caller.name,
    role: caller.role as 'manager' | 'auditor' | 'admin',
    branchId: caller.branchId,
  });
}

export const bearer = async (caller: Caller): Promise<Record<string, string>> => ({ authorization: `Bearer ${await tokenOf(caller)}` });

// ── Deals ──────────────────────────────────────────────────────────────────────────────────────
/** A deal of its own process (a fresh id each), invited unless `overrides` say otherwise. */
export const dealOf = (overrides: DealOverrides = {}): Deal => deal({ processId: randomUUID(), ...overrides });

const notUsed = (what: string) => () => Promise.reject(new Error(`${what} is not used by the query routes`));

/**
 * An in-memory `ReadStore`: the deals, cabinet entries, checkpoints and stats a spec puts in. It
 * records the last typed queries it was asked, so that specs can check what the routes parsed.
 */
export class FakeReadStore implements ReadStore {
  readonly deals = new Map<string, Deal>();
  cabinetEntries: CabinetEntry[] = [];
  readonly positions = new Map<ProjectionName, string>();
  statsAnswer: Stats = { total: 0, byStatus: {}, timeToSign: { median: null, p90: null, within10MinShare: null }, byDay: [], byBranch: [] };
  lastDealQuery: DealQuery | null = null;
  lastStatsQuery: StatsQuery | null = null;
  checkpointReads = 0;

  put(...deals: Deal[]): this {
    for (const deal of deals) this.deals.set(deal.processId, deal);
    return this;
  }

  /** A cabinet entry for a deal, in the bucket its status puts it in. */
  enter(deal: Deal, personInn: string | null = deal.identification.person?.inn ?? null): this {
    const bucket = cabinetBucketOf(dealLifecycle(deal));
    this.cabinetEntries = this.cabinetEntries.filter((entry) => entry.processId !== deal.processId);
    this.cabinetEntries.push({ processId: deal.processId, bucket, personInn, updatedAt: deal.updatedAt, position: deal.position });
    return this;
  }

  setCheckpoint(name: ProjectionName, position: string): void {
    this.positions.set(name, position);
  }

  private webhookTables: SqliteReadStore | null = null;

  /** Webhook delivery's tables: a real SQLite store in memory, made on first use. */
  get webhooks(): WebhookStore {
    this.webhookTables ??= new SqliteReadStore(':memory:');
    return this.webhookTables.webhooks;
  }

  applyBatch = notUsed('applyBatch');
  applyBatches = notUsed('applyBatches');
  eventStoreIdentity = notUsed('eventStoreIdentity');
  claimEventStore = notUsed('claimEventStore');
  reactorCheckpoint = notUsed('reactorCheckpoint');
  saveReactorCheckpoint = notUsed('saveReactorCheckpoint');
  beginRebuild = notUsed('beginRebuild');
  applyRebuildBatch = notUsed('applyRebuildBatch');
  finishRebuild = notUsed('finishRebuild');
  trail = notUsed('trail');

  async checkpoint(name: ProjectionName): Promise<string | null> {
    this.checkpointReads += 1;
    return this.positions.get(name) ?? null;
  }

  async checkpoints(): Promise<ProjectionCheckpoint[]> {
    return [...this.positions].map(([name, position]) => ({ name, position, status: 'running' }));
  }

  async findDeals(query: DealQuery): Promise<DealQueryResult> {
    this.lastDealQuery = query;
    const { field, descending } = query.sort;
    const matching = [...this.deals.values()]
      .filter((deal) => dealMatches(deal, query))
      .sort((a, b) => {
        const order = a[field] < b[field] ? -1 : a[field] > b[field] ? 1 : a.processId < b.processId ? -1 : 1;
        return descending ? -order : order;
      });
    const start = (query.page - 1) * query.pageSize;
    return { items: matching.slice(start, start + query.pageSize), total: matching.length };
  }

  async getDeal(processId: string): Promise<Deal | null> {
    return this.deals.get(processId) ?? null;
  }

  async getDeals(processIds: readonly string[]): Promise<Deal[]> {
    return processIds.flatMap((id) => this.deals.get(id) ?? []);
  }

  async cabinet(processId: string, personInn: string | null): Promise<CabinetEntry[]> {
    return this.cabinetEntries.filter((entry) => entry.processId === processId || (personInn !== null && entry.personInn === personInn));
  }

  async stats(query: StatsQuery): Promise<Stats> {
    this.lastStatsQuery = query;
    return this.statsAnswer;
  }

  async ping(): Promise<boolean> {
    return true;
  }

  async close(): Promise<void> {}
}

// ── The stream's changes ───────────────────────────────────────────────────────────────────────
/** `DealChanges` a spec drives by hand; it counts the subscriptions that are open. */
export class FakeDealChanges implements DealChanges {
  private readonly observers = new Set<{ after: string | null; next(change: DealChange): void }>();
  readonly asked: (string | null)[] = [];
  /** Changes already in the log: replayed to a subscriber whose `after` is below them. */
  readonly history: DealChange[] = [];

  get subscriptions(): number {
    return this.observers.size;
  }

  changesAfter(position: string | null): Observable<DealChange> {
    return new Observable<DealChange>((subscriber) => {
      this.asked.push(position);
      for (const change of this.history) {
        if (position !== null && compareLogPositions(change.position, position) > 0) subscriber.next(change);
      }
      const observer = { after: position, next: (change: DealChange) => subscriber.next(change) };
      this.observers.add(observer);
      return () => this.observers.delete(observer);
    });
  }

  /** Changes that happen now, given together (as one batch of the log). */
  emit(...changes: DealChange[]): void {
    this.history.push(...changes);
    for (const observer of this.observers) for (const change of changes) observer.next(change);
  }
}

export class FakeProjectionAdmin implements ProjectionAdmin {
  rows: ProjectionStatusRow[] = (['deals', 'audit_trail', 'cabinet', 'stats'] as const).map((name) => ({
    name,
    position: '10',
    lag: 0,
    status: 'live',
  }));
  readonly rebuilt: string[] = [];

  async list(): Promise<ProjectionStatusRow[]> {
    return this.rows.map((row) => ({ ...row }));
  }

  async rebuild(name: string): Promise<void> {
    const row = this.rows.find((candidate) => candidate.name === name);
    if (!row) throw Object.assign(new Error(`no read model ${name}`), { name: 'UnknownProjection' });
    if (row.status === 'rebuilding') throw Object.assign(new Error(`${name} busy`), { name: 'RebuildInProgress' });
    row.status = 'rebuilding';
    row.progress = 0;
    this.rebuilt.push(name);
  }
}

// ── A running query app ────────────────────────────────────────────────────────────────────────
export interface RunningQueryApp {
  url: string;
  store: FakeReadStore;
  changes: FakeDealChanges;
  admin: FakeProjectionAdmin;
  progress: PollingProjectionProgress;
  get(path: string, caller?: Caller, headers?: Record<string, string>): Promise<Response>;
  close(): Promise<void>;
}

export async function startQueryApp(overrides: Partial<QueryDeps> = {}): Promise<RunningQueryApp> {
  const store = new FakeReadStore();
  const changes = new FakeDealChanges();
  const admin = new FakeProjectionAdmin();
  const progress = new PollingProjectionProgress(store, { intervalMs: 5 });
  const app = createQueryApp({
    readStore: store,
    tokens: specTokens,
    progress,
    dealChanges: changes,
    projectionAdmin: admin,
    logger: silentLogger,
    readYourWritesTimeoutMs: 300,
    ...overrides,
  });
  const server = app.listen(0, '127.0.0.1');
  await new Promise<void>((resolve, reject) => server.once('listening', resolve).once('error', reject));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    url,
    store,
    changes,
    admin,
    progress,
    async get(path, caller, headers = {}) {
      return fetch(`${url}${path}`, { headers: { ...(caller ? await bearer(caller) : {}), ...headers } });
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

export interface ProblemBody {
  type: string;
  status: number;
  errors?: { field: string; code: string }[];
}

export const problemOf = async (response: Response): Promise<ProblemBody> => (await response.json()) as ProblemBody;
export const badFieldsOf = async (response: Response): Promise<string[]> =>
  ((await problemOf(response)).errors ?? []).map((error) => error.field);

/** Resolves once `condition` holds (checked every 5 ms), or fails after `timeoutMs`. */
export async function eventually(condition: () => boolean, timeoutMs = 2_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error('the condition did not hold in time');
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}
