import { HttpClient, provideHttpClient, withInterceptors } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { MockStore, provideMockStore } from '@ngrx/store/testing';
import { employeeSession, rootState } from '../../testing/auth-fixtures';
import { AuthActions } from '../auth/auth.actions';
import { authInterceptor } from './auth.interceptor';
import { problemInterceptor } from './problem.interceptor';

describe('authInterceptor', () => {
  let http: HttpClient;
  let controller: HttpTestingController;
  let store: MockStore;

  beforeEach(() => {
    TestBed.configureTestingModule({
      providers: [
        provideHttpClient(withInterceptors([authInterceptor, problemInterceptor])),
        provideHttpClientTesting(),
        provideMockStore({ initialState: rootState({ session: employeeSession(undefined, 'jwt-1') }) }),
      ],
    });
    http = TestBed.inject(HttpClient);
    controller = TestBed.inject(HttpTestingController);
    store = TestBed.inject(MockStore);
    spyOn(store, 'dispatch');
  });

  afterEach(() => controller.verify());

  it("adds the session's bearer token to API calls", () => {
    http.get('/api/deals').subscribe();
    expect(controller.expectOne('/api/deals').request.headers.get('Authorization')).toBe('Bearer jwt-1');
  });

  it('sends no token to the calls that open a session, nor outside the API', () => {
    http.post('/api/auth/login', {}).subscribe();
    expect(controller.expectOne('/api/auth/login').request.headers.has('Authorization')).toBeFalse();
    http.get('/favicon.svg', { responseType: 'text' }).subscribe();
    expect(controller.expectOne('/favicon.svg').request.headers.has('Authorization')).toBeFalse();
  });

  it('sends no token when nobody is signed in', () => {
    store.setState(rootState());
    http.get('/api/deals').subscribe();
    expect(controller.expectOne('/api/deals').request.headers.has('Authorization')).toBeFalse();
  });

  it('ends the session when the API refuses its token', async () => {
    const done = new Promise<void>((resolve) => http.get('/api/deals').subscribe({ error: () => resolve() }));
    controller
      .expectOne('/api/deals')
      .flush({ type: 'https://e-contract.dev/problems/unauthorized', status: 401 }, { status: 401, statusText: 'Unauthorized' });
    await done;
    expect(store.dispatch).toHaveBeenCalledOnceWith(AuthActions.sessionExpired());
  });

  it('does not end the session on a 403', async () => {
    const done = new Promise<void>((resolve) => http.get('/api/admin/projections').subscribe({ error: () => resolve() }));
    controller.expectOne('/api/admin/projections').flush({ status: 403 }, { status: 403, statusText: 'Forbidden' });
    await done;
    expect(store.dispatch).not.toHaveBeenCalled();
  });
});
