import { TestBed, type ComponentFixture } from '@angular/core/testing';
import { provideRouter } from '@angular/router';
import { MockStore, provideMockStore } from '@ngrx/store/testing';
import { AUDITOR, employeeSession } from '../../testing/auth-fixtures';
import { DealsBoardActions } from '../deals.actions';
import { dealsFeature, initialDealsState } from '../deals.feature';
import { DealsApiActions } from '../deals.actions';
import { deal, dealPage } from '@e-contract/contracts/testing';
import { dealsRootState } from '../testing/deal-fixtures';
import { DealsBoardPage } from './deals-board.page';

describe('DealsBoardPage', () => {
  let fixture: ComponentFixture<DealsBoardPage>;
  let store: MockStore;
  let page: HTMLElement;
  const hour = 60 * 60 * 1000;

  const withDeals = (...items: ReturnType<typeof deal>[]) =>
    dealsFeature.reducer(initialDealsState, DealsApiActions.listLoaded({ page: dealPage(items) }));

  async function render(state: ReturnType<typeof dealsRootState>) {
    await TestBed.configureTestingModule({
      imports: [DealsBoardPage],
      providers: [provideRouter([]), provideMockStore({ initialState: state })],
    }).compileComponents();
    store = TestBed.inject(MockStore);
    spyOn(store, 'dispatch');
    fixture = TestBed.createComponent(DealsBoardPage);
    page = fixture.nativeElement as HTMLElement;
    await fixture.whenStable();
  }

  it('asks for the list on opening and renders a row per deal', async () => {
    await render(
      dealsRootState(withDeals(deal({ processId: 'a' }), deal({ processId: 'b', signer: { companyName: 'ООО «Ромашка»' } })), {
        session: employeeSession(),
      }),
    );
    expect(store.dispatch).toHaveBeenCalledWith(DealsBoardActions.opened());
    const rows = page.querySelectorAll('tbody tr.deals-board__row');
    expect(rows.length).toBe(2);
    expect(page.textContent).toContain('ООО «Ромашка»');
    expect(page.textContent).toContain('Приглашение отправлено');
    expect(page.querySelector('a[href="/deals/new"]')?.textContent?.trim()).toBe('Новый запрос');
  });

  it("shows the other system's reference under the title of a deal that has one", async () => {
    await render(
      dealsRootState(withDeals({ ...deal({ processId: 'a' }), externalId: 'CRM-1001' }, deal({ processId: 'b' })), {
        session: employeeSession(),
      }),
    );
    const references = Array.from(page.querySelectorAll('.deals-board__external-id')).map((e) => e.textContent?.trim());
    expect(references).toEqual(['CRM-1001']);
  });

  it('marks deals expiring within a day or expired, not ended ones', async () => {
    const now = Date.now();
    await render(
      dealsRootState(
        withDeals(
          deal({ processId: 'soon', expiresAt: new Date(now + 2 * hour).toISOString(), updatedAt: '2026-11-20T10:00:03.000Z' }),
          deal({ processId: 'late', expiresAt: new Date(now - hour).toISOString(), updatedAt: '2026-11-20T10:00:02.000Z' }),
          deal({
            processId: 'done',
            status: 'signed',
            expiresAt: new Date(now + hour).toISOString(),
            updatedAt: '2026-11-20T10:00:01.000Z',
          }),
          deal({ processId: 'calm', expiresAt: new Date(now + 72 * hour).toISOString(), updatedAt: '2026-11-20T10:00:00.000Z' }),
        ),
        { session: employeeSession(AUDITOR) },
      ),
    );
    const rows = Array.from(page.querySelectorAll('tbody tr.deals-board__row'));
    const marks = rows.map((row) => row.querySelector('.expiry-mark')?.className ?? null);
    expect(marks).toEqual(['expiry-mark expiry-mark--soon', 'expiry-mark expiry-mark--expired', null, null]);
    expect(page.querySelector('a[href="/deals/new"]')).toBeNull();
  });

  it('shows a deal that arrives from the stream without reloading', async () => {
    const state = dealsRootState(withDeals(deal({ processId: 'a' })), { session: employeeSession() });
    await render(state);
    const next = dealsFeature.reducer(
      state.deals,
      DealsApiActions.dealStreamed({ deal: deal({ processId: 'z', position: '999', title: 'Новая сделка' }) }),
    );
    store.setState({ ...state, deals: next });
    await fixture.whenStable();
    expect(page.textContent).toContain('Новая сделка');
  });

  it('sends the filters', async () => {
    await render(dealsRootState(withDeals(), { session: employeeSession() }));
    const select = page.querySelector<HTMLSelectElement>('select[name=status]')!;
    select.value = 'signed';
    select.dispatchEvent(new Event('change'));
    page.querySelector<HTMLButtonElement>('button[type=submit]')!.click();
    expect(store.dispatch).toHaveBeenCalledWith(DealsBoardActions.filtersChanged({ filters: { status: 'signed' } }));
  });

  it('shows auditors every branch by name, with a branch column and a select of the catalogue; managers neither', async () => {
    await render(dealsRootState(withDeals(deal({ processId: 'a', branchId: 'spb' })), { session: employeeSession(AUDITOR) }));
    const headers = Array.from(page.querySelectorAll('thead th')).map((th) => th.textContent?.trim());
    expect(headers).toContain('Филиал');
    expect(page.querySelector('tbody tr.deals-board__row')?.textContent).toContain('Санкт-Петербург');
    expect(page.querySelector('tbody tr.deals-board__row')?.textContent).not.toContain('spb');
    const branch = page.querySelector<HTMLSelectElement>('select[name=branchId]')!;
    expect(Array.from(branch.options).map((option) => option.textContent?.trim())).toEqual(['Все филиалы', 'Москва', 'Санкт-Петербург']);
    branch.value = 'spb';
    branch.dispatchEvent(new Event('change'));
    page.querySelector<HTMLButtonElement>('button[type=submit]')!.click();
    expect(store.dispatch).toHaveBeenCalledWith(DealsBoardActions.filtersChanged({ filters: { branchId: 'spb' } }));
  });

  it('sorts by a column header: ascending first, then descending, with aria-sort on the sorted column', async () => {
    await render(dealsRootState({ ...withDeals(deal({ processId: 'a' })), sort: 'title' }, { session: employeeSession() }));
    const title = page.querySelector('[data-test=sort-title]')!.closest('th')!;
    expect(title.getAttribute('aria-sort')).toBe('ascending');
    expect(page.querySelector('[data-test=sort-updatedAt]')!.closest('th')!.hasAttribute('aria-sort')).toBeFalse();
    page.querySelector<HTMLButtonElement>('[data-test=sort-title]')!.click();
    expect(store.dispatch).toHaveBeenCalledWith(DealsBoardActions.sortChanged({ sort: '-title' }));
    page.querySelector<HTMLButtonElement>('[data-test=sort-expiresAt]')!.click();
    expect(store.dispatch).toHaveBeenCalledWith(DealsBoardActions.sortChanged({ sort: 'expiresAt' }));
  });

  it('counts the deals per status in chips, «Требуют действий» among them, each a filter', async () => {
    const counts = { invited: 3, identification_failed: 1, declined: 2, signed: 4 };
    await render(dealsRootState({ ...withDeals(deal({ processId: 'a' })), statusCounts: counts }, { session: employeeSession() }));
    expect(page.querySelector('[data-test=count-all]')?.textContent).toContain('10');
    expect(page.querySelector('[data-test=count-needs-action]')?.textContent).toContain('Требуют действий');
    expect(page.querySelector('[data-test=count-needs-action]')?.textContent).toContain('3');
    expect(page.querySelector('[data-test=count-signed]')?.textContent).toContain('4');
    expect(page.querySelector('[data-test=count-expired]')).toBeNull();
    page.querySelector<HTMLButtonElement>('[data-test=count-needs-action]')!.click();
    expect(store.dispatch).toHaveBeenCalledWith(
      DealsBoardActions.filtersChanged({ filters: { status: ['identification_failed', 'declined', 'expired'] } }),
    );
    page.querySelector<HTMLButtonElement>('[data-test=count-signed]')!.click();
    expect(store.dispatch).toHaveBeenCalledWith(DealsBoardActions.filtersChanged({ filters: { status: 'signed' } }));
  });

  it('marks the «Требуют действий» view as pressed and keeps it in the status select', async () => {
    const filters = { status: ['identification_failed', 'declined', 'expired'] as ('identification_failed' | 'declined' | 'expired')[] };
    await render(dealsRootState({ ...withDeals(), filters, statusCounts: { declined: 1 } }, { session: employeeSession() }));
    expect(page.querySelector('[data-test=count-needs-action]')?.getAttribute('aria-pressed')).toBe('true');
    expect(page.querySelector('[data-test=count-all]')?.getAttribute('aria-pressed')).toBe('false');
    expect(page.querySelector<HTMLSelectElement>('select[name=status]')!.value).toBe('needsAction');
  });

  it('invites a manager with no deals to the first request; with filters, offers to reset them', async () => {
    await render(dealsRootState(withDeals(), { session: employeeSession() }));
    const empty = page.querySelector('[data-test=board-empty]')!;
    expect(empty.textContent).toContain('Запросов на подписание пока нет');
    expect(empty.querySelector('[data-test=empty-new-request]')?.getAttribute('href')).toBe('/deals/new');
    TestBed.resetTestingModule();
    await render(dealsRootState({ ...withDeals(), filters: { status: 'signed' } }, { session: employeeSession() }));
    expect(page.querySelector('[data-test=board-empty]')?.textContent).toContain('Сбросить фильтры');
    expect(page.querySelector('[data-test=empty-new-request]')).toBeNull();
  });

  it('keeps its column widths: a fixed table layout with a width for every column', async () => {
    await render(dealsRootState(withDeals(deal({ processId: 'a' })), { session: employeeSession(AUDITOR) }));
    const table = page.querySelector<HTMLTableElement>('table.deals-board__table')!;
    expect(getComputedStyle(table).tableLayout).toBe('fixed');
    expect(table.querySelectorAll('col').length).toBe(table.querySelectorAll('thead th').length);
  });

  it('gives a manager no branch column or filter (their own branch only)', async () => {
    await render(dealsRootState(withDeals(deal({ processId: 'a' })), { session: employeeSession() }));
    const headers = Array.from(page.querySelectorAll('thead th')).map((th) => th.textContent?.trim());
    expect(headers).not.toContain('Филиал');
    expect(page.querySelector('[name=branchId]')).toBeNull();
  });

  it('opens and closes the other filters with a toggle that says its state (phones show the search alone)', async () => {
    await render(dealsRootState(withDeals(), { session: employeeSession() }));
    const toggle = page.querySelector<HTMLButtonElement>('.deals-board__filters-toggle')!;
    const form = page.querySelector('#deal-filters')!;
    expect(toggle.getAttribute('aria-controls')).toBe('deal-filters');
    expect(toggle.getAttribute('aria-expanded')).toBe('false');
    expect(form.classList).not.toContain('deals-board__filters--open');
    toggle.click();
    await fixture.whenStable();
    expect(toggle.getAttribute('aria-expanded')).toBe('true');
    expect(toggle.textContent?.trim()).toBe('Скрыть фильтры');
    expect(form.classList).toContain('deals-board__filters--open');
  });

  it('says a date that does not exist at its field and does not search with it', async () => {
    await render(dealsRootState(withDeals(), { session: employeeSession() }));
    const from = page.querySelector<HTMLInputElement>('#filter-created-from')!;
    from.value = '31.02.2026';
    from.dispatchEvent(new Event('input'));
    from.dispatchEvent(new Event('blur'));
    await fixture.whenStable();
    expect(page.querySelector('#filter-created-from-error')?.textContent).toContain('ДД.ММ.ГГГГ');
    expect(from.getAttribute('aria-describedby')).toBe('filter-created-from-error');
    page.querySelector<HTMLButtonElement>('button[type=submit]')!.click();
    expect(store.dispatch).not.toHaveBeenCalledWith(jasmine.objectContaining({ type: DealsBoardActions.filtersChanged.type }));
  });

  it('searches from a Russian date as an ISO calendar date', async () => {
    await render(dealsRootState(withDeals(), { session: employeeSession() }));
    const from = page.querySelector<HTMLInputElement>('#filter-created-from')!;
    from.value = '01112026';
    from.dispatchEvent(new Event('input'));
    page.querySelector<HTMLButtonElement>('button[type=submit]')!.click();
    expect(store.dispatch).toHaveBeenCalledWith(DealsBoardActions.filtersChanged({ filters: { createdFrom: '2026-11-01' } }));
  });
});
