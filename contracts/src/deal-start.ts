import type { DealIdentification, DealTimeline } from './wire/deals.js';

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

/**
 * Identification before any try: every try the process allows left — as its creation recorded them,
 * not as today's rules say, so that a rebuild shows what the deal showed then.
 */
export const identificationNotStarted = (tries: number): DealIdentification => ({
  provider: null,
  requestId: null,
  failedAttempts: 0,
  attemptsLeft: tries,
  closed: false,
  person: null,
  lastFailureReason: null,
  lastFailureCheck: null,
});
