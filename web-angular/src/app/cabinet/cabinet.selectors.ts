import { createSelector } from '@ngrx/store';
import type { Deal } from '../shared/api/api-types';
import { cabinetFeature } from './cabinet.feature';

/** Where the signer is in the flow. */
export type FlowStep = 'read' | 'identify' | 'edo' | 'code' | 'done' | 'closed';

/** A one-time code lives 5 minutes (API.md). */
export const CODE_LIFETIME_MS = 5 * 60_000;

/** The step a deal's status calls for (`reviewed`: the signer has gone through the documents). */
export function stepOf(deal: Deal, reviewed: boolean): FlowStep {
  switch (deal.status) {
    case 'created':
    case 'invited':
      return reviewed ? 'identify' : 'read';
    case 'identifying':
      return 'identify';
    case 'identification_failed':
      return deal.identification?.closed ? 'closed' : 'identify';
    case 'identified':
      return 'edo';
    case 'edo_accepted':
    case 'code_sent':
      return 'code';
    case 'signed':
    case 'archived':
      return 'done';
    default:
      return 'closed';
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

/** When the current code expires: the one just issued, else the deal's last issue + 5 minutes (after a reload). */
export const selectCodeExpiresAt = createSelector(selectCode, selectDeal, (code, deal): number | null => {
  if (code) return Date.parse(code.expiresAt);
  if (deal?.status === 'code_sent' && deal.signature?.codeIssuedAt) return Date.parse(deal.signature.codeIssuedAt) + CODE_LIFETIME_MS;
  return null;
});

export const selectCodeDestination = createSelector(
  selectCode,
  selectDeal,
  (code, deal): string | null => code?.destination ?? (deal?.status === 'code_sent' ? (deal.signature?.destination ?? null) : null),
);

export const selectIdentificationTriesLeft = createSelector(selectDeal, (deal) => deal?.identification?.attemptsLeft ?? null);
