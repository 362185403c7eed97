import { createActionGroup, emptyProps, props } from '@ngrx/store';
import type { ApiProblem } from '../shared/api/api-problem';
import type { Deal, TrailEntry, TrailVerification } from '../shared/api/api-types';

/** The trail page's events: it opens, the trail and its verification arrive, the evidence files are saved. */
export const AuditActions = createActionGroup({
  source: 'Audit',
  events: {
    opened: props<{ processId: string }>(),
    trailLoaded: props<{ trail: TrailEntry[] }>(),
    trailFailed: props<{ problem: ApiProblem }>(),
    /** The deal the trail belongs to: its title heads the page, its manager and signer name the people. */
    dealLoaded: props<{ deal: Deal }>(),
    dealFailed: props<{ problem: ApiProblem }>(),
    verificationLoaded: props<{ verification: TrailVerification }>(),
    verificationFailed: props<{ problem: ApiProblem }>(),
    evidenceJsonRequested: props<{ processId: string }>(),
    evidencePdfRequested: props<{ processId: string }>(),
    downloadSaved: emptyProps(),
    downloadFailed: props<{ problem: ApiProblem }>(),
  },
});
