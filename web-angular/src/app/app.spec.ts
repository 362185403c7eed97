import { TestBed } from '@angular/core/testing';
import { provideRouter } from '@angular/router';
import { MockStore, provideMockStore } from '@ngrx/store/testing';
import { App } from './app';
import { AuthActions } from './core/auth/auth.actions';
import { ADMIN, MANAGER, employeeSession, rootState, signerSession } from './testing/auth-fixtures';

describe('App shell', () => {
  let store: MockStore;

  beforeEach(async () => {
    await TestBed.configureTestingModule({
      imports: [App],
      providers: [provideRouter([]), provideMockStore({ initialState: rootState() })],
    }).compileComponents();
    store = TestBed.inject(MockStore);
  });

  const render = async () => {
    const fixture = TestBed.createComponent(App);
    await fixture.whenStable();
    return fixture.nativeElement as HTMLElement;
  };
  const links = (page: HTMLElement) =>
    [...page.querySelectorAll('.header__nav a')].map((a) => [a.textContent?.trim(), a.getAttribute('href')]);

  it('shows the product name and no navigation to nobody', async () => {
    const page = await render();
    expect(page.querySelector('.header__name')?.textContent).toBe('E-contract');
    expect(page.querySelector('.header__nav')).toBeNull();
    expect(page.querySelector('.header__logout')).toBeNull();
  });

  it('skips to the content without leaving the page', async () => {
    const page = await render();
    const skip = page.querySelector<HTMLAnchorElement>('.skip-link')!;
    expect(skip.textContent).toBe('Перейти к содержимому');
    const click = new MouseEvent('click', { cancelable: true });
    skip.dispatchEvent(click);
    expect(click.defaultPrevented).toBeTrue();
    expect(document.activeElement).toBe(page.querySelector('main'));
  });

  it("shows a manager's name, role and navigation", async () => {
    store.setState(rootState({ session: employeeSession(MANAGER) }));
    const page = await render();
    expect(page.querySelector('[data-test=user-name]')?.textContent).toBe('Мария Петрова');
    expect(page.querySelector('[data-test=user-role]')?.textContent).toBe('Менеджер');
    expect(links(page)).toEqual([
      ['Сделки', '/deals'],
      ['Новый запрос', '/deals/new'],
      ['Показатели', '/kpi'],
    ]);
  });

  it("shows an admin's read-model positions, integrations and webhooks too", async () => {
    store.setState(rootState({ session: employeeSession(ADMIN) }));
    const page = await render();
    expect(page.querySelector('[data-test=user-role]')?.textContent).toBe('Администратор');
    expect(links(page).map(([label]) => label)).toEqual(['Все сделки', 'Показатели', 'Проекции', 'Интеграции', 'Вебхуки']);
  });

  it('shows a signer their documents and logs out with «Выйти»', async () => {
    store.setState(rootState({ session: signerSession('p1') }));
    spyOn(store, 'dispatch');
    const page = await render();
    expect(page.querySelector('[data-test=user-role]')?.textContent).toBe('Подписант');
    expect(links(page)).toEqual([['Мои документы', '/cabinet']]);
    const logout = page.querySelector<HTMLButtonElement>('.header__logout')!;
    expect(logout.textContent?.trim()).toBe('Выйти');
    logout.click();
    expect(store.dispatch).toHaveBeenCalledOnceWith(AuthActions.logout());
  });
});
