import { createActionGroup, emptyProps, props } from '@ngrx/store';
import type { ApiProblem } from '../shared/api/api-problem';
import type { CabinetDocuments, Deal, EdoAgreement, LogPosition } from '../shared/api/api-types';

/** The signer's cabinet and signing steps. `at`: the client's clock (ms) when the answer came. */
export const CabinetActions = createActionGroup({
  source: 'Cabinet',
  events: {
    'Cabinet Opened': emptyProps(),
    'Cabinet Loaded': props<{ cabinet: CabinetDocuments }>(),
    'Cabinet Failed': props<{ problem: ApiProblem }>(),

    'Flow Opened': props<{ processId: string; identificationRequestId: string | null }>(),
    'Flow Left': emptyProps(),
    'Deal Refresh Requested': props<{ processId: string; minPosition?: LogPosition }>(),
    'Deal Loaded': props<{ deal: Deal }>(),
    'Deal Failed': props<{ problem: ApiProblem }>(),

    'Document Loaded': props<{ documentId: string; url: string }>(),
    'Document Failed': props<{ documentId: string }>(),
    'Documents Reviewed': emptyProps(),

    'Identification Requested': props<{ processId: string }>(),
    'Identification Started': props<{ redirectUrl: string }>(),

    'Agreement Loaded': props<{ agreement: EdoAgreement }>(),
    'Agreement Accept Requested': props<{ processId: string; version: string }>(),

    'Code Requested': props<{ processId: string }>(),
    'Code Issued': props<{ destination: string; expiresAt: string; fingerprint: string; position: LogPosition; at: number }>(),
    'Code Request Failed': props<{ problem: ApiProblem; at: number }>(),

    'Signature Submitted': props<{ processId: string; code: string }>(),
    'Signature Rejected': props<{ problem: ApiProblem }>(),

    'Decline Requested': props<{ processId: string; reason: string }>(),

    'Signed Copy Requested': props<{ processId: string }>(),
    'Signed Copy Failed': props<{ problem: ApiProblem }>(),

    /** A command went through: the deal is read again at its position. */
    'Command Succeeded': props<{ processId: string; position: LogPosition }>(),
    'Command Failed': props<{ problem: ApiProblem }>(),
  },
});
