import type { DocumentRef, ProcessKind, ProcessStatus, SignerDetails } from '@e-contract/contracts';

/** When each fact of the process happened (ISO 8601 UTC with ms), `null` until it has. */
export interface DealTimeline {
  created: string;
  invited: string | null;
  identificationStarted: string | null;
  identified: string | null;
  identificationFailed: string | null;
  edoAccepted: string | null;
  codeSent: string | null;
  signed: string | null;
  archived: string | null;
  declined: string | null;
  cancelled: string | null;
  expired: string | null;
}

/** Identification of the signer: tries, the pending request, and who was confirmed. */
export interface DealIdentification {
  provider: string | null;
  requestId: string | null;
  failedAttempts: number;
  attemptsLeft: number;
  /** Closed after the third failure. */
  closed: boolean;
  /** The person identification confirmed (scopes the signer's cabinet across processes). */
  person: { fullName: string; inn: string } | null;
}

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
});

/** API.md's deal: what managers track live and what `GET /api/deals/:id` answers. */
export interface Deal {
  processId: string;
  status: ProcessStatus;
  kind: ProcessKind;
  title: string;
  signer: SignerDetails;
  manager: { id: string; name: string };
  branchId: string;
  documents: DocumentRef[];
  createdAt: string;
  /** Time of the last fact. */
  updatedAt: string;
  expiresAt: string;
  timeline: DealTimeline;
  identification: DealIdentification;
  edoAgreement: { version: string; sha256: string; acceptedAt: string; reusedFrom?: { processId: string; revision: number } } | null;
  signature: { channel: 'sms'; destination: string; codeIssuedAt: string; signedAt: string | null } | null;
  archive: { archiveRef: string; archivedAt: string } | null;
  /** The reason of a decline or a cancellation. */
  endReason: string | null;
  /** Revision of the last event applied (0-based). */
  revision: number;
  /** Global position of the last event applied, a decimal string. */
  position: string;
}
