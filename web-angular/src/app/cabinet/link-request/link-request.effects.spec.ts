import { TestBed } from '@angular/core/testing';
import { provideMockActions } from '@ngrx/effects/testing';
import { firstValueFrom, of, throwError, type Observable } from 'rxjs';
import type { Action } from '@ngrx/store';
import { ApiClient } from '../../shared/api/api-client';
import { LinkRequestActions } from './link-request.actions';
import { requestNewLink } from './link-request.effects';
import { initialLinkRequestState, linkRequestFeature } from './link-request.feature';

describe('link request: effects and state', () => {
  let actions$: Observable<Action>;
  const api = jasmine.createSpyObj<ApiClient>('ApiClient', ['requestNewLink']);

  beforeEach(() => {
    TestBed.configureTestingModule({ providers: [provideMockActions(() => actions$), { provide: ApiClient, useValue: api }] });
  });

  it('posts the old link and says it is sent', async () => {
    api.requestNewLink.and.returnValue(of(undefined));
    actions$ = of(LinkRequestActions.requested({ inviteToken: 'old-token' }));
    const result = await TestBed.runInInjectionContext(() => firstValueFrom(requestNewLink()));
    expect(api.requestNewLink).toHaveBeenCalledWith('old-token');
    expect(result).toEqual(LinkRequestActions.sent());
  });

  it('reports a failure (no connection) so the signer may try again', async () => {
    api.requestNewLink.and.returnValue(throwError(() => new Error('offline')));
    actions$ = of(LinkRequestActions.requested({ inviteToken: 'old-token' }));
    const result = await TestBed.runInInjectionContext(() => firstValueFrom(requestNewLink()));
    expect(result.type).toBe(LinkRequestActions.failed.type);
  });

  it('moves idle → pending → sent', () => {
    const pending = linkRequestFeature.reducer(initialLinkRequestState, LinkRequestActions.requested({ inviteToken: 't' }));
    expect(pending.status).toBe('pending');
    expect(linkRequestFeature.reducer(pending, LinkRequestActions.sent()).status).toBe('sent');
  });
});
