import { ComponentFixture, TestBed } from '@angular/core/testing';
import { MockStore, provideMockStore } from '@ngrx/store/testing';
import { AuthActions } from '../core/auth/auth.actions';
import { problem, rootState } from '../testing/auth-fixtures';
import { LoginPage } from './login.page';

describe('LoginPage', () => {
  let fixture: ComponentFixture<LoginPage>;
  let store: MockStore;
  let page: HTMLElement;

  beforeEach(async () => {
    await TestBed.configureTestingModule({
      imports: [LoginPage],
      providers: [provideMockStore({ initialState: rootState() })],
    }).compileComponents();
    store = TestBed.inject(MockStore);
    spyOn(store, 'dispatch');
    fixture = TestBed.createComponent(LoginPage);
    page = fixture.nativeElement as HTMLElement;
    await fixture.whenStable();
  });

  const text = (selector: string) => page.querySelector(selector)?.textContent?.trim() ?? null;
  const input = (id: string) => page.querySelector<HTMLInputElement>(`#${id}`)!;
  const type = (id: string, value: string) => {
    input(id).value = value;
    input(id).dispatchEvent(new Event('input'));
  };
  const submit = async () => {
    page.querySelector<HTMLButtonElement>('button[type=submit]')!.click();
    await fixture.whenStable();
  };
  const showProblem = async (p: ReturnType<typeof problem>) => {
    store.setState(rootState({ loginProblem: p }));
    await fixture.whenStable();
  };

  it('renders the form in Russian, labelled for screen readers', () => {
    expect(text('h1')).toBe('Вход для сотрудников');
    expect(page.querySelector('label[for=login-login]')?.textContent).toContain('Логин');
    expect(page.querySelector('label[for=login-password]')?.textContent).toContain('Пароль');
    expect(text('button[type=submit]')).toBe('Войти');
    expect(input('login-password').type).toBe('password');
  });

  it('shows field errors instead of sending an empty form, and focuses the first bad field', async () => {
    await submit();
    expect(text('[data-test=login-error]')).toBe('Введите логин');
    expect(text('[data-test=password-error]')).toBe('Введите пароль');
    expect(input('login-login').getAttribute('aria-invalid')).toBe('true');
    expect(input('login-login').getAttribute('aria-describedby')).toBe('login-login-error');
    expect(document.activeElement).toBe(input('login-login'));
    expect(store.dispatch).not.toHaveBeenCalled();
  });

  it('sends the login and password', async () => {
    type('login-login', ' manager ');
    type('login-password', 'secret');
    await submit();
    expect(store.dispatch).toHaveBeenCalledOnceWith(AuthActions.loginRequested({ login: 'manager', password: 'secret' }));
  });

  it('says «Неверный логин или пароль» on 401', async () => {
    await showProblem(problem(401, 'unauthorized'));
    expect(text('[data-test=form-error]')).toBe('Неверный логин или пароль');
  });

  it('says how long to wait on 429', async () => {
    await showProblem(problem(429, 'rate-limited', { retryAfter: 541 }));
    expect(text('[data-test=form-error]')).toBe('Слишком много попыток, повторите через 10 мин.');
  });

  it("shows the server's field errors under their fields", async () => {
    await showProblem(problem(400, 'validation', { errors: [{ field: 'login', message: 'must be shorter', code: 'length' }] }));
    expect(text('[data-test=login-error]')).toBe('Недопустимая длина');
    expect(page.querySelector('[data-test=form-error]')).toBeNull();
  });

  it('disables the button while the login is pending', async () => {
    store.setState(rootState({ loginPending: true }));
    await fixture.whenStable();
    expect(page.querySelector<HTMLButtonElement>('button[type=submit]')!.disabled).toBeTrue();
    expect(text('button[type=submit]')).toBe('Вход…');
  });
});
