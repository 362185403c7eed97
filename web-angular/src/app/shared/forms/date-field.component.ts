import { ChangeDetectionStrategy, Component, forwardRef, input, signal } from '@angular/core';
import {
  NG_VALIDATORS,
  NG_VALUE_ACCESSOR,
  type AbstractControl,
  type ControlValueAccessor,
  type ValidationErrors,
  type Validator,
} from '@angular/forms';
import { formatDateText, maskDateText, parseDateText } from './date-text';

/**
 * A date field in Russian format («ДД.ММ.ГГГГ») for reactive forms: its value is the ISO calendar
 * date (`YYYY-MM-DD`) or `null` when empty; a typed text that is not a date makes the control
 * invalid with `{ date: true }` (its value is then `null`, so no half-typed date reaches the API).
 */
@Component({
  selector: 'app-date-field',
  changeDetection: ChangeDetectionStrategy.OnPush,
  providers: [
    { provide: NG_VALUE_ACCESSOR, useExisting: forwardRef(() => DateFieldComponent), multi: true },
    { provide: NG_VALIDATORS, useExisting: forwardRef(() => DateFieldComponent), multi: true },
  ],
  template: `
    <input
      class="input date-field"
      type="text"
      inputmode="numeric"
      autocomplete="off"
      placeholder="ДД.ММ.ГГГГ"
      maxlength="10"
      [id]="inputId()"
      [attr.name]="name()"
      [attr.aria-invalid]="invalid() ? true : null"
      [attr.aria-describedby]="describedBy()"
      [value]="text()"
      [disabled]="disabled()"
      (input)="typed($any($event.target))"
      (blur)="touched()"
    />
  `,
  styles: `
    :host {
      display: block;
    }
    .date-field {
      font-variant-numeric: tabular-nums;
    }
  `,
})
export class DateFieldComponent implements ControlValueAccessor, Validator {
  readonly inputId = input.required<string>();
  readonly name = input<string | null>(null);
  readonly describedBy = input<string | null>(null);

  protected readonly text = signal('');
  protected readonly disabled = signal(false);
  protected readonly invalid = signal(false);
  private onChange: (value: string | null) => void = () => undefined;
  protected touched: () => void = () => undefined;
  private onValidatorChange: () => void = () => undefined;

  protected typed(element: HTMLInputElement): void {
    const masked = maskDateText(element.value);
    element.value = masked;
    this.text.set(masked);
    const iso = parseDateText(masked);
    this.invalid.set(masked !== '' && iso === null && masked.length === 10);
    this.onChange(iso);
    this.onValidatorChange();
  }

  writeValue(value: string | null | undefined): void {
    this.text.set(formatDateText(value));
    this.invalid.set(false);
  }

  registerOnChange(fn: (value: string | null) => void): void {
    this.onChange = fn;
  }

  registerOnTouched(fn: () => void): void {
    this.touched = fn;
  }

  setDisabledState(disabled: boolean): void {
    this.disabled.set(disabled);
  }

  validate(_control: AbstractControl): ValidationErrors | null {
    const text = this.text();
    return text !== '' && parseDateText(text) === null ? { date: true } : null;
  }

  registerOnValidatorChange(fn: () => void): void {
    this.onValidatorChange = fn;
  }
}
