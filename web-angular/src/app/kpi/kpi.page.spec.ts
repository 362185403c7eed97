import { ComponentFixture, TestBed } from '@angular/core/testing';
import { MockStore, provideMockStore } from '@ngrx/store/testing';
import { initialBranchesState } from '../shared/branches/branches.feature';
import { BRANCHES } from '../deals/testing/deal-fixtures';
import { AUDITOR, employeeSession, MANAGER, rootState } from '../testing/auth-fixtures';
import { KpiActions } from './kpi.actions';
import { initialKpiState } from './kpi.feature';
import { stats } from '@e-contract/contracts/testing';
import { KpiPage } from './kpi.page';

describe('KpiPage', () => {
  let fixture: ComponentFixture<KpiPage>;
  let store: MockStore;
  let page: HTMLElement;

  const stateWith = (user = AUDITOR) => ({
    ...rootState({ session: employeeSession(user) }),
    kpi: { ...initialKpiState, stats: stats() },
    branches: { ...initialBranchesState, branches: BRANCHES },
  });

  const create = async (user = AUDITOR) => {
    await TestBed.configureTestingModule({
      imports: [KpiPage],
      providers: [provideMockStore({ initialState: stateWith(user) })],
    }).compileComponents();
    store = TestBed.inject(MockStore);
    spyOn(store, 'dispatch');
    fixture = TestBed.createComponent(KpiPage);
    page = fixture.nativeElement as HTMLElement;
    await fixture.whenStable();
  };

  const text = (selector: string) => page.querySelector(selector)?.textContent?.trim();

  it('asks for the statistics of the last 30 days on opening', async () => {
    await create();
    const action = (store.dispatch as jasmine.Spy).calls.mostRecent().args[0] as ReturnType<typeof KpiActions.queryChanged>;
    expect(action.type).toBe(KpiActions.queryChanged.type);
    expect(action.query.from).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    expect(action.query.to).toMatch(/^\d{4}-\d{2}-\d{2}$/);
  });

  it('formats the times to sign in Russian minutes and hours, and the 10-minute share', async () => {
    await create();
    expect(text('[data-test=median]')).toBe('7 мин');
    expect(text('[data-test=p90]')).toBe('2 ч 05 мин');
    expect(text('[data-test=within10]')).toContain('80');
    expect(text('[data-test=total]')).toBe('12');
  });

  it('shows counts by status in Russian and a table under each chart', async () => {
    await create();
    expect(page.textContent).toContain('Подписан');
    expect(page.querySelectorAll('app-bar-chart canvas').length).toBe(2);
    expect(page.querySelectorAll('.kpi-alt table').length).toBe(2);
    expect(page.querySelector('.kpi-alt table tbody tr')?.textContent).toContain('23.11.2026');
  });

  it('offers no branch filter to a manager (their own branch only)', async () => {
    await create(MANAGER);
    expect(page.querySelector('input[name=branchId]')).toBeNull();
  });
});
