import type { Actor } from '../domain-values.js';
import type {
  DocumentRef,
  DocumentsArchivedData,
  EdoAgreementRef,
  IdentificationFailedData,
  IdentifiedPerson,
  IdentityCheck,
  SignatureCodeIssuedData,
  SignerDetails,
  SigningEvent,
  SigningEventOf,
  SigningProcessCreatedData,
} from '../events/signing-events.js';
import { maskPhone } from '../validation/phone.js';

/**
 * Test data (specs, benches, seeds — never production): the facts of a signing process step by step,
 * as the decider records them at today's schema versions, with the defaults most specs share and
 * overrides for what a spec looks at.
 */

export const PROCESS_ID = '6f1c2a9e-3b7d-4c1e-9a55-0d2b7c9e4f10';
/** When the default process starts: the specs' clock. */
export const T0 = '2026-11-25T08:00:00.000Z';
export const PERSON: IdentifiedPerson = { fullName: 'Иванов Иван Иванович', inn: '500100732259', confirmed: true };
/** The default signer: the person, signing for themselves. */
export const SIGNER: SignerDetails = { type: 'individual', fullName: PERSON.fullName, inn: PERSON.inn, phone: '+79001234567' };
export const DOCUMENT: DocumentRef = { documentId: 'd1', title: 'Договор', fileName: 'contract.pdf', sha256: 'a'.repeat(64), size: 1000 };
export const EDO: EdoAgreementRef = { version: '2026-01', sha256: 'e'.repeat(64) };
/** The manager who creates the request, as the log names its author. */
export const MANAGER: Actor = { id: 'm1', role: 'manager' };
export const MANAGER_NAME = 'Мария Петрова';
export const signerActor = (processId = PROCESS_ID): Actor => ({ id: `signer:${processId}`, role: 'signer' });

/** A fact with some of its data replaced. */
export const withData = <F extends SigningEvent>(fact: F, data: Partial<F['data']>): F =>
  ({ ...fact, data: { ...fact.data, ...data } }) as F;

/** What the facts after a process's creation agree on: who is identified, by which request, with which code. */
export interface SigningProcessCourse {
  /** Whom identification confirms (default: the signer, by name and INN). */
  person: IdentifiedPerson;
  provider: string;
  /** The identification request that succeeds. */
  requestId: string;
  checks: IdentityCheck[];
  edo: EdoAgreementRef;
  /** The code the documents are signed with. */
  codeId: string;
  archiveRef: string;
}

/** What one process is about: its creation's data and its course; every fact of it agrees with these. */
export type SigningProcessParams = SigningProcessCreatedData & SigningProcessCourse;

/** Expiry of the default code: 5 minutes after T0. */
const CODE_EXPIRES_AT = '2026-11-25T08:05:00.000Z';
const CODE_LIFETIME_MS = 5 * 60_000;

export interface SigningFacts {
  readonly params: SigningProcessParams;
  createdData(overrides?: Partial<SigningProcessCreatedData>): SigningProcessCreatedData;
  created(overrides?: Partial<SigningProcessCreatedData>): SigningEventOf<'SigningProcessCreated'>;
  readonly invited: SigningEventOf<'SignerInvited'>;
  readonly invitationReissued: SigningEventOf<'InvitationReissued'>;
  identificationStarted(requestId?: string, attempt?: number): SigningEventOf<'IdentificationStarted'>;
  /** `failedAttempts` of the tries the process allows: the tries left follow. */
  identificationFailed(
    requestId?: string,
    failedAttempts?: number,
    overrides?: Partial<IdentificationFailedData>,
  ): SigningEventOf<'IdentificationFailed'>;
  readonly identified: SigningEventOf<'SignerIdentified'>;
  readonly edoAccepted: SigningEventOf<'EdoAgreementAccepted'>;
  /** The person's acceptance in an earlier process, reused (recorded by the system). */
  edoReused(processId: string, revision: number): SigningEventOf<'EdoAgreementAccepted'>;
  /** A code as the decider issues it: valid 5 minutes (unless `issuedAt` says otherwise), 3 wrong entries allowed. */
  codeIssued(codeId?: string, expiresAt?: string, overrides?: Partial<SignatureCodeIssuedData>): SigningEventOf<'SignatureCodeIssued'>;
  codeRejected(attemptsLeft: number, codeId?: string): SigningEventOf<'SignatureCodeRejected'>;
  readonly signed: SigningEventOf<'DocumentsSigned'>;
  /** Archived content-addressed, as the archive reactor records it: each document under its SHA-256. */
  readonly archived: SigningEventOf<'DocumentsArchived'>;
  declined(reason?: string): SigningEventOf<'SigningDeclined'>;
  cancelled(reason?: string): SigningEventOf<'SigningCancelled'>;
  readonly expired: SigningEventOf<'SigningExpired'>;
  readonly untilInvited: readonly SigningEvent[];
  readonly untilIdentifying: readonly SigningEvent[];
  readonly untilIdentified: readonly SigningEvent[];
  readonly untilEdoAccepted: readonly SigningEvent[];
  readonly untilCodeSent: readonly SigningEvent[];
  readonly untilSigned: readonly SigningEvent[];
  /** Every identification try failed: the process is closed. */
  readonly untilClosedByFailures: readonly SigningEvent[];
}

