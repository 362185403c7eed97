import type { ProcessKind, SignerType } from '../domain-values.js';

/**
 * The event catalogue of a signing process. Each event is a fact, named in the past tense, with a
 * schema version: a change of an event's data shape gets a new version, never an edit in place
 * (events are never rewritten; the stream is the legal trail).
 *
 * Personal data is kept to what the trail needs: the signer's name and INN (who signed), the phone
 * (where the code went). SNILS and passport data from identification are not stored.
 */

export interface DocumentRef {
  documentId: string;
  title: string;
  fileName: string;
  sha256: string;
  size: number;
}

export interface SignerDetails {
  type: SignerType;
  fullName: string;
  inn: string;
  ogrn?: string;
  companyName?: string;
  phone: string;
  email?: string;
}

export interface MaskedDestination {
  channel: 'sms' | 'email';
  destination: string;
}

export interface IdentifiedPerson {
  fullName: string;
  inn: string;
  confirmed: boolean;
}

export interface IdentityCheck {
  check: string;
  passed: boolean;
  detail?: string;
}

export interface EdoAgreementRef {
  version: string;
  sha256: string;
}

export interface SigningProcessCreatedData {
  processId: string;
  kind: ProcessKind;
  title: string;
  documents: DocumentRef[];
  signer: SignerDetails;
  manager: { id: string; name: string };
  branchId: string;
  expiresAt: string;
  /** The invitation's id and the SHA-256 of its token; the token itself is never stored. */
  invitation: { invitationId: string; tokenSha256: string };
  /**
   * Failed identifications this process allows (v2): the rule in force when it was created, so
   * that a later change of the rule does not change what replaying this process shows.
   */
  identificationTries: number;
  /**
   * The other system's reference for this request (v3; API.md, "Integrations"), trimmed, or `null`
   * when the request named none. Unique per integration, or per branch for a manager's requests.
   */
  externalId: string | null;
}

export interface SignerInvitedData {
  invitationId: string;
  sentTo: MaskedDestination[];
}

export interface InvitationReissuedData {
  invitationId: string;
  tokenSha256: string;
  replaces: string;
  /**
   * v2: when the signer asked for it with a replaced link (`POST /api/signer/link-requests`), the
   * time of that request — the 3-a-day limit counts these; `null` for a re-send by the manager.
   */
  linkRequestedAt: string | null;
}

/** What made a reminder go out: the schedule (one day after the invitation, one day before the deadline) or a person. */
export type ReminderTrigger = 'after_invitation' | 'before_expiry' | 'manual';

export interface SignerRemindedData {
  /** The invitation whose link the reminder repeats (the token does not change). */
  invitationId: string;
  trigger: ReminderTrigger;
  sentTo: MaskedDestination[];
  /** When it went out: the limits (two automatic, three manual a day) count these. */
  remindedAt: string;
}

export interface NewLinkRequestedData {
  /** When the signer asked, with a link of this process, after the process had expired. */
  requestedAt: string;
}

export interface IdentificationStartedData {
  requestId: string;
  provider: string;
  attempt: number;
  /** When it started, for the 10-an-hour limit (facts recorded before the limit have none). */
  startedAt?: string;
}

export interface SignerIdentifiedData {
  requestId: string;
  provider: string;
  person: IdentifiedPerson;
  checks: IdentityCheck[];
}

export interface IdentificationFailedData {
  requestId: string;
  provider: string;
  reason: string;
  checks: IdentityCheck[];
  failedAttempts: number;
  attemptsLeft: number;
}

export interface EdoAgreementAcceptedData extends EdoAgreementRef {
  /** Personal INN confirmed by identification: the acceptance binds this person. */
  personInn: string;
  /** Set when the system reused the person's acceptance from an earlier process. */
  reusedFrom?: { processId: string; revision: number };
}

