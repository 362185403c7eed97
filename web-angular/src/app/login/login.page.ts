import { ChangeDetectionStrategy, Component, ElementRef, computed, inject, input, signal, viewChild } from '@angular/core';
import { NonNullableFormBuilder, ReactiveFormsModule, Validators, type AbstractControl } from '@angular/forms';
import { Store } from '@ngrx/store';
import { AuthActions } from '../core/auth/auth.actions';
import { selectLoginPending, selectLoginProblem, selectSessionEnd } from '../core/auth/auth.feature';
import { MESSAGES } from '../shared/i18n/messages.ru';
import { fieldErrorText, fieldErrorsByPath, problemText } from '../shared/i18n/problem-text';

type LoginField = 'login' | 'password';

/** Employees' sign-in: login and password; wrong ones and the rate limit are said in Russian. */
@Component({
  selector: 'app-login-page',
  imports: [ReactiveFormsModule],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './login.page.html',
  styleUrl: './login.page.less',
})
export class LoginPage {
  /** `?returnUrl=`: where the role guard stopped the user. */
  readonly returnUrl = input<string>();

  private readonly store = inject(Store);
  protected readonly t = MESSAGES;
  protected readonly pending = this.store.selectSignal(selectLoginPending);
  private readonly problem = this.store.selectSignal(selectLoginProblem);
  private readonly sessionEnd = this.store.selectSignal(selectSessionEnd);
  private readonly submitted = signal(false);
  private readonly loginInput = viewChild.required<ElementRef<HTMLInputElement>>('loginInput');
  private readonly passwordInput = viewChild.required<ElementRef<HTMLInputElement>>('passwordInput');

  protected readonly form = inject(NonNullableFormBuilder).group({
    login: ['', [Validators.required, Validators.maxLength(100)]],
    password: ['', [Validators.required, Validators.maxLength(200)]],
  });

  private readonly serverFieldErrors = computed(() => fieldErrorsByPath(this.problem()));

  /** The message above the form: wrong credentials, the rate limit, or whatever else went wrong. */
  protected readonly formError = computed(() => {
    const problem = this.problem();
    if (problem === null) return null;
    if (problem.status === 401) return MESSAGES.login.wrongCredentials;
    if (problem.status === 400 && problem.errors?.length) return null;
    return problemText(problem);
  });

  protected readonly notice = computed(() => {
    const end = this.sessionEnd();
    if (end === null || this.problem() !== null) return null;
    return end.reason === 'expired' ? MESSAGES.login.sessionExpired : MESSAGES.login.loggedOut;
  });

  /** A field's error: the client's check once touched or submitted, else the server's. */
  protected fieldError(name: LoginField): string | null {
    const control: AbstractControl = this.form.controls[name];
    const firstKey = control.errors ? Object.keys(control.errors)[0] : undefined;
    if (firstKey && (control.touched || this.submitted())) return fieldErrorText({ field: name, code: firstKey });
    return this.serverFieldErrors()[name] ?? null;
  }

  protected submit(): void {
    this.submitted.set(true);
    if (this.form.invalid) {
      this.form.markAllAsTouched();
      (this.form.controls.login.invalid ? this.loginInput() : this.passwordInput()).nativeElement.focus();
      return;
    }
    const { login, password } = this.form.getRawValue();
    const returnUrl = this.returnUrl();
    this.store.dispatch(AuthActions.loginRequested({ login: login.trim(), password, ...(returnUrl ? { returnUrl } : {}) }));
  }
}
