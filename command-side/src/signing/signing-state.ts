import type { ProcessStatus, ReminderTrigger } from '@e-contract/contracts';
import type { DocumentRef, IdentifiedPerson, ProcessKind, SignerDetails, SigningEvent } from './signing-types.js';

/**
 * What the rules remember of a process: folded from its events by `evolve`. The fold reads facts
 * only, never today's rules (`SIGNING_RULES`): what a rule allowed is recorded in the event that
 * applied it, so that replaying an old stream under changed rules gives the state it had.
 */
export type SigningState = { status: 'none' } | ActiveProcess;

export interface ActiveProcess {
  status: ProcessStatus;
  /** Set by the last allowed identification failure: the process has ended. */
  closed: boolean;
  processId: string;
  kind: ProcessKind;
  title: string;
  branchId: string;
  managerId: string;
  /** The manager's name as recorded (or the integration's): invitations and reminders name them. */
  managerName: string;
  signer: SignerDetails;
  documents: DocumentRef[];
  expiresAt: string;
  invitation: { invitationId: string; tokenSha256: string };
  identification: {
    /** Failed identifications this process allows, as recorded at its creation. */
    tries: number;
    pending: { requestId: string; provider: string } | null;
    failedAttempts: number;
    identified: { requestId: string; provider: string; person: IdentifiedPerson } | null;
  };
  edoAgreement: { version: string; sha256: string } | null;
  /** The code in force; `attemptsLeft` is the wrong entries it still allows (0: used up). */
  code: { codeId: string; codeHmac: string; expiresAt: string; attemptsLeft: number; fingerprint?: string } | null;
  /** When each code was issued, for the 5-an-hour limit. */
  codesIssuedAt: string[];
  /** When each identification started, for the 10-an-hour limit. */
  identificationStartsAt: string[];
  /** The reminders sent, for their limits (two automatic, three manual a day). */
  reminders: { trigger: ReminderTrigger; at: string }[];
  /** When the signer asked for a new link with an old one, for the 3-a-day limit. */
  linkRequestsAt: string[];
}

export const initialState: SigningState = { status: 'none' };

/** The status machine's rules live in contracts (`hasEnded`, `isOverdue`): the read side and the UI use them too. */
export { hasEnded, isOverdue } from '@e-contract/contracts';

export function evolve(state: SigningState, event: SigningEvent): SigningState {
  if (event.type === 'SigningProcessCreated') {
    const { data } = event;
    return {
      status: 'created',
      closed: false,
      processId: data.processId,
      kind: data.kind,
      title: data.title,
      branchId: data.branchId,
      managerId: data.manager.id,
      managerName: data.manager.name,
      signer: data.signer,
      documents: data.documents,
      expiresAt: data.expiresAt,
      invitation: data.invitation,
      identification: { tries: data.identificationTries, pending: null, failedAttempts: 0, identified: null },
      edoAgreement: null,
      code: null,
      codesIssuedAt: [],
      identificationStartsAt: [],
      reminders: [],
      linkRequestsAt: [],
    };
  }
  if (state.status === 'none') return state;
  switch (event.type) {
    case 'SignerInvited':
      return state.status === 'created' ? { ...state, status: 'invited' } : state;
    case 'InvitationReissued':
      return {
        ...state,
        invitation: { invitationId: event.data.invitationId, tokenSha256: event.data.tokenSha256 },
        linkRequestsAt: event.data.linkRequestedAt ? [...state.linkRequestsAt, event.data.linkRequestedAt] : state.linkRequestsAt,
      };
    case 'SignerReminded':
      return { ...state, reminders: [...state.reminders, { trigger: event.data.trigger, at: event.data.remindedAt }] };
    case 'NewLinkRequested':
      return { ...state, linkRequestsAt: [...state.linkRequestsAt, event.data.requestedAt] };
    case 'IdentificationStarted':
      return {
        ...state,
        status: 'identifying',
        identification: { ...state.identification, pending: { requestId: event.data.requestId, provider: event.data.provider } },
        identificationStartsAt: event.data.startedAt
          ? [...state.identificationStartsAt, event.data.startedAt]
          : state.identificationStartsAt,
      };
    case 'SignerIdentified':
      return {
        ...state,
        status: 'identified',
        identification: {
          ...state.identification,
          pending: null,
          identified: { requestId: event.data.requestId, provider: event.data.provider, person: event.data.person },
        },
      };
    case 'IdentificationFailed':
      return {
        ...state,
        status: 'identification_failed',
        closed: event.data.attemptsLeft === 0,
        identification: {
          ...state.identification,
          pending: null,
          failedAttempts: event.data.failedAttempts,
        },
      };
    case 'EdoAgreementAccepted':
      return { ...state, status: 'edo_accepted', edoAgreement: { version: event.data.version, sha256: event.data.sha256 } };
    case 'SignatureCodeIssued':
      return {
        ...state,
        status: 'code_sent',
        code: {
          codeId: event.data.codeId,
          codeHmac: event.data.codeHmac,
          expiresAt: event.data.expiresAt,
          attemptsLeft: event.data.attempts,
          ...(event.data.fingerprint ? { fingerprint: event.data.fingerprint } : {}),
        },
        codesIssuedAt: [...state.codesIssuedAt, event.data.issuedAt],
      };
    case 'SignatureCodeRejected':
      return state.code && state.code.codeId === event.data.codeId
        ? { ...state, code: { ...state.code, attemptsLeft: event.data.attemptsLeft } }
        : state;
    case 'DocumentsSigned':
      return { ...state, status: 'signed', code: null };
    case 'DocumentsArchived':
      return { ...state, status: 'archived' };
    case 'SigningDeclined':
      return { ...state, status: 'declined', code: null };
    case 'SigningCancelled':
      return { ...state, status: 'cancelled', code: null };
    case 'SigningExpired':
      return { ...state, status: 'expired', code: null };
    case 'PersonalDataErased':
      // The key is gone; what the process decides on (status, tries, tokens) is not personal.
      return state;
    default: {
      const unhandled: never = event;
      return unhandled;
    }
  }
}

export const foldSigningEvents = (events: readonly SigningEvent[]): SigningState => events.reduce(evolve, initialState);
