import { createActionGroup, emptyProps, props } from '@ngrx/store';
import type { ApiProblem } from '../../shared/api/api-problem';

/** A signer at a dead end (a replaced or expired link, a declined request) asks for a new link. */
export const LinkRequestActions = createActionGroup({
  source: 'Link Request',
  events: {
    Requested: props<{ inviteToken: string }>(),
    Sent: emptyProps(),
    Failed: props<{ problem: ApiProblem }>(),
  },
});
