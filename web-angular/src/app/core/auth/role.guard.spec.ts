import { TestBed } from '@angular/core/testing';
import { Router, UrlTree, provideRouter, type ActivatedRouteSnapshot, type CanActivateFn, type RouterStateSnapshot } from '@angular/router';
import { MockStore, provideMockStore } from '@ngrx/store/testing';
import { ADMIN, AUDITOR, MANAGER, employeeSession, rootState, signerSession } from '../../testing/auth-fixtures';
import type { Session } from './auth-session';
import { adminGuard, auditGuard, employeeGuard, loginPageGuard, managerGuard, signerGuard } from './role.guard';

describe('role guards', () => {
  let store: MockStore;

  beforeEach(() => {
    TestBed.configureTestingModule({ providers: [provideRouter([]), provideMockStore({ initialState: rootState() })] });
    store = TestBed.inject(MockStore);
  });

  const check = (guard: CanActivateFn, session: Session | null, url = '/deals/new'): true | string => {
    store.setState(rootState({ session }));
    const result = TestBed.runInInjectionContext(() => guard({} as ActivatedRouteSnapshot, { url } as RouterStateSnapshot));
    if (result === true) return true;
    expect(result).toBeInstanceOf(UrlTree);
    return TestBed.inject(Router).serializeUrl(result as UrlTree);
  };

  it('lets in the roles it names', () => {
    expect(check(employeeGuard, employeeSession(MANAGER))).toBeTrue();
    expect(check(employeeGuard, employeeSession(AUDITOR))).toBeTrue();
    expect(check(managerGuard, employeeSession(MANAGER))).toBeTrue();
    expect(check(auditGuard, employeeSession(ADMIN))).toBeTrue();
    expect(check(adminGuard, employeeSession(ADMIN))).toBeTrue();
    expect(check(signerGuard, signerSession('p1'))).toBeTrue();
  });

  it("sends another role to that role's first page", () => {
    expect(check(managerGuard, employeeSession(AUDITOR))).toBe('/deals');
    expect(check(adminGuard, employeeSession(MANAGER))).toBe('/deals');
    expect(check(auditGuard, employeeSession(MANAGER))).toBe('/deals');
    expect(check(employeeGuard, signerSession('p1'))).toBe('/cabinet/p1');
    expect(check(signerGuard, employeeSession(MANAGER))).toBe('/deals');
  });

  it('sends nobody to the login page with the page to come back to', () => {
    expect(check(employeeGuard, null, '/deals/new')).toBe('/login?returnUrl=%2Fdeals%2Fnew');
  });

  it('sends a signer without a session to the notice, not to the login page', () => {
    expect(check(signerGuard, null, '/cabinet/p1')).toBe('/session-ended');
  });

  it('keeps signed-in employees off the login page', () => {
    expect(check(loginPageGuard, null, '/login')).toBeTrue();
    expect(check(loginPageGuard, signerSession('p1'), '/login')).toBeTrue();
    expect(check(loginPageGuard, employeeSession(AUDITOR), '/login')).toBe('/deals');
  });
});
