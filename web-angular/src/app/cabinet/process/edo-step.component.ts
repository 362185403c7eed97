import { ChangeDetectionStrategy, Component, input, output, signal } from '@angular/core';
import type { EdoAgreement } from '../../shared/api/api-types';
import { MESSAGES } from '../../shared/i18n/messages.ru';

/** The EDO agreement: its full text, version and hash, the consent checkbox and «Принять». */
@Component({
  selector: 'app-edo-step',
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    @if (agreement(); as a) {
      <dl class="facts">
        <dt>{{ m.edoVersion }}</dt>
        <dd>{{ a.version }}</dd>
        <dt>{{ m.edoHash }}</dt>
        <dd class="mono edo__hash">{{ a.sha256 }}</dd>
      </dl>
      <div class="edo__text" tabindex="0" role="region" [attr.aria-label]="m.edoHeading">{{ a.text }}</div>
      <form (submit)="$event.preventDefault(); submit(a.version)">
        <label class="edo__consent">
          <input type="checkbox" [checked]="agreed()" (change)="agreed.set($any($event.target).checked)" />
          {{ m.edoConsent }}
        </label>
        <div class="actions">
          <button type="submit" class="button button--primary" [disabled]="!agreed() || pending()">{{ m.edoAccept }}</button>
        </div>
      </form>
    } @else {
      <p role="status">{{ t.app.loading }}</p>
    }
  `,
  styles: `
    .edo__text {
      white-space: pre-wrap;
      max-height: 50vh;
      overflow: auto;
      border: 1px solid #d5dbe3;
      padding: 0.75rem;
      background: #fff;
      margin: 0.75rem 0;
    }
    .edo__hash {
      word-break: break-all;
    }
    .edo__consent {
      display: flex;
      gap: 0.5rem;
      align-items: flex-start;
      margin: 0.75rem 0;
    }
    .edo__consent input {
      width: 1.25rem;
      height: 1.25rem;
      flex: none;
    }
  `,
})
export class EdoStepComponent {
  readonly agreement = input.required<EdoAgreement | null>();
  readonly pending = input(false);
  readonly accept = output<string>();

  protected readonly t = MESSAGES;
  protected readonly m = MESSAGES.cabinet;
  protected readonly agreed = signal(false);

  protected submit(version: string): void {
    if (this.agreed() && !this.pending()) this.accept.emit(version);
  }
}