export interface SignatureCodeIssuedData {
  codeId: string;
  /** HMAC-SHA256 of the code under the server's OTP secret; the code is never stored. */
  codeHmac: string;
  channel: 'sms';
  destination: string;
  /** When the code was issued (v2): the 5-an-hour limit counts these, whatever the code's lifetime. */
  issuedAt: string;
  expiresAt: string;
  /** Wrong entries this code allows (v2): the rule in force when it was issued. */
  attempts: number;
  /** What the code signs (`signingFingerprint`); codes issued before it was recorded have none. */
  fingerprint?: string;
}

export interface SignatureCodeRejectedData {
  codeId: string;
  attemptsLeft: number;
}

export interface DocumentsSignedData {
  codeId: string;
  documents: { documentId: string; sha256: string }[];
  edoAgreement: EdoAgreementRef;
  identification: { requestId: string; provider: string; inn: string; fullName: string };
}

export interface DocumentsArchivedData {
  archiveRef: string;
  documents: { documentId: string; sha256: string; archiveRef: string }[];
}

export interface SigningDeclinedData {
  reason: string;
}

export interface SigningCancelledData {
  reason: string;
}

export interface SigningExpiredData {
  expiresAt: string;
}

/**
 * A person's personal data in this process was erased (API.md, "Operations"): their key is destroyed,
 * so every field sealed under `personRef` now reads as erased. Recorded by the admin who asked.
 */
export interface PersonalDataErasedData {
  personRef: string;
  reason: string;
  /** The admin's id (also the fact's actor). */
  erasedBy: string;
}

/** Type name → data shape; the one place the catalogue is listed. */
export interface SigningEventDataMap {
  SigningProcessCreated: SigningProcessCreatedData;
  SignerInvited: SignerInvitedData;
  InvitationReissued: InvitationReissuedData;
  IdentificationStarted: IdentificationStartedData;
  SignerIdentified: SignerIdentifiedData;
  IdentificationFailed: IdentificationFailedData;
  EdoAgreementAccepted: EdoAgreementAcceptedData;
  SignatureCodeIssued: SignatureCodeIssuedData;
  SignatureCodeRejected: SignatureCodeRejectedData;
  DocumentsSigned: DocumentsSignedData;
  DocumentsArchived: DocumentsArchivedData;
  SigningDeclined: SigningDeclinedData;
  SigningCancelled: SigningCancelledData;
  SigningExpired: SigningExpiredData;
  SignerReminded: SignerRemindedData;
  NewLinkRequested: NewLinkRequestedData;
  PersonalDataErased: PersonalDataErasedData;
}

export type SigningEventType = keyof SigningEventDataMap;

export type SigningEvent = {
  [K in SigningEventType]: { type: K; data: SigningEventDataMap[K] };
}[SigningEventType];

export type SigningEventOf<K extends SigningEventType> = Extract<SigningEvent, { type: K }>;

/**
 * Schema version of each event type's data; bump when a shape changes, and add the upcaster from
 * the previous version (`signing-event-upcasters.ts`) so that events already stored still read.
 */
export const SIGNING_EVENT_VERSIONS: { readonly [K in SigningEventType]: number } = {
  SigningProcessCreated: 3,
  SignerInvited: 1,
  InvitationReissued: 2,
  IdentificationStarted: 1,
  SignerIdentified: 1,
  IdentificationFailed: 1,
  EdoAgreementAccepted: 1,
  SignatureCodeIssued: 2,
  SignatureCodeRejected: 1,
  DocumentsSigned: 1,
  DocumentsArchived: 1,
  SigningDeclined: 1,
  SigningCancelled: 1,
  SigningExpired: 1,
  SignerReminded: 1,
  NewLinkRequested: 1,
  PersonalDataErased: 1,
};

export const SIGNING_EVENT_TYPES = Object.keys(SIGNING_EVENT_VERSIONS) as SigningEventType[];

export const isSigningEventType = (type: string): type is SigningEventType =>
  Object.prototype.hasOwnProperty.call(SIGNING_EVENT_VERSIONS, type);
