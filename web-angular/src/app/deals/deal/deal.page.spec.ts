import { TestBed, type ComponentFixture } from '@angular/core/testing';
import { provideRouter } from '@angular/router';
import { MockStore, provideMockStore } from '@ngrx/store/testing';
import { AUDITOR, employeeSession } from '../../testing/auth-fixtures';
import { DealActions, DealsApiActions } from '../deals.actions';
import { dealsFeature, initialDealsState } from '../deals.feature';
import { deal, dealPage } from '@e-contract/contracts/testing';
import { dealsRootState } from '../testing/deal-fixtures';
import { DealPage } from './deal.page';

describe('DealPage', () => {
  let fixture: ComponentFixture<DealPage>;
  let store: MockStore;
  let page: HTMLElement;
  const loaded = dealsFeature.reducer(initialDealsState, DealsApiActions.listLoaded({ page: dealPage([deal({ processId: 'p1' })]) }));

  async function render(user = employeeSession()) {
    await TestBed.configureTestingModule({
      imports: [DealPage],
      providers: [provideRouter([]), provideMockStore({ initialState: dealsRootState(loaded, { session: user }) })],
    }).compileComponents();
    store = TestBed.inject(MockStore);
    spyOn(store, 'dispatch');
    fixture = TestBed.createComponent(DealPage);
    fixture.componentRef.setInput('processId', 'p1');
    page = fixture.nativeElement as HTMLElement;
    await fixture.whenStable();
  }

  it('reads the deal and shows its facts in Russian, and the manager commands', async () => {
    await render();
    expect(store.dispatch).toHaveBeenCalledWith(DealActions.opened({ processId: 'p1' }));
    const facts = Array.from(page.querySelectorAll('.deal-page__timeline li span')).map((e) => e.textContent?.trim());
    expect(facts).toEqual(['Процесс подписания создан', 'Приглашение отправлено']);
    const buttons = Array.from(page.querySelectorAll('button')).map((b) => b.textContent?.trim());
    expect(buttons).toContain('Отправить приглашение повторно');
    expect(buttons).toContain('Напомнить подписанту');
    expect(page.querySelector('a[href="/deals/p1/trail"]')).toBeNull();
  });

  it('cancels only with a reason', async () => {
    await render();
    Array.from(page.querySelectorAll('button'))
      .find((b) => b.textContent?.trim() === 'Отменить')!
      .click();
    await fixture.whenStable();
    page.querySelector<HTMLButtonElement>('.deal-page__cancel button[type=submit]')!.click();
    await fixture.whenStable();
    expect(page.textContent).toContain('Укажите причину');
    const reason = page.querySelector<HTMLTextAreaElement>('#cancel-reason')!;
    reason.value = 'Клиент передумал';
    reason.dispatchEvent(new Event('input'));
    page.querySelector<HTMLButtonElement>('.deal-page__cancel button[type=submit]')!.click();
    expect(store.dispatch).toHaveBeenCalledWith(DealActions.cancelRequested({ processId: 'p1', reason: 'Клиент передумал' }));
  });

  it("shows the other system's reference of a request that has one", async () => {
    const withExternal = dealsFeature.reducer(
      initialDealsState,
      DealsApiActions.listLoaded({ page: dealPage([{ ...deal({ processId: 'p1' }), externalId: 'CRM-1001' }]) }),
    );
    await TestBed.configureTestingModule({
      imports: [DealPage],
      providers: [provideRouter([]), provideMockStore({ initialState: dealsRootState(withExternal, { session: employeeSession() }) })],
    }).compileComponents();
    fixture = TestBed.createComponent(DealPage);
    fixture.componentRef.setInput('processId', 'p1');
    await fixture.whenStable();
    const shown = (fixture.nativeElement as HTMLElement).querySelector('[data-test=external-id]');
    expect(shown?.textContent?.replace(/\s+/g, ' ').trim()).toBe('Внешний номер: CRM-1001');
  });

  async function renderDeal(shown: ReturnType<typeof deal>) {
    const state = dealsFeature.reducer(initialDealsState, DealsApiActions.listLoaded({ page: dealPage([shown]) }));
    await TestBed.configureTestingModule({
      imports: [DealPage],
      providers: [provideRouter([]), provideMockStore({ initialState: dealsRootState(state, { session: employeeSession() }) })],
    }).compileComponents();
    store = TestBed.inject(MockStore);
    spyOn(store, 'dispatch');
    fixture = TestBed.createComponent(DealPage);
    fixture.componentRef.setInput('processId', 'p1');
    page = fixture.nativeElement as HTMLElement;
    await fixture.whenStable();
  }

  it('shows the history as a timeline: every fact with its time and who recorded it, reminders and re-sent invitations included', async () => {
    const base = deal({ processId: 'p1' });
    const system = { id: 'system:notifications', role: 'system' };
    await renderDeal({
      ...base,
      history: [
        ...base.history,
        { fact: 'SignerReminded', at: '2026-11-21T10:00:00.000Z', actor: system },
        { fact: 'InvitationReissued', at: '2026-11-22T10:00:00.000Z', actor: { id: 'u-manager', role: 'manager' } },
        { fact: 'SignerInvited', at: '2026-11-22T10:00:01.000Z', actor: system },
      ],
    });
    const items = Array.from(page.querySelectorAll('[data-test=history] li'));
    expect(items.map((li) => li.querySelector('span')?.textContent?.trim())).toEqual([
      'Процесс подписания создан',
      'Приглашение отправлено',
      'Подписанту отправлено напоминание',
      'Приглашение отправлено повторно',
      'Приглашение отправлено',
    ]);
    expect(items[2]!.querySelector('small')?.textContent?.trim()).toBe('система');
    expect(items[3]!.querySelector('small')?.textContent?.trim()).toBe('менеджер');
    expect(items.every((li) => li.querySelector('time')?.getAttribute('datetime'))).toBeTrue();
  });

  it('sends a reminder by hand', async () => {
    await render();
    Array.from(page.querySelectorAll('button'))
      .find((b) => b.textContent?.trim() === 'Напомнить подписанту')!
      .click();
    expect(store.dispatch).toHaveBeenCalledWith(DealActions.reminderRequested({ processId: 'p1' }));
  });

  it('explains a failed identification in plain Russian with the tries left', async () => {
    const base = deal({ processId: 'p1', status: 'identification_failed' });
    await renderDeal({
      ...base,
      identification: {
        ...base.identification,
        failedAttempts: 1,
        attemptsLeft: 2,
        lastFailureReason: 'the ESIA account is not confirmed',
        lastFailureCheck: 'esia_account_confirmed',
      },
    });
    const notice = page.querySelector('[data-test=identification-failure]')?.textContent ?? '';
    expect(notice).toContain('учётная запись на Госуслугах не подтверждена');
    expect(notice).toContain('Осталось попыток идентификации: 2.');
  });

  it('shows that the signer asked for a new link after the process ended', async () => {
    await renderDeal(deal({ processId: 'p1', status: 'expired', linkRequestedAt: '2026-12-02T09:00:00.000Z' }));
    expect(page.querySelector('[data-test=link-requested]')?.textContent).toContain('Подписант просил новую ссылку');
    expect(page.textContent).not.toContain('Напомнить подписанту');
  });

  it('shows no reference line for a request without one', async () => {
    await render();
    expect(page.querySelector('[data-test=external-id]')).toBeNull();
  });

  it('links the auditor to the event journal, without commands', async () => {
    await render(employeeSession(AUDITOR));
    expect(page.querySelector('a[href="/deals/p1/trail"]')?.textContent?.trim()).toBe('Журнал событий');
    expect(page.textContent).not.toContain('Отправить приглашение повторно');
  });

  describe('after a command', () => {
    const reinvite = async () => {
      await render();
      Array.from(page.querySelectorAll('button'))
        .find((b) => b.textContent?.trim() === 'Отправить приглашение повторно')!
        .click();
      const state = dealsRootState(loaded, { session: employeeSession() });
      store.setState({ ...state, deals: { ...state.deals, commandPending: true } });
      await fixture.whenStable();
      return state;
    };

    it('tells the manager the invitation went out again and the old link no longer works', async () => {
      const state = await reinvite();
      store.setState({ ...state, deals: { ...state.deals, commandPending: false } });
      await fixture.whenStable();
      expect(page.querySelector('.notice--success')?.textContent).toContain('прежняя ссылка больше не действует');
    });

    it('shows the problem instead when the server refused', async () => {
      const state = await reinvite();
      const refused = { status: 409, type: 'x/process-ended', code: 'process-ended', title: '', detail: '' };
      store.setState({ ...state, deals: { ...state.deals, commandPending: false, commandError: refused } });
      await fixture.whenStable();
      expect(page.querySelector('.notice--success')).toBeNull();
      expect(page.querySelector('[role=alert]')?.textContent).toContain('Процесс подписания завершён');
    });
  });
});
