import { randomUUID } from 'node:crypto';
import { withInnCheckDigits, type EventMetadata, type RecordedEvent } from '@e-contract/contracts';
import type { Projection } from '../projection.js';
import type { CabinetEntry } from '../read-models/cabinet-entry.js';
import { identificationNotStarted, timelineFrom, type Deal } from '../read-models/deal.js';
import type { StatsEntry } from '../read-models/stats-entry.js';

/**
 * Small projections for the read-store contract: their events carry the view fields directly, so a
 * spec states exactly the deal it wants (a status, a time, a name) without replaying a process.
 * The real folds are tested in read-models/; the contract tests what the store does with any fold.
 */

let counter = 0n;
// Above anything an earlier run wrote, so checkpoints (which only move forward) also move on a shared server.
const base = BigInt(Date.now()) * 10_000n;

/** A fresh log position, greater than every one handed out before (also in earlier runs). */
export const nextPosition = (): string => String(base + ++counter);

export const uniqueId = (prefix: string): string => `${prefix}-${randomUUID()}`;

/** A company INN (10 digits) with a valid check digit. */
export function randomCompanyInn(): string {
  const body = Array.from({ length: 9 }, (_, i) => (i === 0 ? 1 + Math.floor(Math.random() * 9) : Math.floor(Math.random() * 10))).join('');
  return withInnCheckDigits(body);
}

const CYRILLIC = 'абвгдежзиклмнопрстуфхцчшщэюя';

/** A made-up Russian-looking word, unique enough to be searched for alone. */
export function randomCyrillicWord(length = 8): string {
  const letters = Array.from({ length }, () => CYRILLIC[Math.floor(Math.random() * CYRILLIC.length)]).join('');
  return letters.charAt(0).toUpperCase() + letters.slice(1);
}

const metadata = (occurredAt: string): EventMetadata => ({
  actor: { id: 'system:spec', role: 'system' },
  occurredAt,
  ip: null,
  userAgent: null,
  correlationId: null,
  causationId: null,
  schemaVersion: 1,
  prevHash: '0'.repeat(64),
  hash: '1'.repeat(64),
});

export function recorded<Data>(
  type: string,
  data: Data,
  options: { streamId?: string; revision?: number; position?: string } = {},
): RecordedEvent {
  return {
    eventId: randomUUID(),
    streamId: options.streamId ?? 'fixture',
    revision: options.revision ?? 0,
    position: options.position ?? nextPosition(),
    type,
    data,
    metadata: metadata('2025-01-01T00:00:00.000Z'),
  };
}

/** The fields a deal spec cares about; the rest get plausible defaults. */
export interface DealSeed {
  processId: string;
  branchId: string;
  status?: Deal['status'];
  kind?: Deal['kind'];
  signerType?: Deal['signer']['type'];
  managerId?: string;
  externalId?: string;
  title?: string;
  fullName?: string;
  companyName?: string;
  inn?: string;
  createdAt?: string;
  updatedAt?: string;
  expiresAt?: string;
}

export function dealOf(seed: DealSeed, revision: number, position: string): Deal {
  const createdAt = seed.createdAt ?? '2025-03-01T09:00:00.000Z';
  return {
    processId: seed.processId,
    status: seed.status ?? 'created',
    kind: seed.kind ?? 'contract',
    title: seed.title ?? 'Договор поставки',
    signer: {
      type: seed.signerType ?? 'legal_entity',
      fullName: seed.fullName ?? 'Иванов Иван Иванович',
      inn: seed.inn ?? '7707083893',
      ...(seed.companyName === undefined ? {} : { companyName: seed.companyName }),
      phone: '+79001234567',
    },
    manager: { id: seed.managerId ?? 'manager-1', name: 'Петрова Анна' },
    branchId: seed.branchId,
    ...(seed.externalId === undefined ? {} : { externalId: seed.externalId }),
    documents: [],
    createdAt,
    updatedAt: seed.updatedAt ?? createdAt,
    expiresAt: seed.expiresAt ?? '2025-03-08T09:00:00.000Z',
    timeline: timelineFrom(createdAt),
    identification: identificationNotStarted(3),
    edoAgreement: null,
    signature: null,
    archive: null,
    endReason: null,
    history: [{ fact: 'SigningProcessCreated', at: createdAt, actor: { id: seed.managerId ?? 'manager-1', role: 'manager' } }],
    linkRequestedAt: null,
    revision,
    position,
  };
}

export const DEAL_SET = 'FixtureDealSet';
export const DEAL_REMOVED = 'FixtureDealRemoved';
export const IGNORED = 'FixtureIgnored';

export const dealSet = (seed: DealSeed, position?: string): RecordedEvent =>
  recorded(DEAL_SET, seed, position === undefined ? {} : { position });
export const dealRemoved = (processId: string, position?: string): RecordedEvent =>
  recorded(DEAL_REMOVED, { processId }, position === undefined ? {} : { position });

/**
 * Deals from `FixtureDealSet` (the whole seed) and `FixtureDealRemoved`. `revision` counts the
 * events applied to the view, so an event applied twice shows.
 */
export const fixtureDeals: Projection<Deal> = {
  name: 'deals',
  handles: [DEAL_SET, DEAL_REMOVED],
  keyOf: (event) => (event.data as { processId?: string }).processId ?? null,
  evolve(view, event) {
    if (event.type === DEAL_REMOVED) return null;
    return dealOf(event.data as DealSeed, view === null ? 0 : view.revision + 1, event.position);
  },
};

export const CABINET_SET = 'FixtureCabinetSet';

export const fixtureCabinet: Projection<CabinetEntry> = {
  name: 'cabinet',
  handles: [CABINET_SET],
  keyOf: (event) => (event.data as CabinetEntry).processId,
  evolve: (_entry, event) => ({ ...(event.data as CabinetEntry), position: event.position }),
};

export const STATS_SET = 'FixtureStatsSet';

export const fixtureStats: Projection<StatsEntry> = {
  name: 'stats',
  handles: [STATS_SET],
  keyOf: (event) => (event.data as StatsEntry).processId,
  evolve: (_entry, event) => ({ ...(event.data as StatsEntry), position: event.position }),
};
