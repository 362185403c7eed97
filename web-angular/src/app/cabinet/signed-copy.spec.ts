import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { provideRouter } from '@angular/router';
import { provideMockActions } from '@ngrx/effects/testing';
import type { Action } from '@ngrx/store';
import { MockStore, provideMockStore } from '@ngrx/store/testing';
import { Observable, of, throwError, toArray } from 'rxjs';
import { ApiClient } from '../shared/api/api-client';
import { SAVE_BLOB } from '../shared/ui/save-blob';
import { problem } from '../testing/auth-fixtures';
import { CabinetActions } from './cabinet.actions';
import * as effects from './cabinet.effects';
import { cabinetFeature, initialCabinetState } from './cabinet.feature';
import { cabinetRootState, dealFixture } from './deal.fixture';
import { CabinetPage } from './documents/cabinet.page';
import { SigningFlowPage } from './process/signing-flow.page';

const LABEL = 'Скачать подписанную копию (PDF)';
const signedCopyButton = (page: HTMLElement) =>
  [...page.querySelectorAll<HTMLButtonElement>('button')].find((b) => b.textContent?.trim() === LABEL) ?? null;

describe('signed copy: the API client', () => {
  it('downloads GET /api/deals/:id/signed-copy as a Blob', () => {
    TestBed.configureTestingModule({ providers: [provideHttpClient(), provideHttpClientTesting()] });
    const http = TestBed.inject(HttpTestingController);
    let pdf: Blob | undefined;
    TestBed.inject(ApiClient)
      .downloadSignedCopy('p-1')
      .subscribe((b) => (pdf = b));
    const request = http.expectOne('/api/deals/p-1/signed-copy');
    expect(request.request.method).toBe('GET');
    expect(request.request.responseType).toBe('blob');
    request.flush(new Blob(['%PDF'], { type: 'application/pdf' }));
    expect(pdf?.type).toBe('application/pdf');
    http.verify();
  });
});

describe('signed copy: the cabinet effect', () => {
  let actions$: Observable<Action>;
  let api: jasmine.SpyObj<ApiClient>;
  let save: jasmine.Spy;

  beforeEach(() => {
    api = jasmine.createSpyObj<ApiClient>('ApiClient', ['downloadSignedCopy']);
    save = jasmine.createSpy('saveBlob');
    TestBed.configureTestingModule({
      providers: [
        provideMockActions(() => actions$),
        provideMockStore({ initialState: cabinetRootState() }),
        { provide: ApiClient, useValue: api },
        { provide: SAVE_BLOB, useValue: save },
      ],
    });
  });

  const run = (): Action[] => {
    let out: Action[] = [];
    TestBed.runInInjectionContext(effects.downloadSignedCopy)
      .pipe(toArray())
      .subscribe((all) => (out = all));
    return out;
  };

  it('saves the PDF under the name the server gives it', () => {
    const pdf = new Blob(['%PDF'], { type: 'application/pdf' });
    api.downloadSignedCopy.and.returnValue(of(pdf));
    actions$ = of(CabinetActions.signedCopyRequested({ processId: 'p-1' }));
    expect(run()).toEqual([]);
    expect(api.downloadSignedCopy).toHaveBeenCalledWith('p-1');
    expect(save).toHaveBeenCalledWith(pdf, 'signed-copy-p-1.pdf');
  });

  it('reports a refusal, which the steps and the list both show', () => {
    api.downloadSignedCopy.and.returnValue(throwError(() => problem(409, 'not-signed')));
    actions$ = of(CabinetActions.signedCopyRequested({ processId: 'p-1' }));
    const [action] = run();
    expect(action).toEqual(CabinetActions.signedCopyFailed({ problem: problem(409, 'not-signed') }));
    const state = cabinetFeature.reducer(initialCabinetState, action as ReturnType<typeof CabinetActions.signedCopyFailed>);
    expect(state.problem).toEqual(problem(409, 'not-signed'));
    expect(state.cabinetProblem).toEqual(problem(409, 'not-signed'));
    expect(save).not.toHaveBeenCalled();
  });
});

describe('signed copy: the done step and the cabinet', () => {
  let store: MockStore;

  it('the done step offers the signed copy, saying what it is', async () => {
    await TestBed.configureTestingModule({
      imports: [SigningFlowPage],
      providers: [
        provideRouter([]),
        provideMockStore({ initialState: cabinetRootState({ deal: dealFixture('signed'), documentUrls: {} }) }),
      ],
    }).compileComponents();
    store = TestBed.inject(MockStore);
    spyOn(store, 'dispatch');
    const fixture = TestBed.createComponent(SigningFlowPage);
    fixture.componentRef.setInput('processId', 'p-1');
    await fixture.whenStable();
    const page = fixture.nativeElement as HTMLElement;
    expect(page.textContent).toContain('лист подписания');
    signedCopyButton(page)!.click();
    expect(store.dispatch).toHaveBeenCalledWith(CabinetActions.signedCopyRequested({ processId: 'p-1' }));
  });

  it('no signed copy before signing', async () => {
    await TestBed.configureTestingModule({
      imports: [SigningFlowPage],
      providers: [
        provideRouter([]),
        provideMockStore({ initialState: cabinetRootState({ deal: dealFixture('code_sent'), documentUrls: {} }) }),
      ],
    }).compileComponents();
    const fixture = TestBed.createComponent(SigningFlowPage);
    fixture.componentRef.setInput('processId', 'p-1');
    await fixture.whenStable();
    expect(signedCopyButton(fixture.nativeElement as HTMLElement)).toBeNull();
  });

  it('the cabinet offers the copy of each signed deal, and only of those', async () => {
    const cabinet = {
      awaiting: [dealFixture('invited', { processId: 'p-open', title: 'Открытый' })],
      signed: [dealFixture('signed', { processId: 'p-signed', title: 'Подписанный' }), dealFixture('archived', { processId: 'p-arch' })],
      closed: [dealFixture('declined', { processId: 'p-closed' })],
    };
    await TestBed.configureTestingModule({
      imports: [CabinetPage],
      providers: [provideRouter([]), provideMockStore({ initialState: cabinetRootState({ cabinet }) })],
    }).compileComponents();
    store = TestBed.inject(MockStore);
    spyOn(store, 'dispatch');
    const fixture = TestBed.createComponent(CabinetPage);
    await fixture.whenStable();
    const page = fixture.nativeElement as HTMLElement;
    const buttons = [...page.querySelectorAll<HTMLButtonElement>('button')].filter((b) => b.textContent?.trim() === LABEL);
    expect(buttons.length).toBe(2);
    // Each names its deal for a screen reader, the visible words first (WCAG 2.5.3).
    expect(buttons[0]!.getAttribute('aria-label')).toBe(`${LABEL}: Подписанный`);
    expect(page.querySelector('#bucket-awaiting')!.closest('section')!.querySelector('button')).toBeNull();
    buttons[0]!.click();
    expect(store.dispatch).toHaveBeenCalledWith(CabinetActions.signedCopyRequested({ processId: 'p-signed' }));
  });
});
