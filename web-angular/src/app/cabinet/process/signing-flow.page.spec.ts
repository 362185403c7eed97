import { ComponentFixture, TestBed } from '@angular/core/testing';
import { provideRouter } from '@angular/router';
import { MockStore, provideMockStore } from '@ngrx/store/testing';
import type { ProcessStatus } from '../../shared/api/api-types';
import { CabinetActions } from '../cabinet.actions';
import type { CabinetState } from '../cabinet.feature';
import { cabinetRootState, dealFixture } from '../deal.fixture';
import { SigningFlowPage } from './signing-flow.page';
import { LinkRequestActions } from '../link-request/link-request.actions';
import { initialLinkRequestState } from '../link-request/link-request.feature';

describe('SigningFlowPage', () => {
  let fixture: ComponentFixture<SigningFlowPage>;
  let store: MockStore;
  let page: HTMLElement;

  const render = async (status: ProcessStatus, extra: Partial<CabinetState> = {}, sessionProcessId = 'p-1') => {
    await TestBed.configureTestingModule({
      imports: [SigningFlowPage],
      providers: [
        provideRouter([]),
        provideMockStore({ initialState: cabinetRootState({ deal: dealFixture(status), documentUrls: {}, ...extra }, sessionProcessId) }),
      ],
    }).compileComponents();
    store = TestBed.inject(MockStore);
    spyOn(store, 'dispatch');
    fixture = TestBed.createComponent(SigningFlowPage);
    fixture.componentRef.setInput('processId', 'p-1');
    page = fixture.nativeElement as HTMLElement;
    await fixture.whenStable();
  };

  const stepHeading = () => page.querySelector('.flow__heading')?.textContent?.trim();

  it('opens the flow for its process', async () => {
    await render('identified');
    expect(store.dispatch).toHaveBeenCalledWith(CabinetActions.flowOpened({ processId: 'p-1', identificationRequestId: null }));
  });

  it('identified → the EDO agreement with its consent', async () => {
    await render('identified', {
      agreement: { version: '2026-01', sha256: 'cd'.repeat(32), text: 'Текст соглашения' },
    });
    expect(stepHeading()).toBe('Соглашение об электронном документообороте');
    expect(page.textContent).toContain('Текст соглашения');
    expect(page.textContent).toContain('2026-01');
    const accept = [...page.querySelectorAll('button')].find((b) => b.textContent?.trim() === 'Принять')!;
    expect(accept.disabled).toBeTrue();
    page.querySelector<HTMLInputElement>('input[type="checkbox"]')!.click();
    await fixture.whenStable();
    expect(accept.disabled).toBeFalse();
    accept.click();
    expect(store.dispatch).toHaveBeenCalledWith(CabinetActions.agreementAcceptRequested({ processId: 'p-1', version: '2026-01' }));
  });

  it('edo_accepted (a reused acceptance too) → «Получить код»', async () => {
    await render('edo_accepted');
    expect(stepHeading()).toBe('Подписание кодом из SMS');
    const get = [...page.querySelectorAll('button')].find((b) => b.textContent?.trim() === 'Получить код')!;
    get.click();
    expect(store.dispatch).toHaveBeenCalledWith(CabinetActions.codeRequested({ processId: 'p-1' }));
  });

  it('code_sent → the code input with the phone', async () => {
    await render('code_sent', {
      code: { destination: '+7 900 ***-**-67', expiresAt: new Date(Date.now() + 120_000).toISOString(), fingerprint: 'a1b2c3d4' },
    });
    expect(stepHeading()).toBe('Подписание кодом из SMS');
    expect(page.querySelector('#signature-code')).not.toBeNull();
    expect(page.textContent).toContain('+7 900 ***-**-67');
  });

  it('signed → «Документы подписаны» with downloads and no decline', async () => {
    await render('signed', { documentUrls: { 'd-1': 'blob:http://localhost/abc' } });
    expect(stepHeading()).toBe('Документы подписаны');
    expect(page.querySelector('a[download="contract.pdf"]')).not.toBeNull();
    expect(page.textContent).not.toContain('Отказаться от подписания');
  });

  it('offers to decline at an open step', async () => {
    await render('identified');
    const decline = [...page.querySelectorAll('button')].find((b) => b.textContent?.trim() === 'Отказаться от подписания')!;
    decline.click();
    await fixture.whenStable();
    const reason = page.querySelector<HTMLTextAreaElement>('#decline-reason')!;
    reason.value = 'Не согласен с условиями';
    reason.dispatchEvent(new Event('input'));
    reason.form!.requestSubmit();
    expect(store.dispatch).toHaveBeenCalledWith(CabinetActions.declineRequested({ processId: 'p-1', reason: 'Не согласен с условиями' }));
  });

  it('shows another process of the same person for reading only: no steps, no actions, how to sign it', async () => {
    await render('invited', {}, 'p-own');
    expect(stepHeading()).toBe('Прочитайте документы');
    expect(page.textContent).toContain('подписать — по ссылке из SMS или письма');
    expect(page.querySelector('.flow__steps')).toBeNull();
    const buttons = [...page.querySelectorAll('button')].map((b) => b.textContent?.trim());
    expect(buttons).not.toContain('Документы прочитаны, продолжить');
    expect(buttons).not.toContain('Отказаться от подписания');
  });

  describe('dead ends and failures explained', () => {
    const renderDeal = async (deal: ReturnType<typeof dealFixture>, inviteToken?: string) => {
      const state = cabinetRootState({ deal, documentUrls: {}, documentsReviewed: true });
      const session = { ...state.auth.session!, ...(inviteToken ? { inviteToken } : {}) };
      await TestBed.configureTestingModule({
        imports: [SigningFlowPage],
        providers: [
          provideRouter([]),
          provideMockStore({ initialState: { ...state, auth: { ...state.auth, session }, linkRequest: initialLinkRequestState } }),
        ],
      }).compileComponents();
      store = TestBed.inject(MockStore);
      spyOn(store, 'dispatch');
      fixture = TestBed.createComponent(SigningFlowPage);
      fixture.componentRef.setInput('processId', 'p-1');
      page = fixture.nativeElement as HTMLElement;
      await fixture.whenStable();
    };

    it('says why identification failed, what to do and the tries left', async () => {
      const failed = dealFixture('identification_failed');
      await renderDeal({
        ...failed,
        identification: {
          ...failed.identification,
          failedAttempts: 1,
          attemptsLeft: 2,
          lastFailureReason: 'the ESIA account is not confirmed',
          lastFailureCheck: 'esia_account_confirmed',
        },
      });
      const notice = page.querySelector('[data-test=identification-failure]')?.textContent ?? '';
      expect(notice).toContain('Идентификация не пройдена.');
      expect(notice).toContain('учётная запись на Госуслугах не подтверждена');
      expect(notice).toContain('Осталось попыток идентификации: 2.');
      expect(notice).not.toContain('ESIA');
    });

    it('offers a new link once the signer declined', async () => {
      await renderDeal(dealFixture('declined'), 'invite-token-1');
      const button = [...page.querySelectorAll('button')].find((b) => b.textContent?.trim() === 'Отправить мне новую ссылку')!;
      button.click();
      expect(store.dispatch).toHaveBeenCalledWith(LinkRequestActions.requested({ inviteToken: 'invite-token-1' }));
    });

    it('offers no new link without the link that opened the session (an embedded session)', async () => {
      await renderDeal(dealFixture('expired'));
      expect(page.textContent).not.toContain('Отправить мне новую ссылку');
    });
  });
});
