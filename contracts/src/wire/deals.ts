import type { ProcessKind, ProcessStatus } from '../domain-values.js';
import type { DocumentRef, SignerDetails, SigningEventType } from '../events/signing-events.js';
import type { LogPosition } from '../log-position.js';
import type { IsoTime } from './formats.js';

/** A deal's documents and signer are as the request named them (the catalogue's own shapes). */
export type { DocumentRef, SignerDetails } from '../events/signing-events.js';

/** When each fact of the process happened, `null` until it has. */
export interface DealTimeline {
  created: IsoTime;
  invited: IsoTime | null;
  identificationStarted: IsoTime | null;
  identified: IsoTime | null;
  identificationFailed: IsoTime | null;
  edoAccepted: IsoTime | null;
  codeSent: IsoTime | null;
  signed: IsoTime | null;
  archived: IsoTime | null;
  declined: IsoTime | null;
  cancelled: IsoTime | null;
  expired: IsoTime | null;
}

/** Identification of the signer: tries, the pending request, and who was confirmed. */
export interface DealIdentification {
  provider: string | null;
  requestId: string | null;
  failedAttempts: number;
  attemptsLeft: number;
  /** Closed after the last allowed failure: the process has ended, its status stays `identification_failed`. */
  closed: boolean;
  /** The person identification confirmed (scopes the signer's cabinet across processes). */
  person: { fullName: string; inn: string } | null;
  /**
   * Why the last identification failed, as the identification component or the identity checks
   * said it (`IdentificationFailed.reason`); `null` before any failure. The UI explains it in plain
   * Russian (`identificationFailureAdvice`).
   */
  lastFailureReason: string | null;
  /** The identity check that failed last time (`esia_account_confirmed`, `inn_matches`, …); `null` when the component itself refused. */
  lastFailureCheck: string | null;
}

/** One fact of the process as the deal's history lists it: its type, when, and who recorded it. */
export interface DealHistoryEntry {
  /** The event type (`SignerReminded`, `InvitationReissued`, `IdentificationFailed`, …). */
  fact: SigningEventType;
  at: IsoTime;
  actor: { id: string; role: string };
}

/** The earlier process whose EDO acceptance the system reused (API.md, "Commands"). */
export interface AcceptanceReuse {
  processId: string;
  revision: number;
}

/** The EDO agreement version the signer accepted in this process. */
export interface EdoAcceptance {
  version: string;
  sha256: string;
  acceptedAt: IsoTime;
  reusedFrom?: AcceptanceReuse;
}

/** The one-time code that went out, and when it signed. */
export interface DealSignature {
  channel: 'sms';
  /** Masked phone number the code went to. */
  destination: string;
  codeIssuedAt: IsoTime;
  signedAt: IsoTime | null;
}

/**
 * A deal (`GET /api/deals/:id`, the items of `GET /api/deals`, the live stream's `deal` events, the
 * cabinet's buckets): what managers track live, folded from the process's facts.
 */
export interface Deal {
  processId: string;
  status: ProcessStatus;
  kind: ProcessKind;
  title: string;
  /** The signer as the request named them (the phone normalised to E.164). */
  signer: SignerDetails;
  /** Who created the request: a manager, or an integration (`id` `integration:<integrationId>`, `name` its name). */
  manager: { id: string; name: string };
  branchId: string;
  /**
   * The branch's name from the branch catalogue (`GET /api/branches`), added by the query side when
   * it answers; not stored in the read model. The branch id itself when the catalogue does not name it.
   */
  branchName?: string;
  /** The other system's reference the request named (API.md, "Integrations"); absent when it named none. */
  externalId?: string;
  documents: DocumentRef[];
  createdAt: IsoTime;
  /** Time of the last fact. */
  updatedAt: IsoTime;
  expiresAt: IsoTime;
  timeline: DealTimeline;
  identification: DealIdentification;
  edoAgreement: EdoAcceptance | null;
  signature: DealSignature | null;
  archive: { archiveRef: string; archivedAt: IsoTime } | null;
  /** The reason of a decline or a cancellation. */
  endReason: string | null;
  /** Every fact of the process in order (API.md): re-sent invitations, reminders and failures with their times. */
  history: DealHistoryEntry[];
  /** When the signer last asked for a new link after the process ended (`NewLinkRequested`): the board shows it. */
  linkRequestedAt: IsoTime | null;
  /** Revision of the last event applied (0-based): the value for `If-Match`. */
  revision: number;
  /** Global position of the last event applied. */
  position: LogPosition;
}

/** `GET /api/deals` → 200. */
export interface DealPage {
  items: Deal[];
  total: number;
  /** Only present (true) when a `q` search stopped counting at 10,000: `total` is then "at least". */
  totalIsEstimate?: true;
  page: number;
  pageSize: number;
  /** The log position the answer reflects (`"0"` before the first event): pass it as `after` to the live stream. */
  position: LogPosition;
}
