import { TestBed } from '@angular/core/testing';
import { provideMockActions } from '@ngrx/effects/testing';
import type { Action } from '@ngrx/store';
import { provideMockStore } from '@ngrx/store/testing';
import { Observable, Subject, of, throwError, toArray } from 'rxjs';
import { ApiClient } from '../shared/api/api-client';
import type { Deal } from '../shared/api/api-types';
import { problem } from '../testing/auth-fixtures';
import { CabinetActions } from './cabinet.actions';
import * as effects from './cabinet.effects';
import { IDENTIFICATION_IN_NEW_WINDOW, LOCATION_ASSIGN, OBJECT_URLS, WINDOW_OPEN } from './browser-location';
import { cabinetRootState, dealFixture } from './deal.fixture';

describe('cabinet effects', () => {
  let actions$: Observable<Action>;
  let api: jasmine.SpyObj<ApiClient>;
  let assign: jasmine.Spy;

  beforeEach(() => {
    api = jasmine.createSpyObj<ApiClient>('ApiClient', [
      'getCabinet',
      'getDeal',
      'downloadDocument',
      'startIdentification',
      'getEdoAgreement',
      'acceptEdoAgreement',
      'requestSignatureCode',
      'submitSignature',
      'declineSigning',
    ]);
    assign = jasmine.createSpy('assign');
    TestBed.configureTestingModule({
      providers: [
        provideMockActions(() => actions$),
        provideMockStore({ initialState: cabinetRootState({ processId: 'p-1' }) }),
        { provide: ApiClient, useValue: api },
        { provide: LOCATION_ASSIGN, useValue: assign },
      ],
    });
  });

  const run = <T>(effect: () => Observable<T>): T[] => {
    let out: T[] = [];
    TestBed.runInInjectionContext(effect)
      .pipe(toArray())
      .subscribe((all) => (out = all));
    return out;
  };

  it('a wrong code answers with the attempts left', () => {
    api.submitSignature.and.returnValue(throwError(() => problem(422, 'code-rejected', { attemptsLeft: 2 })));
    actions$ = of(CabinetActions.signatureSubmitted({ processId: 'p-1', code: '123456' }));
    const [action] = run(effects.submitSignature);
    expect(api.submitSignature).toHaveBeenCalledWith('p-1', '123456');
    expect(action).toEqual(CabinetActions.signatureRejected({ problem: problem(422, 'code-rejected', { attemptsLeft: 2 }) }));
  });

  it('a right code refreshes the deal at the command position', () => {
    api.submitSignature.and.returnValue(of({ processId: 'p-1', revision: 7, position: '99', status: 'signed' as const }));
    actions$ = of(CabinetActions.signatureSubmitted({ processId: 'p-1', code: '123456' }));
    expect(run(effects.submitSignature)).toEqual([CabinetActions.commandSucceeded({ processId: 'p-1', position: '99' })]);
    actions$ = of(CabinetActions.commandSucceeded({ processId: 'p-1', position: '99' }));
    expect(run(effects.refreshAfterCommand)).toEqual([CabinetActions.dealRefreshRequested({ processId: 'p-1', minPosition: '99' })]);
  });

  it('429 on a code request carries Retry-After into the cooldown', () => {
    api.requestSignatureCode.and.returnValue(throwError(() => problem(429, 'code-rate-limited', { retryAfter: 300 })));
    actions$ = of(CabinetActions.codeRequested({ processId: 'p-1' }));
    const [action] = run(effects.requestCode);
    expect(action.type).toBe(CabinetActions.codeRequestFailed.type);
    const failed = action as ReturnType<typeof CabinetActions.codeRequestFailed>;
    expect(failed.problem.retryAfter).toBe(300);
    expect(failed.at).toBeGreaterThan(0);
  });

  it('a code issued carries the masked phone, the expiry and the fingerprint of what it signs', () => {
    api.requestSignatureCode.and.returnValue(
      of({
        processId: 'p-1',
        revision: 5,
        position: '50',
        channel: 'sms' as const,
        destination: '+7 900 ***-**-67',
        expiresAt: 'E',
        fingerprint: 'a1b2c3d4',
      }),
    );
    actions$ = of(CabinetActions.codeRequested({ processId: 'p-1' }));
    const [action] = run(effects.requestCode) as ReturnType<typeof CabinetActions.codeIssued>[];
    expect(action.destination).toBe('+7 900 ***-**-67');
    expect(action.expiresAt).toBe('E');
    expect(action.fingerprint).toBe('a1b2c3d4');
  });

  it('identification goes to the provider page', () => {
    api.startIdentification.and.returnValue(
      of({ processId: 'p-1', revision: 2, position: '3', requestId: 'r', redirectUrl: '/sandbox/esia?requestId=r' }),
    );
    actions$ = of(CabinetActions.identificationRequested({ processId: 'p-1' }));
    const started = run(effects.startIdentification);
    expect(started).toEqual([CabinetActions.identificationStarted({ redirectUrl: '/sandbox/esia?requestId=r' })]);
    actions$ = of(started[0]!);
    run(effects.goToIdentification);
    expect(assign).toHaveBeenCalledWith('/sandbox/esia?requestId=r');
  });

  it('after the identification page, polls the deal until it leaves identifying', () => {
    jasmine.clock().install();
    const answers: Deal[] = [dealFixture('identifying'), dealFixture('identifying'), dealFixture('identified')];
    api.getDeal.and.callFake(() => of(answers.shift() ?? dealFixture('identified')));
    const source = new Subject<Action>();
    actions$ = source;
    const seen: Action[] = [];
    TestBed.runInInjectionContext(effects.pollIdentification).subscribe((a) => seen.push(a));
    source.next(CabinetActions.flowOpened({ processId: 'p-1', identificationRequestId: 'r' }));
    try {
      jasmine.clock().tick(effects.POLL_INTERVAL_MS * 5 + 10);
    } finally {
      jasmine.clock().uninstall();
    }
    expect(seen.map((a) => (a as ReturnType<typeof CabinetActions.dealLoaded>).deal.status)).toEqual([
      'identifying',
      'identifying',
      'identified',
    ]);
    expect(api.getDeal).toHaveBeenCalledTimes(3);
  });

  it('in another system’s frame, opens identification in a new window and follows the deal meanwhile', () => {
    const open = jasmine.createSpy('open').and.returnValue(true);
    TestBed.overrideProvider(IDENTIFICATION_IN_NEW_WINDOW, { useValue: true });
    TestBed.overrideProvider(WINDOW_OPEN, { useValue: open });
    actions$ = of(CabinetActions.identificationStarted({ redirectUrl: '/sandbox/esia?requestId=r' }));
    run(effects.goToIdentification);
    expect(open).toHaveBeenCalledWith('/sandbox/esia?requestId=r');
    expect(assign).not.toHaveBeenCalled();

    jasmine.clock().install();
    const answers: Deal[] = [dealFixture('identifying'), dealFixture('identified')];
    api.getDeal.and.callFake(() => of(answers.shift() ?? dealFixture('identified')));
    const source = new Subject<Action>();
    actions$ = source;
    const seen: Action[] = [];
    TestBed.runInInjectionContext(effects.pollIdentification).subscribe((a) => seen.push(a));
    source.next(CabinetActions.identificationStarted({ redirectUrl: '/sandbox/esia?requestId=r' }));
    try {
      jasmine.clock().tick(effects.POLL_INTERVAL_MS * 4 + 10);
    } finally {
      jasmine.clock().uninstall();
    }
    expect(seen.map((a) => (a as ReturnType<typeof CabinetActions.dealLoaded>).deal.status)).toEqual(['identifying', 'identified']);
    expect(api.getDeal).toHaveBeenCalledWith('p-1');
  });

  it('on its own pages, does not poll after starting identification (the page leaves for the provider)', () => {
    jasmine.clock().install();
    const source = new Subject<Action>();
    actions$ = source;
    const seen: Action[] = [];
    TestBed.runInInjectionContext(effects.pollIdentification).subscribe((a) => seen.push(a));
    source.next(CabinetActions.identificationStarted({ redirectUrl: '/sandbox/esia?requestId=r' }));
    try {
      jasmine.clock().tick(effects.POLL_INTERVAL_MS * 3 + 10);
    } finally {
      jasmine.clock().uninstall();
    }
    expect(seen).toEqual([]);
    expect(api.getDeal).not.toHaveBeenCalled();
  });

  it('lets the object URLs go when the signer leaves the flow', () => {
    const revoke = jasmine.createSpy('revoke');
    TestBed.overrideProvider(OBJECT_URLS, { useValue: { create: () => 'blob:x', revoke } });
    actions$ = of(
      CabinetActions.documentLoaded({ documentId: 'd-1', url: 'blob:a' }),
      CabinetActions.documentLoaded({ documentId: 'd-2', url: 'blob:b' }),
      CabinetActions.flowLeft(),
    );
    run(effects.revokeDocuments);
    expect(revoke.calls.allArgs()).toEqual([['blob:a'], ['blob:b']]);
  });

  it('a 401-free cabinet load lists the buckets', () => {
    const cabinet = { awaiting: [dealFixture('invited')], signed: [], closed: [] };
    api.getCabinet.and.returnValue(of(cabinet));
    actions$ = of(CabinetActions.cabinetOpened());
    expect(run(effects.loadCabinet)).toEqual([CabinetActions.cabinetLoaded({ cabinet })]);
  });
});
