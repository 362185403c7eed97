import { createFeature, createReducer, on } from '@ngrx/store';
import type { ApiProblem } from '../../shared/api/api-problem';
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
  ),
});
