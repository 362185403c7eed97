import { TestBed } from '@angular/core/testing';
import { Router } from '@angular/router';
import { ROOT_EFFECTS_INIT } from '@ngrx/effects';
import { provideMockActions } from '@ngrx/effects/testing';
import type { Action } from '@ngrx/store';
import { MockStore, provideMockStore } from '@ngrx/store/testing';
import { Observable, of, throwError, toArray } from 'rxjs';
import { ApiClient } from '../../shared/api/api-client';
import { AUDITOR, MANAGER, employeeSession, problem, rootState } from '../../testing/auth-fixtures';
import { MemoryStorage } from '../../testing/memory-storage';
import { AuthActions } from './auth.actions';
import * as effects from './auth.effects';
import { selectSessionEnd } from './auth.feature';
import { SESSION_STORAGE, SESSION_STORAGE_KEY, readStoredSession } from './session-storage';

describe('auth effects', () => {
  let actions$: Observable<Action>;
  let api: jasmine.SpyObj<ApiClient>;
  let router: jasmine.SpyObj<Router>;
  let storage: MemoryStorage;
  let store: MockStore;

  beforeEach(() => {
    api = jasmine.createSpyObj<ApiClient>('ApiClient', ['login', 'openSignerSession']);
    router = jasmine.createSpyObj<Router>('Router', ['navigateByUrl', 'navigate'], { url: '/deals/p1' });
    router.navigateByUrl.and.resolveTo(true);
    router.navigate.and.resolveTo(true);
    storage = new MemoryStorage();
    TestBed.configureTestingModule({
      providers: [
        provideMockActions(() => actions$),
        provideMockStore({ initialState: rootState() }),
        { provide: ApiClient, useValue: api },
        { provide: Router, useValue: router },
        { provide: SESSION_STORAGE, useValue: storage },
      ],
    });
    store = TestBed.inject(MockStore);
  });

  const run = <T>(effect: () => Observable<T>): T[] => {
    let emitted: T[] = [];
    TestBed.runInInjectionContext(effect)
      .pipe(toArray())
      .subscribe((all) => (emitted = all));
    return emitted;
  };

  describe('login', () => {
    it('calls the API and succeeds with the token and the user', () => {
      api.login.and.returnValue(of({ token: 'jwt', user: MANAGER }));
      actions$ = of(AuthActions.loginRequested({ login: 'manager', password: 'secret', returnUrl: '/kpi' }));

      expect(run(effects.login)).toEqual([AuthActions.loginSucceeded({ token: 'jwt', user: MANAGER, returnUrl: '/kpi' })]);
      expect(api.login).toHaveBeenCalledOnceWith({ login: 'manager', password: 'secret' });
    });

    it('fails with the typed problem (401, 429)', () => {
      const refused = problem(429, 'rate-limited', { retryAfter: 540 });
      api.login.and.returnValue(throwError(() => refused));
      actions$ = of(AuthActions.loginRequested({ login: 'manager', password: 'wrong' }));

      expect(run(effects.login)).toEqual([AuthActions.loginFailed({ problem: refused })]);
    });

    it('turns an unexpected error into a problem too', () => {
      api.login.and.returnValue(throwError(() => new Error('boom')));
      actions$ = of(AuthActions.loginRequested({ login: 'manager', password: 'x' }));

      const [failed] = run(effects.login) as ReturnType<typeof AuthActions.loginFailed>[];
      expect(failed?.type).toBe(AuthActions.loginFailed.type);
      expect(failed?.problem.status).toBe(0);
    });
  });

  describe('navigation after login', () => {
    it('sends each role to its first page: manager, auditor and admin to /deals', () => {
      actions$ = of(AuthActions.loginSucceeded({ token: 't', user: MANAGER }), AuthActions.loginSucceeded({ token: 't', user: AUDITOR }));
      run(effects.navigateAfterLogin);
      expect(router.navigateByUrl.calls.allArgs()).toEqual([
        ['/deals', { replaceUrl: true }],
        ['/deals', { replaceUrl: true }],
      ]);
    });

    it('goes back to a safe returnUrl, never to another origin', () => {
      actions$ = of(
        AuthActions.loginSucceeded({ token: 't', user: MANAGER, returnUrl: '/kpi?from=2026-01-01' }),
        AuthActions.loginSucceeded({ token: 't', user: MANAGER, returnUrl: '//evil.example/x' }),
      );
      run(effects.navigateAfterLogin);
      expect(router.navigateByUrl.calls.argsFor(0)[0]).toBe('/kpi?from=2026-01-01');
      expect(router.navigateByUrl.calls.argsFor(1)[0]).toBe('/deals');
    });
  });

  it("opens a signer's session and goes to the process's cabinet page", () => {
    api.openSignerSession.and.returnValue(of({ token: 'st', processId: 'p1' }));
    actions$ = of(AuthActions.signerSessionRequested({ inviteToken: 'invite' }));
    // The session keeps the link's token: a dead end in the cabinet can ask for a new link with it.
    expect(run(effects.openSignerSession)).toEqual([
      AuthActions.signerSessionStarted({ token: 'st', processId: 'p1', inviteToken: 'invite' }),
    ]);

    actions$ = of(AuthActions.signerSessionStarted({ token: 'st', processId: 'p1' }));
    run(effects.navigateAfterSignerSession);
    expect(router.navigateByUrl).toHaveBeenCalledWith('/cabinet/p1', { replaceUrl: true });
  });

  it('keeps the session in sessionStorage and forgets it on logout', () => {
    actions$ = of(AuthActions.loginSucceeded({ token: 'jwt', user: MANAGER }));
    run(effects.persistSession);
    expect(readStoredSession(storage)).toEqual(employeeSession(MANAGER, 'jwt'));

    actions$ = of(AuthActions.logout());
    run(effects.persistSession);
    expect(storage.getItem(SESSION_STORAGE_KEY)).toBeNull();
  });

  it('restores the stored session at start', () => {
    storage.setItem(SESSION_STORAGE_KEY, JSON.stringify(employeeSession(AUDITOR, 'kept')));
    actions$ = of({ type: ROOT_EFFECTS_INIT });
    expect(run(effects.restoreSession)).toEqual([AuthActions.sessionRestored({ session: employeeSession(AUDITOR, 'kept') })]);
  });

  it('ignores a stored session it cannot read', () => {
    storage.setItem(SESSION_STORAGE_KEY, '{"kind":"employee","token":"t","user":{"role":"root"}}');
    actions$ = of({ type: ROOT_EFFECTS_INIT });
    expect(run(effects.restoreSession)).toEqual([AuthActions.sessionRestored({ session: null })]);
  });

  describe('after the session ends', () => {
    it('sends an employee to the login page, with the page to come back to after an expiry', () => {
      store.overrideSelector(selectSessionEnd, { as: 'manager', reason: 'expired' });
      actions$ = of(AuthActions.sessionExpired());
      run(effects.navigateAfterSessionEnd);
      expect(router.navigate).toHaveBeenCalledWith(['/login'], { queryParams: { returnUrl: '/deals/p1' } });
    });

    it('sends an employee who logged out to the login page', () => {
      store.overrideSelector(selectSessionEnd, { as: 'admin', reason: 'logout' });
      actions$ = of(AuthActions.logout());
      run(effects.navigateAfterSessionEnd);
      expect(router.navigateByUrl).toHaveBeenCalledWith('/login');
    });

    it('sends a signer to the notice to open the invitation link again', () => {
      store.overrideSelector(selectSessionEnd, { as: 'signer', reason: 'logout' });
      actions$ = of(AuthActions.logout());
      run(effects.navigateAfterSessionEnd);
      expect(router.navigateByUrl).toHaveBeenCalledWith('/session-ended');
    });
  });

  describe('token expiry', () => {
    /** A JWT-shaped token whose payload says `exp` (the signature is not read by the app). */
    const jwt = (expSeconds: number) => `h.${btoa(JSON.stringify({ sub: 'u', exp: expSeconds })).replace(/=+$/, '')}.s`;
    const now = Date.parse('2026-11-25T10:00:00.000Z');

    beforeEach(() => {
      jasmine.clock().install();
      jasmine.clock().mockDate(new Date(now));
    });
    afterEach(() => jasmine.clock().uninstall());

    it('does not restore a stored session whose token has lapsed, and forgets it', () => {
      storage.setItem(SESSION_STORAGE_KEY, JSON.stringify(employeeSession(AUDITOR, jwt(now / 1000 - 60))));
      actions$ = of({ type: ROOT_EFFECTS_INIT });
      expect(run(effects.restoreSession)).toEqual([AuthActions.sessionRestored({ session: null })]);
      expect(storage.getItem(SESSION_STORAGE_KEY)).toBeNull();
    });

    it('restores a stored session whose token is still valid', () => {
      const session = employeeSession(AUDITOR, jwt(now / 1000 + 600));
      storage.setItem(SESSION_STORAGE_KEY, JSON.stringify(session));
      actions$ = of({ type: ROOT_EFFECTS_INIT });
      expect(run(effects.restoreSession)).toEqual([AuthActions.sessionRestored({ session })]);
    });

    it('ends the session a little before its token lapses, and not after a logout', () => {
      const emitted: Action[] = [];
      actions$ = of(AuthActions.signerSessionStarted({ token: jwt(now / 1000 + 60), processId: 'p-1' }));
      TestBed.runInInjectionContext(effects.endSessionOnExpiry).subscribe((action) => emitted.push(action));
      jasmine.clock().tick(60_000 - effects.EXPIRY_MARGIN_MS - 1);
      expect(emitted).toEqual([]);
      jasmine.clock().tick(1);
      expect(emitted).toEqual([AuthActions.sessionExpired()]);
    });

    it('drops the pending expiry when the session ends first', () => {
      const emitted: Action[] = [];
      actions$ = of(AuthActions.loginSucceeded({ token: jwt(now / 1000 + 60), user: MANAGER }), AuthActions.logout());
      TestBed.runInInjectionContext(effects.endSessionOnExpiry).subscribe((action) => emitted.push(action));
      jasmine.clock().tick(120_000);
      expect(emitted).toEqual([]);
    });
  });
});
