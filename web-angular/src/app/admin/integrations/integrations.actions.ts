import { createActionGroup, emptyProps, props } from '@ngrx/store';
import type { ApiProblem } from '../../shared/api/api-problem';
import type { CreateIntegrationRequest, IntegrationCreatedAnswer, IntegrationRow } from '../../shared/api/api-types';

/** The integrations page: the list, a creation (its key shown once), a revocation after a confirmation. */
export const IntegrationsActions = createActionGroup({
  source: 'Admin integrations',
  events: {
    opened: emptyProps(),
    /** Leaving the page forgets a key still on screen. */
    closed: emptyProps(),
    listLoaded: props<{ integrations: IntegrationRow[] }>(),
    listFailed: props<{ problem: ApiProblem }>(),
    createRequested: props<{ request: CreateIntegrationRequest }>(),
    created: props<{ answer: IntegrationCreatedAnswer }>(),
    createFailed: props<{ problem: ApiProblem }>(),
    /** The admin says the key is saved: it leaves the screen and the store. */
    keyDismissed: emptyProps(),
    revokeAsked: props<{ integrationId: string }>(),
    revokeAbandoned: emptyProps(),
    revokeConfirmed: props<{ integrationId: string }>(),
    revoked: props<{ integrationId: string }>(),
    revokeFailed: props<{ integrationId: string; problem: ApiProblem }>(),
  },
});
