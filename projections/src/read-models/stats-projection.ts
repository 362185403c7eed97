import { SIGNING_EVENT_TYPES } from '@e-contract/contracts';
import type { Projection } from '../projection.js';
import { processFactOf, processIdOfFact, statusAfter } from './deals-projection.js';
import type { StatsEntry } from './stats-entry.js';

/** `YYYY-MM-DD` in UTC: days are counted in UTC so that every branch's figures add up. */
export const utcDayOf = (isoTime: string): string => new Date(isoTime).toISOString().slice(0, 10);

/**
 * One row per process for the KPI statistics (key: processId); `stats-math.ts` sums the rows.
 * The status follows the deal's (same `statusAfter`) so that `byStatus` agrees with the deal list.
 */
export const statsProjection: Projection<StatsEntry> = {
  name: 'stats',
  handles: SIGNING_EVENT_TYPES,
  keyOf: processIdOfFact,
  evolve(entry, event) {
    const read = processFactOf(event);
    if (!read) return entry;
    const { processId, fact } = read;
    const at = event.metadata.occurredAt;
    if (fact.type === 'SigningProcessCreated') {
      return (
        entry ?? {
          processId,
          branchId: fact.data.branchId,
          kind: fact.data.kind,
          status: 'created',
          createdAt: at,
          createdDay: utcDayOf(at),
          signedAt: null,
          secondsToSign: null,
          position: event.position,
        }
      );
    }
    if (entry === null) return entry;
    const next: StatsEntry = { ...entry, status: statusAfter(entry.status, fact), position: event.position };
    if (fact.type !== 'DocumentsSigned') return next;
    // Milliseconds kept (as a fraction of a second): the KPI is "10 minutes", not whole seconds.
    return { ...next, signedAt: at, secondsToSign: (Date.parse(at) - Date.parse(entry.createdAt)) / 1000 };
  },
};