/** The facts of one process; `params` says what it is about, the rest are the defaults of the specs. */
export function signingProcess(params: Partial<SigningProcessParams> = {}): SigningFacts {
  const signer = params.signer ?? SIGNER;
  const p: SigningProcessParams = {
    processId: PROCESS_ID,
    kind: 'contract',
    title: 'Договор оказания услуг № 17',
    documents: [DOCUMENT],
    signer,
    manager: { id: MANAGER.id, name: MANAGER_NAME },
    branchId: 'msk',
    expiresAt: '2026-12-02T08:00:00.000Z',
    invitation: { invitationId: 'inv-1', tokenSha256: 'b'.repeat(64) },
    identificationTries: 3,
    externalId: null,
    person: { fullName: signer.fullName, inn: signer.inn, confirmed: true },
    provider: 'esia-sandbox',
    requestId: 'req-1',
    checks: [
      { check: 'esia_account_confirmed', passed: true },
      { check: 'inn_matches', passed: true },
      { check: 'name_matches', passed: true },
    ],
    edo: EDO,
    codeId: 'code-1',
    archiveRef: 'archive/abc',
    ...params,
  };
  const destination = maskPhone(p.signer.phone);
  const {
    person: _person,
    provider: _provider,
    requestId: _requestId,
    checks: _checks,
    edo: _edo,
    codeId: _codeId,
    archiveRef: _ref,
    ...creation
  } = p;

  const createdData = (overrides: Partial<SigningProcessCreatedData> = {}): SigningProcessCreatedData => ({
    ...structuredClone(creation),
    ...overrides,
  });
  const created = (overrides: Partial<SigningProcessCreatedData> = {}): SigningEventOf<'SigningProcessCreated'> => ({
    type: 'SigningProcessCreated',
    data: createdData(overrides),
  });
  const identificationStarted = (requestId = p.requestId, attempt = 1): SigningEventOf<'IdentificationStarted'> => ({
    type: 'IdentificationStarted',
    data: { requestId, provider: p.provider, attempt },
  });
  const identificationFailed = (
    requestId = p.requestId,
    failedAttempts = 1,
    overrides: Partial<IdentificationFailedData> = {},
  ): SigningEventOf<'IdentificationFailed'> => ({
    type: 'IdentificationFailed',
    data: {
      requestId,
      provider: p.provider,
      reason: "the identified person's INN differs from the request",
      checks: [],
      failedAttempts,
      attemptsLeft: p.identificationTries - failedAttempts,
      ...overrides,
    },
  });
  const edoAcceptance = (reusedFrom?: { processId: string; revision: number }): SigningEventOf<'EdoAgreementAccepted'> => ({
    type: 'EdoAgreementAccepted',
    data: { ...p.edo, personInn: p.person.inn, ...(reusedFrom ? { reusedFrom } : {}) },
  });
  const codeIssued = (
    codeId = p.codeId,
    expiresAt = CODE_EXPIRES_AT,
    overrides: Partial<SignatureCodeIssuedData> = {},
  ): SigningEventOf<'SignatureCodeIssued'> => ({
    type: 'SignatureCodeIssued',
    data: {
      codeId,
      codeHmac: `hmac-${codeId}`,
      channel: 'sms',
      destination,
      issuedAt: new Date(Date.parse(expiresAt) - CODE_LIFETIME_MS).toISOString(),
      expiresAt,
      attempts: 3,
      ...overrides,
    },
  });
  const archivedData: DocumentsArchivedData = {
    archiveRef: p.archiveRef,
    documents: p.documents.map(({ documentId, sha256 }) => ({ documentId, sha256, archiveRef: sha256 })),
  };

  const invited: SigningEventOf<'SignerInvited'> = {
    type: 'SignerInvited',
    data: { invitationId: p.invitation.invitationId, sentTo: [{ channel: 'sms', destination }] },
  };
  const identified: SigningEventOf<'SignerIdentified'> = {
    type: 'SignerIdentified',
    data: { requestId: p.requestId, provider: p.provider, person: { ...p.person }, checks: p.checks.map((check) => ({ ...check })) },
  };
  const edoAccepted = edoAcceptance();
  const signed: SigningEventOf<'DocumentsSigned'> = {
    type: 'DocumentsSigned',
    data: {
      codeId: p.codeId,
      documents: p.documents.map(({ documentId, sha256 }) => ({ documentId, sha256 })),
      edoAgreement: { ...p.edo },
      identification: { requestId: p.requestId, provider: p.provider, inn: p.person.inn, fullName: p.person.fullName },
    },
  };

  const happyPath = [created(), invited, identificationStarted(), identified, edoAccepted, codeIssued(), signed];
  const tries = Array.from({ length: p.identificationTries }, (_, i) => i + 1);
  const histories = {
    untilInvited: happyPath.slice(0, 2),
    untilIdentifying: happyPath.slice(0, 3),
    untilIdentified: happyPath.slice(0, 4),
    untilEdoAccepted: happyPath.slice(0, 5),
    untilCodeSent: happyPath.slice(0, 6),
    untilSigned: happyPath.slice(0, 7),
    untilClosedByFailures: [
      ...happyPath.slice(0, 2),
      ...tries.flatMap((attempt) => [identificationStarted(`req-${attempt}`, attempt), identificationFailed(`req-${attempt}`, attempt)]),
    ],
  };

  return {
    params: p,
    createdData,
    created,
    invited,
    invitationReissued: {
      type: 'InvitationReissued',
      data: { invitationId: 'inv-2', tokenSha256: 'c'.repeat(64), replaces: p.invitation.invitationId, linkRequestedAt: null },
    },
    identificationStarted,
    identificationFailed,
    identified,
    edoAccepted,
    edoReused: (processId, revision) => edoAcceptance({ processId, revision }),
    codeIssued,
    codeRejected: (attemptsLeft, codeId = p.codeId) => ({ type: 'SignatureCodeRejected', data: { codeId, attemptsLeft } }),
    signed,
    archived: { type: 'DocumentsArchived', data: archivedData },
    declined: (reason = 'не согласен с условиями') => ({ type: 'SigningDeclined', data: { reason } }),
    cancelled: (reason = 'договор отозван') => ({ type: 'SigningCancelled', data: { reason } }),
    expired: { type: 'SigningExpired', data: { expiresAt: p.expiresAt } },
    ...histories,
  };
}

/** The default process: the one most specs follow, fact by fact. */
export const DEFAULT_PROCESS = signingProcess();
export const {
  createdData,
  created,
  invited,
  invitationReissued,
  identificationStarted,
  identificationFailed,
  identified,
  edoAccepted,
  edoReused,
  codeIssued,
  codeRejected,
  signed,
  archived,
  declined,
  cancelled,
  expired,
  untilInvited,
  untilIdentifying,
  untilIdentified,
  untilEdoAccepted,
  untilCodeSent,
  untilSigned,
  untilClosedByFailures,
} = DEFAULT_PROCESS;
