import type { Document, Filter, Sort } from 'mongodb';
import type { DealQuery } from '../read-store.js';
import type { ViewDocument } from './mongo-documents.js';
import { queryTerms } from './search-terms.js';
import { createdRange, toStoredTime, type TimeRange } from './time-bounds.js';

const escapeRegex = (text: string): string => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** `$gte`/`$lte`/`$lt` of a time range, `undefined` when it is open on both ends. */
export function timeCondition(range: TimeRange): Document | undefined {
  const condition: Document = {};
  if (range.from !== undefined) condition['$gte'] = range.from;
  if (range.to !== undefined) condition['$lte'] = range.to;
  if (range.before !== undefined) condition['$lt'] = range.before;
  return Object.keys(condition).length > 0 ? condition : undefined;
}

/** Translates a typed deal query into a filter over the deal documents (mongo-documents.ts). */
export function dealFilter(query: DealQuery): Filter<ViewDocument> {
  const filter: Document = {};
  // An empty list is read as "no filter", as an absent one.
  if (query.status?.length) filter['status'] = { $in: query.status };
  if (query.kind?.length) filter['kind'] = { $in: query.kind };
  if (query.signerType?.length) filter['signerType'] = { $in: query.signerType };
  if (query.branchId !== undefined) filter['branchId'] = query.branchId;
  if (query.managerId !== undefined) filter['managerId'] = query.managerId;
  if (query.externalId !== undefined) filter['externalId'] = query.externalId;
  const created = timeCondition(createdRange(query));
  if (created) filter['createdAt'] = created;
  if (query.expiresBefore !== undefined) filter['expiresAt'] = { $lte: toStoredTime(query.expiresBefore, 'expiresBefore') };
  // Every word must start some stored word. The regex is anchored and case-sensitive (the stored
  // words are folded already), so each one is an index range scan; words hold letters and digits
  // only, escaped anyway.
  const terms = queryTerms(query.q);
  if (terms.length > 0) filter['$and'] = terms.map((term) => ({ searchTerms: { $regex: `^${escapeRegex(term)}` } }));
  return filter;
}

export function dealSort(query: DealQuery): Sort {
  const direction = query.sort.descending ? -1 : 1;
  return { [query.sort.field]: direction, processId: direction };
}
