import { ChangeDetectionStrategy, Component, computed, input, output, signal } from '@angular/core';
import { SIGNING_RULES, isSignatureCode } from '@e-contract/contracts/validation';
import { MESSAGES } from '../../shared/i18n/messages.ru';
import { formatCountdown } from '../countdown';

/** The one-time code: «Получить код», where it went, its countdown, the code's input and «Подписать». */
@Component({
  selector: 'app-code-step',
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    @if (destination(); as phone) {
      <p>{{ m.codeSentTo(phone) }}</p>
    }
    @if (fingerprint(); as print) {
      <p class="fingerprint">
        {{ m.codeFingerprint }} <code class="fingerprint__value">{{ print }}</code>
      </p>
    }
    @if (codeUsable()) {
      <p role="timer" aria-live="off">{{ m.codeExpiresIn(clock(expiresIn()!)) }}</p>
      <form class="code" (submit)="$event.preventDefault(); submitCode()">
        <div class="field" [class.field--invalid]="invalid()">
          <label class="field__label" for="signature-code">{{ t.field.code }}</label>
          <input
            id="signature-code"
            class="input code__input"
            type="text"
            inputmode="numeric"
            autocomplete="one-time-code"
            [attr.maxlength]="rules.codeDigits"
            [attr.pattern]="'[0-9]{' + rules.codeDigits + '}'"
            aria-describedby="signature-code-hint"
            [attr.aria-invalid]="invalid()"
            [value]="code()"
            (input)="onInput($any($event.target))"
          />
          <p class="field__hint" id="signature-code-hint">{{ m.codeHint }}</p>
          @if (attemptsLeft() !== null && attemptsLeft()! < rules.wrongEntriesPerCode) {
            <p class="field__error" role="alert">{{ t.problem['code-rejected'] }} {{ t.attemptsLeft(attemptsLeft()!) }}</p>
          }
        </div>
        <div class="actions">
          <button type="submit" class="button button--primary" [disabled]="!complete() || pending()">{{ t.action.sign }}</button>
        </div>
      </form>
    } @else if (destination()) {
      <p class="notice notice--warning" role="alert">{{ m.codeExpired }}</p>
    }
    <div class="actions">
      <button type="button" class="button" [disabled]="resendIn() > 0 || pending()" (click)="requestCode.emit()">
        {{ destination() ? t.action.requestNewCode : t.action.requestCode }}
      </button>
    </div>
    @if (resendIn() > 0 && destination()) {
      <p class="muted">{{ m.resendIn(clock(resendIn())) }}</p>
    }
  `,
  styles: `
    .actions {
      margin-top: 0.75rem;
    }
    .fingerprint__value {
      font-size: 1.125rem;
      letter-spacing: 0.1em;
    }
    .code__input {
      max-width: 10rem;
      font-size: 1.5rem;
      letter-spacing: 0.3em;
      font-variant-numeric: tabular-nums;
    }
  `,
})
export class CodeStepComponent {
  /** Masked phone the code went to (`null`: no code yet). */
  readonly destination = input<string | null>(null);
  /** What the code signs (API.md): the SMS quotes the same 8 characters. */
  readonly fingerprint = input<string | null>(null);
  /** Seconds until the code expires (`null`: no code). */
  readonly expiresIn = input<number | null>(null);
  /** Seconds until another code may be requested. */
  readonly resendIn = input(0);
  readonly attemptsLeft = input<number | null>(null);
  readonly expired = input(false);
  readonly pending = input(false);
  readonly requestCode = output<void>();
  readonly submitted = output<string>();

  protected readonly t = MESSAGES;
  protected readonly rules = SIGNING_RULES;
  protected readonly m = MESSAGES.cabinet;
  protected readonly clock = formatCountdown;
  protected readonly code = signal('');
  private readonly tried = signal(false);

  protected readonly codeUsable = computed(() => !this.expired() && (this.expiresIn() ?? 0) > 0);
  protected readonly complete = computed(() => isSignatureCode(this.code()));
  protected readonly invalid = computed(() => this.tried() && !this.complete());

  protected onInput(target: HTMLInputElement): void {
    const digits = target.value.replace(/\D/g, '').slice(0, SIGNING_RULES.codeDigits);
    if (target.value !== digits) target.value = digits;
    this.code.set(digits);
  }

  protected submitCode(): void {
    this.tried.set(true);
    if (!this.complete() || this.pending()) return;
    this.submitted.emit(this.code());
    this.code.set('');
  }
}
