import { inject } from '@angular/core';
import { Router, type CanActivateFn } from '@angular/router';
import { Store } from '@ngrx/store';
import { APP_PATHS, QUERY_PARAMS, homeUrl } from '../routing/app-paths';
import { roleOf, type AppRole } from './auth-session';
import { selectSession } from './auth.feature';

/**
 * Lets in the given roles. Nobody signed in: employees' pages send to the login page (with the
 * page to come back to), the signer's pages to the notice to open the invitation link again.
 * Signed in with another role: that role's first page.
 */
export function roleGuard(...roles: AppRole[]): CanActivateFn {
  return (_route, state) => {
    const router = inject(Router);
    const session = inject(Store).selectSignal(selectSession)();
    const role = roleOf(session);
    if (role !== null && roles.includes(role)) return true;
    if (role !== null) return router.parseUrl(homeUrl(session));
    if (roles.every((r) => r === 'signer')) return router.parseUrl(APP_PATHS.sessionEnded);
    return router.createUrlTree([APP_PATHS.login], { queryParams: { [QUERY_PARAMS.returnUrl]: state.url } });
  };
}

export const EMPLOYEES: readonly AppRole[] = ['manager', 'auditor', 'admin'];

export const employeeGuard: CanActivateFn = roleGuard(...EMPLOYEES);
export const managerGuard: CanActivateFn = roleGuard('manager');
export const auditGuard: CanActivateFn = roleGuard('auditor', 'admin');
export const adminGuard: CanActivateFn = roleGuard('admin');
export const signerGuard: CanActivateFn = roleGuard('signer');

/** The login page is for those not signed in as an employee: an employee goes to the first page. */
export const loginPageGuard: CanActivateFn = () => {
  const session = inject(Store).selectSignal(selectSession)();
  return session?.kind === 'employee' ? inject(Router).parseUrl(homeUrl(session)) : true;
};
