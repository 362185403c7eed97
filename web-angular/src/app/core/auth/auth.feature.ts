import { createFeature, createReducer, createSelector, on } from '@ngrx/store';
import type { ApiProblem } from '../../shared/api/api-problem';
import { AuthActions } from './auth.actions';
import { roleOf, type AppRole, type Session } from './auth-session';

/** How the last session ended: the login page and the signer's notice say so. */
export interface SessionEnd {
  as: AppRole;
  reason: 'logout' | 'expired';
}

export interface AuthState {
  /** Employee `{token, user}` or signer `{token, processId}`; kept in sessionStorage by the effects. */
  session: Session | null;
  loginPending: boolean;
  loginProblem: ApiProblem | null;
  signerSessionPending: boolean;
  signerSessionProblem: ApiProblem | null;
  /** How the last session ended (`null` while one is open or none was). */
  sessionEnd: SessionEnd | null;
}

export const initialAuthState: AuthState = {
  session: null,
  loginPending: false,
  loginProblem: null,
  signerSessionPending: false,
  signerSessionProblem: null,
  sessionEnd: null,
};

const ended = (state: AuthState, reason: SessionEnd['reason']): AuthState => {
  const as = roleOf(state.session);
  // A second 401 from a request still in flight does not overwrite how the session ended.
  return as === null ? state : { ...initialAuthState, sessionEnd: { as, reason } };
};

export const authFeature = createFeature({
  name: 'auth',
  reducer: createReducer(
    initialAuthState,
    on(AuthActions.sessionRestored, (state, { session }): AuthState => ({ ...state, session })),
    on(AuthActions.loginRequested, (state): AuthState => ({ ...state, loginPending: true, loginProblem: null })),
    on(AuthActions.loginSucceeded, (_state, { token, user }): AuthState => ({
      ...initialAuthState,
      session: { kind: 'employee', token, user },
    })),
    on(AuthActions.loginFailed, (state, { problem }): AuthState => ({ ...state, loginPending: false, loginProblem: problem })),
    on(AuthActions.signerSessionRequested, AuthActions.embedSessionRequested, (state): AuthState => ({
      ...state,
      signerSessionPending: true,
      signerSessionProblem: null,
    })),
    on(AuthActions.signerSessionStarted, (_state, { token, processId, inviteToken, embed }): AuthState => ({
      ...initialAuthState,
      session: { kind: 'signer', token, processId, ...(inviteToken ? { inviteToken } : {}), ...(embed ? { embed } : {}) },
    })),
    on(AuthActions.signerSessionFailed, (state, { problem }): AuthState => ({
      ...state,
      signerSessionPending: false,
      signerSessionProblem: problem,
    })),
    on(AuthActions.logout, (state): AuthState => ended(state, 'logout')),
    on(AuthActions.sessionExpired, (state): AuthState => ended(state, 'expired')),
  ),
  extraSelectors: ({ selectSession }) => ({
    selectToken: createSelector(selectSession, (session) => session?.token ?? null),
    selectRole: createSelector(selectSession, roleOf),
    selectIsSignedIn: createSelector(selectSession, (session) => session !== null),
    /** The signed-in employee (`null` for a signer or nobody). */
    selectUser: createSelector(selectSession, (session) => (session?.kind === 'employee' ? session.user : null)),
    /** The process the signer's session was opened for (`null` for an employee or nobody). */
    selectSignerProcessId: createSelector(selectSession, (session) => (session?.kind === 'signer' ? session.processId : null)),
    /** The invitation token the signer's session was opened with (`null`: none, or an embedded session). */
    selectSignerInviteToken: createSelector(selectSession, (session) =>
      session?.kind === 'signer' ? (session.inviteToken ?? null) : null,
    ),
    /** An embedded signer session's token and message origin (`null` outside another system's frame). */
    selectEmbedContext: createSelector(selectSession, (session) => (session?.kind === 'signer' ? (session.embed ?? null) : null)),
  }),
});

export const {
  selectSession,
  selectToken,
  selectRole,
  selectIsSignedIn,
  selectUser,
  selectSignerProcessId,
  selectSignerInviteToken,
  selectEmbedContext,
  selectLoginPending,
  selectLoginProblem,
  selectSignerSessionPending,
  selectSignerSessionProblem,
  selectSessionEnd,
} = authFeature;
