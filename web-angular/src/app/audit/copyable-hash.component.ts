import { MESSAGES } from '../shared/i18n/messages.ru';
import { ChangeDetectionStrategy, Component, input, signal } from '@angular/core';

/** A hash or id in monospace, wrapping, selectable with one click, with a copy button. */
@Component({
  selector: 'app-copyable-hash',
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    @if (value(); as text) {
      <code class="hash">{{ text }}</code>
      <button type="button" class="copy" (click)="copy(text)" [attr.aria-label]="m.copy">{{ copied() ? m.copied : m.copy }}</button>
    } @else {
      <span class="muted">—</span>
    }
  `,
  styles: `
    :host {
      display: inline;
    }
    .hash {
      font-family: ui-monospace, Menlo, Consolas, monospace;
      font-size: 0.85em;
      overflow-wrap: anywhere;
      word-break: break-all;
      user-select: all;
    }
    .copy {
      margin-left: 0.5rem;
      font-size: 0.75rem;
      padding: 0 0.4rem;
      cursor: pointer;
    }
  `,
})
export class CopyableHashComponent {
  readonly value = input<string | null>(null);
  protected readonly m = MESSAGES.audit;
  protected readonly copied = signal(false);

  protected copy(text: string): void {
    void navigator.clipboard?.writeText(text).then(() => this.copied.set(true));
  }
}
