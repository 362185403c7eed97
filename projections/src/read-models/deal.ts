import { SIGNING_RULES, type DealIdentification, type DealTimeline } from '@e-contract/contracts';

/**
 * API.md's deal — what managers track live and what `GET /api/deals/:id` answers — is the wire type
 * in contracts: the deals projection folds exactly the shape the UI reads.
 */
export type { Deal, DealIdentification, DealTimeline } from '@e-contract/contracts';

/** A timeline at creation: every later fact still to come. */
export const timelineFrom = (created: string): DealTimeline => ({
  created,
  invited: null,
  identificationStarted: null,
  identified: null,
  identificationFailed: null,
  edoAccepted: null,
  codeSent: null,
  signed: null,
  archived: null,
  declined: null,
  cancelled: null,
  expired: null,
});

/** Identification before any try: every try left. */
export const identificationNotStarted = (): DealIdentification => ({
  provider: null,
  requestId: null,
  failedAttempts: 0,
  attemptsLeft: SIGNING_RULES.identificationTries,
  closed: false,
  person: null,
});
