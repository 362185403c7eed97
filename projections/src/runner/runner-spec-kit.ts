import type { ReadStore } from '../read-store.js';
import type { Deal } from '../read-models/deal.js';
import type { TrailEntry } from '../read-models/trail-entry.js';
import type { CabinetEntry } from '../read-models/cabinet-entry.js';
import type { Stats } from '../read-models/stats-entry.js';

/** Helpers of the runner, reactor and kill specs (specs only). */

/** Polls `condition` every 20 ms until it holds; fails after `timeoutMs` with `what`. */
export { eventually } from '@e-contract/platform/testing';

/** Everything a read store holds for the given processes, in a stable order, for comparing two stores. */
export interface ReadModelDump {
  deals: Deal[];
  trails: Record<string, TrailEntry[]>;
  cabinets: Record<string, CabinetEntry[]>;
  stats: Stats;
}

export async function dumpReadModels(store: ReadStore, processIds: readonly string[]): Promise<ReadModelDump> {
  const deals: Deal[] = [];
  for (let page = 1; ; page += 1) {
    const { items } = await store.findDeals({ sort: { field: 'createdAt', descending: false }, page, pageSize: 100 });
    deals.push(...items);
    if (items.length < 100) break;
  }
  deals.sort((a, b) => a.processId.localeCompare(b.processId));
  const trails: Record<string, TrailEntry[]> = {};
  const cabinets: Record<string, CabinetEntry[]> = {};
  for (const processId of [...processIds].sort()) {
    trails[processId] = await store.trail(processId);
    cabinets[processId] = (await store.cabinet(processId, null)).sort((a, b) => a.processId.localeCompare(b.processId));
  }
  return { deals, trails, cabinets, stats: await store.stats({}) };
}
