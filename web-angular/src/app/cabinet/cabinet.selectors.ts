import { createSelector } from '@ngrx/store';
import { SIGNING_RULES, cabinetBucketOf, dealLifecycle } from '@e-contract/contracts/wire';
import type { Deal, ProcessStatus } from '../shared/api/api-types';
import { cabinetFeature } from './cabinet.feature';

/** Where the signer is in the flow. */
export type FlowStep = 'read' | 'identify' | 'edo' | 'code' | 'done' | 'closed';

/**
 * The step a deal calls for (`reviewed`: the signer has gone through the documents): where the status
 * machine puts it in the cabinet — signed ones are done, ended ones (the one closed after the last
 * identification failure included) closed — and, while it awaits the signer, the step of its status.
 */
export function stepOf(deal: Deal, reviewed: boolean): FlowStep {
  switch (cabinetBucketOf(dealLifecycle(deal))) {
    case 'signed':
      return 'done';
    case 'closed':
      return 'closed';
    case 'awaiting':
      return awaitingStep(deal.status, reviewed);
  }
}

function awaitingStep(status: ProcessStatus, reviewed: boolean): FlowStep {
  switch (status) {
    case 'created':
    case 'invited':
      return reviewed ? 'identify' : 'read';
    case 'identifying':
    case 'identification_failed':
      return 'identify';
    case 'identified':
      return 'edo';
    case 'edo_accepted':
    case 'code_sent':
      return 'code';
    default:
      return 'closed'; // an ended status never awaits the signer
  }
}

export const {
  selectCabinet,
  selectCabinetLoading,
  selectCabinetProblem,
  selectDeal,
  selectDealLoading,
  selectDealProblem,
  selectDocumentUrls,
  selectDocumentsReviewed,
  selectAgreement,
  selectCode,
  selectAttemptsLeft,
  selectCodeExpired,
  selectResendAvailableAt,
  selectPending,
  selectProblem,
  selectProcessId,
  selectIdentificationRequestId,
} = cabinetFeature;

export const selectStep = createSelector(selectDeal, selectDocumentsReviewed, (deal, reviewed): FlowStep | null =>
  deal ? stepOf(deal, reviewed) : null,
);

/** When the current code expires: the one just issued, else the deal's last issue + the code's lifetime (after a reload). */
export const selectCodeExpiresAt = createSelector(selectCode, selectDeal, (code, deal): number | null => {
  if (code) return Date.parse(code.expiresAt);
  if (deal?.status === 'code_sent' && deal.signature?.codeIssuedAt)
    return Date.parse(deal.signature.codeIssuedAt) + SIGNING_RULES.codeTtlMs;
  return null;
});

export const selectCodeDestination = createSelector(
  selectCode,
  selectDeal,
  (code, deal): string | null => code?.destination ?? (deal?.status === 'code_sent' ? (deal.signature?.destination ?? null) : null),
);

/** The fingerprint of what the code in force signs, as the SMS quotes it (`null` until a code is requested here). */
export const selectCodeFingerprint = createSelector(selectCode, (code): string | null => code?.fingerprint ?? null);

export const selectIdentificationTriesLeft = createSelector(selectDeal, (deal) => deal?.identification.attemptsLeft ?? null);
