import { compareLogPositions, parseLogPosition, type LogPosition, type RecordedEvent } from '@e-contract/contracts';
import { dealsProjection, type Deal } from '@e-contract/projections';
import { QueryParams, parseIsoTime } from '../http/query-params.js';

/** A point of the log: a position, or a time (as stored: ISO 8601 UTC). */
export type DealMoment = { position: LogPosition } | { time: string };

/**
 * `?at=` of `GET /api/deals/:id` (API.md, "Queries"): digits only are a log position, anything else
 * an ISO 8601 date or time (a date alone: its end, so `at=2026-11-25` is the deal at the close of
 * that day). `undefined` when absent; 400 naming `at` when it is neither.
 */
export function parseDealMoment(query: Readonly<Record<string, unknown>>): DealMoment | undefined {
  const params = new QueryParams(query);
  const value = params.single('at', 64);
  params.throwIfInvalid();
  if (value === undefined) return undefined;
  if (/^\d+$/.test(value)) return { position: parseLogPosition(value)! };
  const time = parseIsoTime(value, 'end');
  if (time === null) {
    params.fail('at', 'isLogPositionOrTime', 'must be a log position (digits) or an ISO 8601 time such as 2026-11-25T08:00:00Z');
    params.throwIfInvalid();
  }
  return { time: time! };
}

const isAtOrBefore = (event: RecordedEvent, moment: DealMoment): boolean =>
  'position' in moment
    ? compareLogPositions(event.position, moment.position) <= 0
    : Date.parse(event.metadata.occurredAt) <= Date.parse(moment.time);

/**
 * The deal as it stood after every fact of its process at or before `moment`, folded from the
 * process stream with the deals read model's own fold: the same deal the read model held then.
 * `null` when the process did not exist yet.
 */
export function dealAt(stream: readonly RecordedEvent[], moment: DealMoment): Deal | null {
  let deal: Deal | null = null;
  for (const event of stream) if (isAtOrBefore(event, moment)) deal = dealsProjection.evolve(deal, event);
  return deal;
}

/** The deal after every fact of the stream: who may read the deal at a moment is who may read it now. */
export const dealNow = (stream: readonly RecordedEvent[]): Deal | null =>
  stream.reduce<Deal | null>((deal, event) => dealsProjection.evolve(deal, event), null);
