import type { HttpInterceptorFn } from '@angular/common/http';
import { inject } from '@angular/core';
import { Store } from '@ngrx/store';
import { catchError, throwError } from 'rxjs';
import { isApiProblem } from '../../shared/api/api-problem';
import { API_BASE_URL } from '../../shared/api/api-client';
import { AuthActions } from '../auth/auth.actions';
import { selectToken } from '../auth/auth.feature';

/** Calls that open a session: they carry no token, and their 401 is a wrong login, not an expiry. */
const SESSION_OPENING_PATHS = ['/api/auth/login', '/api/signer/session'];

/**
 * Adds `Authorization: Bearer <token>` to the API's calls while a session is open, and ends the
 * session when the API refuses that token (401).
 */
export const authInterceptor: HttpInterceptorFn = (request, next) => {
  const base = inject(API_BASE_URL);
  const store = inject(Store);
  const path = request.url.startsWith(base) ? request.url.slice(base.length) : request.url;
  const token = store.selectSignal(selectToken)();
  if (!path.startsWith('/api/') || SESSION_OPENING_PATHS.some((p) => path.startsWith(p)) || token === null) return next(request);

  return next(request.clone({ setHeaders: { Authorization: `Bearer ${token}` } })).pipe(
    catchError((error: unknown) => {
      const status = isApiProblem(error) ? error.status : (error as { status?: unknown } | null)?.status;
      // Only if the refused token is still the session's (not one replaced meanwhile by a new login).
      if (status === 401 && store.selectSignal(selectToken)() === token) store.dispatch(AuthActions.sessionExpired());
      return throwError(() => error);
    }),
  );
};
