/**
 * How the embedded store reads a page of a `q` search and counts it (sqlite-read-store.ts,
 * searchDeals): estimated costs of each plan from a few counts taken in the indexes first. Every plan
 * gives the same rows in the same order and the same total; only the time differs.
 *
 * Page plans:
 * - `collect`: from each match of the search index to its deal row; filter, sort and count those.
 * - `set`: SQLite puts the matches into an in-memory set, then walks the index of the sort (or of the
 *   filters) and tests each row against the set, stopping after the page.
 * - `lookup`: the same walk, asking the search index about each row it reads (`rowid = d.id`) — no
 *   set to build, but a lookup costs more than a set test. Only for words the prefix indexes hold.
 *
 * Count plans, when a filter is not in the search index (a status, a time range):
 * - `window`: the collect plan's own count; `set` / `lookup`: the filters' rows tested as above, up
 *   to the cap + 1 matches; `join`: from the matches to their rows, testing the filters.
 */
export type SearchPagePlan = 'collect' | 'set' | 'lookup';
export type SearchCountPlan = 'index' | 'window' | 'set' | 'lookup' | 'join';

/**
 * Costs of one step (µs, measured at 1M deals on the reference machine): reading a deal row by id,
 * putting a match into the set, reading an index entry and testing it against the set, and one
 * lookup in the search index for one word (each further word adds half).
 */
export const SEARCH_COSTS = { row: 2.5, member: 0.25, step: 0.3, lookup: 7 } as const;

export interface SearchEstimates {
  /** offset + pageSize: the rows a walk must find. */
  reach: number;
  /** The deals of the scoped filters (all deals without any). */
  deals: number;
  /** The search index's matches, counted up to `countLimit`. */
  matches: number;
  /** How long counting them took (µs): what collect and set spend again to evaluate the search. */
  evaluation: number;
  /** Every word has a prefix index of its length. */
  lookups: boolean;
  /** How many words the search has. */
  words: number;
  /** SQLite would sort the walk's rows (no index gives the order with these filters). */
  sorts: { set: boolean; lookup: boolean };
  /** The deals of all the filters (no search), when counted (see `needsFiltered`). */
  filtered?: number;
  /** Some filter is not in the search index: the index count is not the total. */
  unscoped: boolean;
  cap: number;
}

export interface SearchPlans {
  page: SearchPagePlan;
  /** `index`: the search index's count is the total. */
  count: SearchCountPlan;
}

/** Whether the plan needs the deals of the filters counted (`filtered`). */
export const needsFiltered = (sorts: SearchEstimates['sorts'], unscoped: boolean): boolean => sorts.set || sorts.lookup || unscoped;

/**
 * How far to count the matches: beyond the cap (for the total) and far enough to tell the set from
 * the lookup plan. Walking, the set pays a step per match, a lookup a lookup per row read.
 */
export function matchCountLimit(estimates: Pick<SearchEstimates, 'reach' | 'deals' | 'cap' | 'filtered' | 'sorts'>): number {
  const { reach, deals, cap, filtered, sorts } = estimates;
  const perRow = (SEARCH_COSTS.lookup - SEARCH_COSTS.step) / SEARCH_COSTS.member;
  const walking = Math.sqrt(reach * deals * perRow);
  const sorting = sorts.lookup && filtered !== undefined ? filtered * perRow : 0;
  return Math.ceil(Math.max(cap, walking, sorting)) + 1;
}

export function chooseSearchPlans(estimates: SearchEstimates, forced?: SearchPagePlan): SearchPlans {
  const { reach, deals, matches, evaluation, lookups, words, sorts, unscoped, cap } = estimates;
  const filtered = estimates.filtered ?? deals;
  const lookupCost = lookups ? SEARCH_COSTS.lookup * (1 + (words - 1) / 2) : Infinity;
  // Matches spread evenly over the scope's deals: a walk in index order reads reach / density rows
  // before its page is full, or every filtered row when SQLite sorts them.
  const density = Math.max(matches, 1) / Math.max(deals, 1);
  const walked = Math.min(filtered, reach / density);
  const read = (sorting: boolean) => (sorting ? filtered : walked);
  const page: Record<SearchPagePlan, number> = {
    collect: evaluation + matches * SEARCH_COSTS.row,
    set: evaluation + matches * SEARCH_COSTS.member + read(sorts.set) * SEARCH_COSTS.step,
    lookup: read(sorts.lookup) * lookupCost,
  };
  const cheapest = <Plan extends string>(costs: Record<Plan, number>): Plan =>
    (Object.keys(costs) as Plan[]).sort((a, b) => costs[a] - costs[b])[0]!;
  const pagePlan = forced === undefined ? cheapest(page) : page[forced] === Infinity ? 'set' : forced;
  if (!unscoped) return { page: pagePlan, count: 'index' };
  if (pagePlan === 'collect') return { page: pagePlan, count: 'window' };
  // Counting stops at cap + 1: the filters' rows read until then, or the matches joined until then.
  const hits = Math.max(matches * (filtered / Math.max(deals, 1)), 1);
  const counted = Math.min(filtered, ((cap + 1) * filtered) / hits);
  const count: Record<Exclude<SearchCountPlan, 'index' | 'window'>, number> = {
    set: evaluation + matches * SEARCH_COSTS.member + counted * SEARCH_COSTS.step,
    lookup: counted * lookupCost,
    join: Math.min(matches, ((cap + 1) * matches) / hits) * SEARCH_COSTS.row,
  };
  return { page: pagePlan, count: cheapest(count) };
}
