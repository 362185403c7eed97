import { createFeature, createReducer, createSelector, on } from '@ngrx/store';
import type { ApiProblem } from '../shared/api/api-problem';
import type { Deal, TrailEntry, TrailVerification } from '../shared/api/api-types';
import { AuditActions } from './audit.actions';

export interface AuditState {
  processId: string | null;
  trail: TrailEntry[];
  trailLoading: boolean;
  trailProblem: ApiProblem | null;
  /** The deal (title, manager, signer); `null` until read, or when it could not be (the page then names the process by its id). */
  deal: Deal | null;
  verification: TrailVerification | null;
  verificationLoading: boolean;
  verificationProblem: ApiProblem | null;
  downloading: boolean;
  downloadProblem: ApiProblem | null;
}

export const initialAuditState: AuditState = {
  processId: null,
  trail: [],
  trailLoading: false,
  trailProblem: null,
  deal: null,
  verification: null,
  verificationLoading: false,
  verificationProblem: null,
  downloading: false,
  downloadProblem: null,
};

export const auditFeature = createFeature({
  name: 'audit',
  reducer: createReducer(
    initialAuditState,
    on(AuditActions.opened, (_state, { processId }): AuditState => ({
      ...initialAuditState,
      processId,
      trailLoading: true,
      verificationLoading: true,
    })),
    on(AuditActions.trailLoaded, (state, { trail }): AuditState => ({ ...state, trail, trailLoading: false })),
    on(AuditActions.trailFailed, (state, { problem }): AuditState => ({ ...state, trailLoading: false, trailProblem: problem })),
    on(AuditActions.dealLoaded, (state, { deal }): AuditState => (deal.processId === state.processId ? { ...state, deal } : state)),
    on(AuditActions.verificationLoaded, (state, { verification }): AuditState => ({
      ...state,
      verification,
      verificationLoading: false,
    })),
    on(AuditActions.verificationFailed, (state, { problem }): AuditState => ({
      ...state,
      verificationLoading: false,
      verificationProblem: problem,
    })),
    on(AuditActions.evidenceJsonRequested, AuditActions.evidencePdfRequested, (state): AuditState => ({
      ...state,
      downloading: true,
      downloadProblem: null,
    })),
    on(AuditActions.downloadSaved, (state): AuditState => ({ ...state, downloading: false })),
    on(AuditActions.downloadFailed, (state, { problem }): AuditState => ({ ...state, downloading: false, downloadProblem: problem })),
  ),
  extraSelectors: ({ selectTrail }) => ({
    /** The trail in revision order, whatever order it arrived in. */
    selectOrderedTrail: createSelector(selectTrail, (trail) => [...trail].sort((a, b) => a.revision - b.revision)),
  }),
});
