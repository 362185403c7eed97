import { ChangeDetectionStrategy, Component, input, output, signal } from '@angular/core';
import { MESSAGES } from '../../shared/i18n/messages.ru';

/** «Отказаться от подписания»: opens a reason field, then confirms. */
@Component({
  selector: 'app-decline-form',
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    @if (!open()) {
      <button type="button" class="button button--ghost" (click)="open.set(true)">{{ t.action.decline }}</button>
    } @else {
      <form (submit)="$event.preventDefault(); confirm()">
        <div class="field">
          <label class="field__label" for="decline-reason">{{ t.field.reason }}</label>
          <textarea
            id="decline-reason"
            class="textarea"
            rows="3"
            maxlength="500"
            aria-describedby="decline-hint"
            [value]="reason()"
            (input)="reason.set($any($event.target).value)"
          ></textarea>
          <p class="field__hint" id="decline-hint">{{ m.declineReasonHint }}</p>
        </div>
        <div class="actions">
          <button type="submit" class="button button--danger" [disabled]="pending()">{{ m.declineConfirm }}</button>
          <button type="button" class="button button--ghost" (click)="open.set(false)">{{ t.action.cancel }}</button>
        </div>
      </form>
    }
  `,
})
export class DeclineFormComponent {
  readonly pending = input(false);
  readonly declined = output<string>();
  protected readonly t = MESSAGES;
  protected readonly m = MESSAGES.cabinet;
  protected readonly open = signal(false);
  protected readonly reason = signal('');

  protected confirm(): void {
    if (!this.pending()) this.declined.emit(this.reason().trim());
  }
}
