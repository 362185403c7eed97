import { createFeature, createReducer, on } from '@ngrx/store';
import type { ApiProblem } from '../../shared/api/api-problem';
import type { IntegrationCreatedAnswer, IntegrationRow } from '../../shared/api/api-types';
import { IntegrationsActions } from './integrations.actions';

export interface IntegrationsState {
  integrations: IntegrationRow[];
  loading: boolean;
  problem: ApiProblem | null;
  creating: boolean;
  createProblem: ApiProblem | null;
  /**
   * The answer of the last creation, with its key, until the admin dismisses it or leaves the page:
   * the only place the key ever is in the app (never in storage, never in a URL).
   */
  created: IntegrationCreatedAnswer | null;
  /** The integration whose revocation waits for a confirmation. */
  confirmingRevoke: string | null;
  revoking: string | null;
  revokeProblem: ApiProblem | null;
}

export const initialIntegrationsState: IntegrationsState = {
  integrations: [],
  loading: false,
  problem: null,
  creating: false,
  createProblem: null,
  created: null,
  confirmingRevoke: null,
  revoking: null,
  revokeProblem: null,
};

export const integrationsFeature = createFeature({
  name: 'integrations',
  reducer: createReducer(
    initialIntegrationsState,
    on(IntegrationsActions.opened, (state): IntegrationsState => ({ ...state, loading: state.integrations.length === 0, problem: null })),
    on(IntegrationsActions.closed, (state): IntegrationsState => ({ ...state, created: null, confirmingRevoke: null })),
    on(IntegrationsActions.listLoaded, (state, { integrations }): IntegrationsState => ({
      ...state,
      integrations,
      loading: false,
      problem: null,
    })),
    on(IntegrationsActions.listFailed, (state, { problem }): IntegrationsState => ({ ...state, loading: false, problem })),
    on(IntegrationsActions.createRequested, (state): IntegrationsState => ({
      ...state,
      creating: true,
      createProblem: null,
      created: null,
    })),
    on(IntegrationsActions.created, (state, { answer }): IntegrationsState => ({ ...state, creating: false, created: answer })),
    on(IntegrationsActions.createFailed, (state, { problem }): IntegrationsState => ({
      ...state,
      creating: false,
      createProblem: problem,
    })),
    on(IntegrationsActions.keyDismissed, (state): IntegrationsState => ({ ...state, created: null })),
    on(IntegrationsActions.revokeAsked, (state, { integrationId }): IntegrationsState => ({
      ...state,
      confirmingRevoke: integrationId,
      revokeProblem: null,
    })),
    on(IntegrationsActions.revokeAbandoned, (state): IntegrationsState => ({ ...state, confirmingRevoke: null })),
    on(IntegrationsActions.revokeConfirmed, (state, { integrationId }): IntegrationsState => ({
      ...state,
      confirmingRevoke: null,
      revoking: integrationId,
    })),
    on(IntegrationsActions.revoked, (state): IntegrationsState => ({ ...state, revoking: null })),
    on(IntegrationsActions.revokeFailed, (state, { problem }): IntegrationsState => ({ ...state, revoking: null, revokeProblem: problem })),
  ),
});
