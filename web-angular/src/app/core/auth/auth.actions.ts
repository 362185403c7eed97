import { createActionGroup, emptyProps, props } from '@ngrx/store';
import type { ApiProblem } from '../../shared/api/api-problem';
import type { EmployeeUser } from '../../shared/api/api-types';
import type { EmbedContext, Session } from './auth-session';

/** Sign-in and sign-out, for employees (login) and signers (invitation token). */
export const AuthActions = createActionGroup({
  source: 'Auth',
  events: {
    /** The session kept in sessionStorage, read once at start (null: nobody). */
    'Session Restored': props<{ session: Session | null }>(),

    'Login Requested': props<{ login: string; password: string; returnUrl?: string }>(),
    'Login Succeeded': props<{ token: string; user: EmployeeUser; returnUrl?: string }>(),
    'Login Failed': props<{ problem: ApiProblem }>(),

    'Signer Session Requested': props<{ inviteToken: string }>(),
    /** The embedded page (`/embed/sign/<embedToken>`) uses its token, once. */
    'Embed Session Requested': props<{ embedToken: string }>(),
    'Signer Session Started': props<{ token: string; processId: string; inviteToken?: string; embed?: EmbedContext }>(),
    'Signer Session Failed': props<{ problem: ApiProblem }>(),

    Logout: emptyProps(),
    /** The API refused the session's token (401): it expired or was revoked. */
    'Session Expired': emptyProps(),
  },
});
