import { ADMIN, MANAGER, employeeSession, problem, rootState, signerSession } from '../../testing/auth-fixtures';
import { AuthActions } from './auth.actions';
import {
  authFeature,
  initialAuthState,
  selectIsSignedIn,
  selectRole,
  selectSignerProcessId,
  selectToken,
  selectUser,
  type AuthState,
} from './auth.feature';

const reduce = (actions: Parameters<typeof authFeature.reducer>[1][], state: AuthState = initialAuthState): AuthState =>
  actions.reduce((current, action) => authFeature.reducer(current, action), state);

describe('auth feature: reducer', () => {
  it('restores a stored session', () => {
    const session = employeeSession();
    expect(reduce([AuthActions.sessionRestored({ session })]).session).toEqual(session);
  });

  it('marks a login pending and clears the previous problem', () => {
    const state = reduce([
      AuthActions.loginFailed({ problem: problem(401, 'unauthorized') }),
      AuthActions.loginRequested({ login: 'manager', password: 'x' }),
    ]);
    expect(state.loginPending).toBeTrue();
    expect(state.loginProblem).toBeNull();
  });

  it('opens an employee session on success and keeps the problem of a failure', () => {
    const signedIn = reduce([
      AuthActions.loginRequested({ login: 'admin', password: 'x' }),
      AuthActions.loginSucceeded({ token: 't1', user: ADMIN }),
    ]);
    expect(signedIn.session).toEqual({ kind: 'employee', token: 't1', user: ADMIN });
    expect(signedIn.loginPending).toBeFalse();

    const failed = reduce([
      AuthActions.loginRequested({ login: 'admin', password: 'x' }),
      AuthActions.loginFailed({ problem: problem(429, 'rate-limited') }),
    ]);
    expect(failed.session).toBeNull();
    expect(failed.loginPending).toBeFalse();
    expect(failed.loginProblem?.status).toBe(429);
  });

  it("opens a signer's session for one process", () => {
    const state = reduce([
      AuthActions.signerSessionRequested({ inviteToken: 'tok' }),
      AuthActions.signerSessionStarted({ token: 's1', processId: 'p1' }),
    ]);
    expect(state.session).toEqual({ kind: 'signer', token: 's1', processId: 'p1' });
    expect(state.signerSessionPending).toBeFalse();
  });

  it('ends the session on logout and on expiry, remembering how and as whom', () => {
    const signedIn = reduce([AuthActions.sessionRestored({ session: employeeSession(MANAGER) })]);
    expect(reduce([AuthActions.logout()], signedIn)).toEqual({ ...initialAuthState, sessionEnd: { as: 'manager', reason: 'logout' } });
    expect(reduce([AuthActions.sessionExpired()], signedIn).sessionEnd).toEqual({ as: 'manager', reason: 'expired' });

    const signer = reduce([AuthActions.sessionRestored({ session: signerSession() })]);
    expect(reduce([AuthActions.sessionExpired(), AuthActions.sessionExpired()], signer).sessionEnd).toEqual({
      as: 'signer',
      reason: 'expired',
    });
  });
});

describe('auth feature: selectors', () => {
  it('read an employee session', () => {
    const state = rootState({ session: employeeSession(MANAGER, 'tok') });
    expect(selectToken(state)).toBe('tok');
    expect(selectRole(state)).toBe('manager');
    expect(selectUser(state)).toEqual(MANAGER);
    expect(selectIsSignedIn(state)).toBeTrue();
    expect(selectSignerProcessId(state)).toBeNull();
  });

  it("read a signer's session", () => {
    const state = rootState({ session: signerSession('p9', 'stok') });
    expect(selectToken(state)).toBe('stok');
    expect(selectRole(state)).toBe('signer');
    expect(selectUser(state)).toBeNull();
    expect(selectSignerProcessId(state)).toBe('p9');
  });

  it('read nobody', () => {
    const state = rootState();
    expect(selectToken(state)).toBeNull();
    expect(selectRole(state)).toBeNull();
    expect(selectIsSignedIn(state)).toBeFalse();
  });
});
