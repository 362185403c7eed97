import { SIGNING_RULES, type ProcessStatus } from '@e-contract/contracts';
import type { DocumentRef, IdentifiedPerson, ProcessKind, SignerDetails, SigningEvent } from './signing-types.js';

/** What the rules remember of a process: folded from its events by `evolve`. */
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
  signer: SignerDetails;
  documents: DocumentRef[];
  expiresAt: string;
  invitation: { invitationId: string; tokenSha256: string };
  identification: {
    pending: { requestId: string; provider: string } | null;
    failedAttempts: number;
    identified: { requestId: string; provider: string; person: IdentifiedPerson } | null;
  };
  edoAgreement: { version: string; sha256: string } | null;
  code: { codeId: string; codeHmac: string; expiresAt: string; wrongEntries: number } | null;
  /** When each code was issued, for the 5-an-hour limit. */
  codesIssuedAt: string[];
}

export const initialState: SigningState = { status: 'none' };

/** The status machine's rules live in contracts (`hasEnded`, `isOverdue`): the read side and the UI use them too. */
export { hasEnded, isOverdue } from '@e-contract/contracts';

const issuedAtOf = (expiresAt: string): string => new Date(Date.parse(expiresAt) - SIGNING_RULES.codeTtlMs).toISOString();

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
      signer: data.signer,
      documents: data.documents,
      expiresAt: data.expiresAt,
      invitation: data.invitation,
      identification: { pending: null, failedAttempts: 0, identified: null },
      edoAgreement: null,
      code: null,
      codesIssuedAt: [],
    };
  }
  if (state.status === 'none') return state;
  switch (event.type) {
    case 'SignerInvited':
      return state.status === 'created' ? { ...state, status: 'invited' } : state;
    case 'InvitationReissued':
      return { ...state, invitation: { invitationId: event.data.invitationId, tokenSha256: event.data.tokenSha256 } };
    case 'IdentificationStarted':
      return {
        ...state,
        status: 'identifying',
        identification: { ...state.identification, pending: { requestId: event.data.requestId, provider: event.data.provider } },
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
        code: { codeId: event.data.codeId, codeHmac: event.data.codeHmac, expiresAt: event.data.expiresAt, wrongEntries: 0 },
        codesIssuedAt: [...state.codesIssuedAt, issuedAtOf(event.data.expiresAt)],
      };
    case 'SignatureCodeRejected':
      return state.code && state.code.codeId === event.data.codeId
        ? { ...state, code: { ...state.code, wrongEntries: SIGNING_RULES.wrongEntriesPerCode - event.data.attemptsLeft } }
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
    default: {
      const unhandled: never = event;
      return unhandled;
    }
  }
}

export const foldSigningEvents = (events: readonly SigningEvent[]): SigningState => events.reduce(evolve, initialState);
