import { TestBed } from '@angular/core/testing';
import { provideMockActions } from '@ngrx/effects/testing';
import type { Action } from '@ngrx/store';
import { provideMockStore } from '@ngrx/store/testing';
import { Observable, of } from 'rxjs';
import { AuthActions } from '../core/auth/auth.actions';
import type { SignerSession } from '../core/auth/auth-session';
import { CabinetActions } from '../cabinet/cabinet.actions';
import { dealFixture } from '../cabinet/deal.fixture';
import { problem, rootState, signerSession } from '../testing/auth-fixtures';
import { postToParent } from './embed.effects';
import { PARENT_MESSAGES } from './parent-window';

describe('embedded page effects', () => {
  let actions$: Observable<Action>;
  let post: jasmine.Spy;

  function setUp(session: SignerSession = { ...signerSession('p-1'), embed: { token: 't', origin: 'https://cabinet.example.com' } }) {
    post = jasmine.createSpy('post');
    TestBed.configureTestingModule({
      providers: [
        provideMockActions(() => actions$),
        provideMockStore({ initialState: rootState({ session }) }),
        { provide: PARENT_MESSAGES, useValue: post },
      ],
    });
    TestBed.runInInjectionContext(postToParent).subscribe();
  }

  it('tells the framing page each step once, to the session’s origin only', () => {
    actions$ = of(
      CabinetActions.dealLoaded({ deal: dealFixture('invited') }),
      CabinetActions.dealLoaded({ deal: dealFixture('invited') }),
      CabinetActions.dealLoaded({ deal: dealFixture('identified') }),
      CabinetActions.dealLoaded({ deal: dealFixture('signed') }),
      CabinetActions.dealLoaded({ deal: dealFixture('archived') }),
    );
    setUp();
    expect(post.calls.allArgs()).toEqual(
      [
        ['ready', 'invited'],
        ['identified', 'identified'],
        ['signed', 'signed'],
      ].map(([type, status]) => [{ source: 'e-contract', type, processId: 'p-1', status }, 'https://cabinet.example.com']),
    );
  });

  it('tells an error when the deal cannot be read or the session ends', () => {
    actions$ = of(CabinetActions.dealFailed({ problem: problem(404, 'not-found') }), AuthActions.sessionExpired());
    setUp();
    expect(post.calls.allArgs()).toEqual([
      [{ source: 'e-contract', type: 'error', processId: 'p-1', status: null }, 'https://cabinet.example.com'],
      [{ source: 'e-contract', type: 'error', processId: 'p-1', status: null }, 'https://cabinet.example.com'],
    ]);
  });

  it('says nothing outside another system’s frame', () => {
    actions$ = of(CabinetActions.dealLoaded({ deal: dealFixture('signed') }));
    setUp(signerSession('p-1'));
    expect(post).not.toHaveBeenCalled();
  });
});
