/**
 * API.md's deal — what managers track live and what `GET /api/deals/:id` answers — is the wire type
 * in contracts: the deals projection folds exactly the shape the UI reads.
 */
export type { Deal, DealHistoryEntry, DealIdentification, DealTimeline } from '@e-contract/contracts';

/** How a deal starts: the contracts' own, re-exported for the folds and the read stores. */
export { identificationNotStarted, timelineFrom } from '@e-contract/contracts';
