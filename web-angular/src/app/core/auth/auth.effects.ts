import { inject } from '@angular/core';
import { Router } from '@angular/router';
import { Actions, ROOT_EFFECTS_INIT, createEffect, ofType } from '@ngrx/effects';
import { Store } from '@ngrx/store';
import { EMPTY, catchError, exhaustMap, filter, map, of, switchMap, tap, timer, withLatestFrom } from 'rxjs';
import { toApiProblem } from '../../shared/api/api-problem';
import { ApiClient } from '../../shared/api/api-client';
import { APP_PATHS, QUERY_PARAMS, homeUrlOfRole, safeReturnUrl } from '../routing/app-paths';
import { AuthActions } from './auth.actions';
import { isTokenExpired, tokenExpiresAt, type Session } from './auth-session';
import { selectSessionEnd } from './auth.feature';
import { SESSION_STORAGE, readStoredSession, writeStoredSession } from './session-storage';

/** At start: the session this tab kept in sessionStorage (a reload keeps the user signed in). */
export const restoreSession = createEffect(
  (actions$ = inject(Actions), storage = inject(SESSION_STORAGE)) =>
    actions$.pipe(
      ofType(ROOT_EFFECTS_INIT),
      map(() => {
        const stored = readStoredSession(storage);
        // A session that lapsed while the tab was away is not restored: its first request would be a 401.
        if (stored && isTokenExpired(stored.token, Date.now())) {
          writeStoredSession(storage, null);
          return AuthActions.sessionRestored({ session: null });
        }
        return AuthActions.sessionRestored({ session: stored });
      }),
    ),
  { functional: true },
);

/** Ends a session a little before its token does, so that no request goes out with a lapsed token. */
export const EXPIRY_MARGIN_MS = 5_000;
/** setTimeout's longest delay; a later expiry is left to the API's 401. */
const MAX_TIMER_MS = 2_147_483_647;

export const endSessionOnExpiry = createEffect(
  (actions$ = inject(Actions)) =>
    actions$.pipe(
      ofType(
        AuthActions.sessionRestored,
        AuthActions.loginSucceeded,
        AuthActions.signerSessionStarted,
        AuthActions.logout,
        AuthActions.sessionExpired,
      ),
      switchMap((action) => {
        const token =
          action.type === AuthActions.sessionRestored.type
            ? (action.session?.token ?? null)
            : action.type === AuthActions.loginSucceeded.type || action.type === AuthActions.signerSessionStarted.type
              ? action.token
              : null;
        const expiresAt = token === null ? null : tokenExpiresAt(token);
        if (expiresAt === null) return EMPTY;
        const delay = Math.max(0, expiresAt - EXPIRY_MARGIN_MS - Date.now());
        return delay > MAX_TIMER_MS ? EMPTY : timer(delay).pipe(map(() => AuthActions.sessionExpired()));
      }),
    ),
  { functional: true },
);

export const login = createEffect(
  (actions$ = inject(Actions), api = inject(ApiClient)) =>
    actions$.pipe(
      ofType(AuthActions.loginRequested),
      exhaustMap(({ login, password, returnUrl }) =>
        api.login({ login, password }).pipe(
          map(({ token, user }) => AuthActions.loginSucceeded({ token, user, ...(returnUrl ? { returnUrl } : {}) })),
          catchError((error: unknown) => of(AuthActions.loginFailed({ problem: toApiProblem(error) }))),
        ),
      ),
    ),
  { functional: true },
);

/** After login: back where the guard stopped the user, else the role's first page. */
export const navigateAfterLogin = createEffect(
  (actions$ = inject(Actions), router = inject(Router)) =>
    actions$.pipe(
      ofType(AuthActions.loginSucceeded),
      tap(({ user, returnUrl }) => void router.navigateByUrl(safeReturnUrl(returnUrl) ?? homeUrlOfRole(user.role), { replaceUrl: true })),
    ),
  { functional: true, dispatch: false },
);

