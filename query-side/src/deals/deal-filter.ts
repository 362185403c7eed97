import { dealSearchTerms, queryTerms, type Deal } from '@e-contract/projections';
import type { DealFilter } from './deal-query-params.js';

/**
 * Whether one deal passes a list's filters, in memory: the live stream applies it to every deal it
 * pushes. It reads the filters as the read stores do: `q`'s words each a prefix of a word of the
 * title, signer name, company name or INN (folded the same way, `search-terms.ts`); times as stored
 * ISO strings, which compare as strings; `createdTo` inclusive (a date-only one was already widened
 * to the day's last millisecond).
 */
export function dealMatches(deal: Deal, filter: DealFilter): boolean {
  if (filter.status?.length && !filter.status.includes(deal.status)) return false;
  if (filter.kind?.length && !filter.kind.includes(deal.kind)) return false;
  if (filter.signerType?.length && !filter.signerType.includes(deal.signer.type)) return false;
  if (filter.branchId !== undefined && deal.branchId !== filter.branchId) return false;
  if (filter.managerId !== undefined && deal.manager.id !== filter.managerId) return false;
  if (filter.externalId !== undefined && deal.externalId !== filter.externalId) return false;
  if (filter.createdFrom !== undefined && deal.createdAt < filter.createdFrom) return false;
  if (filter.createdTo !== undefined && deal.createdAt > filter.createdTo) return false;
  const terms = queryTerms(filter.q);
  if (terms.length > 0) {
    const words = dealSearchTerms(deal);
    if (!terms.every((term) => words.some((word) => word.startsWith(term)))) return false;
  }
  return true;
}
