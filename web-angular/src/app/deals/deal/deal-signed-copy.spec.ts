import { TestBed } from '@angular/core/testing';
import { provideRouter } from '@angular/router';
import { provideMockActions } from '@ngrx/effects/testing';
import type { Action } from '@ngrx/store';
import { MockStore, provideMockStore } from '@ngrx/store/testing';
import { Observable, of, throwError, toArray } from 'rxjs';
import { deal, dealPage } from '@e-contract/contracts/testing';
import type { ProcessStatus } from '../../shared/api/api-types';
import { ApiClient } from '../../shared/api/api-client';
import { SAVE_BLOB } from '../../shared/ui/save-blob';
import { AUDITOR, employeeSession, problem } from '../../testing/auth-fixtures';
import { DealActions, DealsApiActions } from '../deals.actions';
import * as effects from '../deals.effects';
import { dealsFeature, initialDealsState } from '../deals.feature';
import { dealsRootState } from '../testing/deal-fixtures';
import { DealPage } from './deal.page';

const LABEL = 'Скачать подписанную копию (PDF)';

describe("signed copy on the manager's deal page", () => {
  async function render(status: ProcessStatus, user = employeeSession()) {
    const loaded = dealsFeature.reducer(
      initialDealsState,
      DealsApiActions.listLoaded({ page: dealPage([deal({ processId: 'p1', status })]) }),
    );
    await TestBed.configureTestingModule({
      imports: [DealPage],
      providers: [provideRouter([]), provideMockStore({ initialState: dealsRootState(loaded, { session: user }) })],
    }).compileComponents();
    const store = TestBed.inject(MockStore);
    spyOn(store, 'dispatch');
    const fixture = TestBed.createComponent(DealPage);
    fixture.componentRef.setInput('processId', 'p1');
    await fixture.whenStable();
    const page = fixture.nativeElement as HTMLElement;
    const button = [...page.querySelectorAll<HTMLButtonElement>('button')].find((b) => b.textContent?.trim() === LABEL) ?? null;
    return { store, button };
  }

  for (const status of ['signed', 'archived'] as const) {
    it(`offers the signed copy of a ${status} deal`, async () => {
      const { store, button } = await render(status);
      button!.click();
      expect(store.dispatch).toHaveBeenCalledWith(DealActions.signedCopyRequested({ processId: 'p1' }));
    });
  }

  it('offers it to the auditor too', async () => {
    expect((await render('archived', employeeSession(AUDITOR))).button).not.toBeNull();
  });

  it('offers nothing before signing', async () => {
    expect((await render('code_sent')).button).toBeNull();
  });
});

describe('signed copy: the deals effect', () => {
  let actions$: Observable<Action>;
  let api: jasmine.SpyObj<ApiClient>;
  let save: jasmine.Spy;

  beforeEach(() => {
    api = jasmine.createSpyObj<ApiClient>('ApiClient', ['downloadSignedCopy']);
    save = jasmine.createSpy('saveBlob');
    TestBed.configureTestingModule({
      providers: [provideMockActions(() => actions$), { provide: ApiClient, useValue: api }, { provide: SAVE_BLOB, useValue: save }],
    });
  });

  const run = (): Action[] => {
    let out: Action[] = [];
    TestBed.runInInjectionContext(effects.downloadSignedCopy)
      .pipe(toArray())
      .subscribe((all) => (out = all));
    return out;
  };

  it('saves the PDF', () => {
    const pdf = new Blob(['%PDF'], { type: 'application/pdf' });
    api.downloadSignedCopy.and.returnValue(of(pdf));
    actions$ = of(DealActions.signedCopyRequested({ processId: 'p1' }));
    expect(run()).toEqual([]);
    expect(save).toHaveBeenCalledWith(pdf, 'signed-copy-p1.pdf');
  });

  it('shows a refusal where the download errors show', () => {
    api.downloadSignedCopy.and.returnValue(throwError(() => problem(409, 'not-signed')));
    actions$ = of(DealActions.signedCopyRequested({ processId: 'p1' }));
    expect(run()).toEqual([DealActions.documentDownloadFailed({ problem: problem(409, 'not-signed') })]);
  });
});