export const openSignerSession = createEffect(
  (actions$ = inject(Actions), api = inject(ApiClient)) =>
    actions$.pipe(
      ofType(AuthActions.signerSessionRequested),
      exhaustMap(({ inviteToken }) =>
        api.openSignerSession(inviteToken).pipe(
          map(({ token, processId }) => AuthActions.signerSessionStarted({ token, processId, inviteToken })),
          catchError((error: unknown) => of(AuthActions.signerSessionFailed({ problem: toApiProblem(error) }))),
        ),
      ),
    ),
  { functional: true },
);

/** The embedded page's token opens the session once; the page stays where it is (another system's frame). */
export const openEmbedSession = createEffect(
  (actions$ = inject(Actions), api = inject(ApiClient)) =>
    actions$.pipe(
      ofType(AuthActions.embedSessionRequested),
      exhaustMap(({ embedToken }) =>
        api.openEmbedSession(embedToken).pipe(
          map(({ token, processId, origin }) =>
            AuthActions.signerSessionStarted({ token, processId, embed: { token: embedToken, origin } }),
          ),
          catchError((error: unknown) => of(AuthActions.signerSessionFailed({ problem: toApiProblem(error) }))),
        ),
      ),
    ),
  { functional: true },
);

/** The invitation link is not kept in the history: Back does not open the session again. */
export const navigateAfterSignerSession = createEffect(
  (actions$ = inject(Actions), router = inject(Router)) =>
    actions$.pipe(
      ofType(AuthActions.signerSessionStarted),
      filter(({ embed }) => embed === undefined),
      tap(({ processId }) => void router.navigateByUrl(APP_PATHS.cabinetDeal(processId), { replaceUrl: true })),
    ),
  { functional: true, dispatch: false },
);

/** Employees go to the login page (after an expiry, with the page to come back to); signers to a notice. */
export const navigateAfterSessionEnd = createEffect(
  (actions$ = inject(Actions), store = inject(Store), router = inject(Router)) =>
    actions$.pipe(
      ofType(AuthActions.logout, AuthActions.sessionExpired),
      withLatestFrom(store.select(selectSessionEnd)),
      tap(([action, end]) => {
        // The embedded page stays in its frame and says so itself (embed-sign.page.ts).
        if (end?.as === 'signer' && router.url.startsWith(APP_PATHS.embedPrefix)) return;
        if (end?.as === 'signer') void router.navigateByUrl(APP_PATHS.sessionEnded);
        else if (action.type === AuthActions.sessionExpired.type && safeReturnUrl(router.url)) {
          void router.navigate([APP_PATHS.login], { queryParams: { [QUERY_PARAMS.returnUrl]: router.url } });
        } else void router.navigateByUrl(APP_PATHS.login);
      }),
    ),
  { functional: true, dispatch: false },
);

/** Keeps the session in sessionStorage: written when one opens, removed when it ends. */
export const persistSession = createEffect(
  (actions$ = inject(Actions), storage = inject(SESSION_STORAGE)) =>
    actions$.pipe(
      ofType(AuthActions.loginSucceeded, AuthActions.signerSessionStarted, AuthActions.logout, AuthActions.sessionExpired),
      tap((action) => {
        let session: Session | null = null;
        if (action.type === AuthActions.loginSucceeded.type) session = { kind: 'employee', token: action.token, user: action.user };
        if (action.type === AuthActions.signerSessionStarted.type)
          session = { kind: 'signer', token: action.token, processId: action.processId, ...(action.embed ? { embed: action.embed } : {}) };
        writeStoredSession(storage, session);
      }),
    ),
  { functional: true, dispatch: false },
);

export const authEffects = {
  restoreSession,
  endSessionOnExpiry,
  login,
  navigateAfterLogin,
  openSignerSession,
  openEmbedSession,
  navigateAfterSignerSession,
  navigateAfterSessionEnd,
  persistSession,
};
