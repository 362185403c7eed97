import { createFeature, createReducer, on } from '@ngrx/store';
import { SIGNING_RULES } from '@e-contract/contracts/wire';
import type { ApiProblem } from '../shared/api/api-problem';
import type { CabinetDocuments, Deal, EdoAgreement } from '../shared/api/api-types';
import { CabinetActions } from './cabinet.actions';

/** How long the client waits before offering another code. */
export const RESEND_COOLDOWN_MS = 60_000;

export type PendingCommand = 'identification' | 'agreement' | 'code' | 'signature' | 'decline';

export interface CabinetState {
  cabinet: CabinetDocuments | null;
  cabinetLoading: boolean;
  cabinetProblem: ApiProblem | null;
  processId: string | null;
  /** The signer came back from the identification page: the deal is polled until it leaves `identifying`. */
  identificationRequestId: string | null;
  /** The identification page opened in a window of its own (embedded): the link to open it again. */
  identificationUrl: string | null;
  deal: Deal | null;
  dealLoading: boolean;
  dealProblem: ApiProblem | null;
  /** Object URLs of the fetched PDFs by documentId (`null`: failed). */
  documentUrls: Record<string, string | null>;
  documentsReviewed: boolean;
  agreement: EdoAgreement | null;
  code: { destination: string; expiresAt: string; fingerprint: string } | null;
  attemptsLeft: number | null;
  codeExpired: boolean;
  /** Epoch ms from which another code may be requested. */
  resendAvailableAt: number | null;
  pending: PendingCommand | null;
  problem: ApiProblem | null;
}

export const initialCabinetState: CabinetState = {
  cabinet: null,
  cabinetLoading: false,
  cabinetProblem: null,
  processId: null,
  identificationRequestId: null,
  identificationUrl: null,
  deal: null,
  dealLoading: false,
  dealProblem: null,
  documentUrls: {},
  documentsReviewed: false,
  agreement: null,
  code: null,
  attemptsLeft: null,
  codeExpired: false,
  resendAvailableAt: null,
  pending: null,
  problem: null,
};

const flowReset = (state: CabinetState): CabinetState => ({
  ...initialCabinetState,
  cabinet: state.cabinet,
});

const wrongCode = (state: CabinetState, problem: ApiProblem): CabinetState => {
  const attemptsLeft = problem.attemptsLeft ?? state.attemptsLeft;
  const codeExpired = problem.expired === true || problem.code === 'code-expired' || attemptsLeft === 0;
  return { ...state, pending: null, problem, attemptsLeft, codeExpired };
};

export const cabinetFeature = createFeature({
  name: 'cabinet',
  reducer: createReducer(
    initialCabinetState,
    on(CabinetActions.cabinetOpened, (state): CabinetState => ({ ...state, cabinetLoading: true, cabinetProblem: null })),
    on(CabinetActions.cabinetLoaded, (state, { cabinet }): CabinetState => ({ ...state, cabinet, cabinetLoading: false })),
    on(CabinetActions.cabinetFailed, (state, { problem }): CabinetState => ({ ...state, cabinetLoading: false, cabinetProblem: problem })),

    on(CabinetActions.flowOpened, (state, { processId, identificationRequestId }): CabinetState => ({
      ...flowReset(state),
      processId,
      identificationRequestId,
      dealLoading: true,
    })),
    on(CabinetActions.flowLeft, flowReset),
    on(CabinetActions.dealLoaded, (state, { deal }): CabinetState => ({ ...state, deal, dealLoading: false, dealProblem: null })),
    on(CabinetActions.dealFailed, (state, { problem }): CabinetState => ({ ...state, dealLoading: false, dealProblem: problem })),

    on(CabinetActions.documentLoaded, (state, { documentId, url }): CabinetState => ({
      ...state,
      documentUrls: { ...state.documentUrls, [documentId]: url },
    })),
    on(CabinetActions.documentFailed, (state, { documentId }): CabinetState => ({
      ...state,
      documentUrls: { ...state.documentUrls, [documentId]: null },
    })),
    on(CabinetActions.documentsReviewed, (state): CabinetState => ({ ...state, documentsReviewed: true })),

    on(CabinetActions.identificationRequested, (state): CabinetState => ({ ...state, pending: 'identification', problem: null })),
    on(CabinetActions.identificationStarted, (state, { redirectUrl }): CabinetState => ({
      ...state,
      pending: null,
      identificationUrl: redirectUrl,
    })),

    on(CabinetActions.agreementLoaded, (state, { agreement }): CabinetState => ({ ...state, agreement })),
    on(CabinetActions.agreementAcceptRequested, (state): CabinetState => ({ ...state, pending: 'agreement', problem: null })),

    on(CabinetActions.codeRequested, (state): CabinetState => ({ ...state, pending: 'code', problem: null })),
    on(CabinetActions.codeIssued, (state, { destination, expiresAt, fingerprint, at }): CabinetState => ({
      ...state,
      pending: null,
      code: { destination, expiresAt, fingerprint },
      attemptsLeft: SIGNING_RULES.wrongEntriesPerCode,
      codeExpired: false,
      resendAvailableAt: at + RESEND_COOLDOWN_MS,
    })),
    on(CabinetActions.codeRequestFailed, (state, { problem, at }): CabinetState => ({
      ...state,
      pending: null,
      problem,
      resendAvailableAt: problem.status === 429 ? at + (problem.retryAfter ?? 60) * 1000 : state.resendAvailableAt,
    })),

    on(CabinetActions.signatureSubmitted, (state): CabinetState => ({ ...state, pending: 'signature', problem: null })),
    on(CabinetActions.signatureRejected, (state, { problem }): CabinetState => wrongCode(state, problem)),

    on(CabinetActions.declineRequested, (state): CabinetState => ({ ...state, pending: 'decline', problem: null })),

    on(CabinetActions.commandSucceeded, (state): CabinetState => ({ ...state, pending: null })),
    on(CabinetActions.commandFailed, (state, { problem }): CabinetState => ({ ...state, pending: null, problem })),
    // Shown on the signing steps (`problem`) and on the cabinet's list (`cabinetProblem`), wherever it was asked for.
    on(CabinetActions.signedCopyFailed, (state, { problem }): CabinetState => ({ ...state, problem, cabinetProblem: problem })),
  ),
});
