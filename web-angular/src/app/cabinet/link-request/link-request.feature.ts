import { createFeature, createReducer, on } from '@ngrx/store';
import type { ApiProblem } from '../../shared/api/api-problem';
import { AuthActions } from '../../core/auth/auth.actions';
import { LinkRequestActions } from './link-request.actions';

export interface LinkRequestState {
  status: 'idle' | 'pending' | 'sent' | 'failed';
  problem: ApiProblem | null;
}

export const initialLinkRequestState: LinkRequestState = { status: 'idle', problem: null };

export const linkRequestFeature = createFeature({
  name: 'linkRequest',
  reducer: createReducer(
    initialLinkRequestState,
    on(LinkRequestActions.requested, (): LinkRequestState => ({ status: 'pending', problem: null })),
    on(LinkRequestActions.sent, (): LinkRequestState => ({ status: 'sent', problem: null })),
    on(LinkRequestActions.failed, (_state, { problem }): LinkRequestState => ({ status: 'failed', problem })),
    // Another link opened (or tried): what was said about the last request is no longer about this page.
    on(AuthActions.signerSessionRequested, AuthActions.signerSessionStarted, (): LinkRequestState => initialLinkRequestState),
  ),
});
