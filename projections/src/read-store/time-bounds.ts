import type { DealQuery, StatsQuery } from '../read-store.js';

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;
const ISO_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:?\d{2})?$/;

/** A range over stored ISO 8601 UTC times (`...T..:..:..sssZ`), which compare correctly as strings. */
export interface TimeRange {
  /** Inclusive lower bound. */
  from?: string;
  /** Inclusive upper bound. */
  to?: string;
  /** Exclusive upper bound (a date-only `to` ends before the next day). */
  before?: string;
}

/** An ISO 8601 date or time as the stored form; a time without a zone is read as UTC. */
export function toStoredTime(value: string, field: string): string {
  const withZone = ISO_TIME.test(value) && !/(Z|[+-]\d{2}:?\d{2})$/.test(value) ? `${value}Z` : value;
  const millis = ISO_DATE.test(value) || ISO_TIME.test(value) ? Date.parse(ISO_DATE.test(value) ? `${value}T00:00:00Z` : withZone) : NaN;
  if (Number.isNaN(millis)) throw new RangeError(`${field} is not an ISO 8601 date or time: ${JSON.stringify(value)}`);
  return new Date(millis).toISOString();
}

/** `from`/`to` as API.md reads them: dates or times, a date-only `to` covering its whole day. */
export function timeRange(from: string | undefined, to: string | undefined, fields: [string, string]): TimeRange {
  const range: TimeRange = {};
  if (from !== undefined) range.from = toStoredTime(from, fields[0]);
  if (to !== undefined) {
    const stored = toStoredTime(to, fields[1]);
    if (ISO_DATE.test(to)) range.before = new Date(Date.parse(stored) + 86_400_000).toISOString();
    else range.to = stored;
  }
  return range;
}

export const createdRange = (query: DealQuery): TimeRange => timeRange(query.createdFrom, query.createdTo, ['createdFrom', 'createdTo']);
export const statsRange = (query: StatsQuery): TimeRange => timeRange(query.from, query.to, ['from', 'to']);
