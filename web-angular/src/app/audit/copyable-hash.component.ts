import { MESSAGES } from '../shared/i18n/messages.ru';
import { ChangeDetectionStrategy, Component, input, signal } from '@angular/core';

/** A hash or id in monospace, wrapping, selectable with one click, with a copy button. */
@Component({
  selector: 'app-copyable-hash',
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    @if (value(); as text) {
      <code class="hash">{{ text }}</code>
      <button type="button" class="copy" (click)="copy(text)" [attr.aria-label]="label() ? m.copyWhat(label()!) : m.copy">
        {{ copied() ? m.copied : m.copy }}
      </button>
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
    /* WCAG 2.2 target size: at least 24 × 24 CSS px. */
    .copy {
      margin-left: 0.5rem;
      min-width: 24px;
      min-height: 28px;
      font-size: 0.8rem;
      padding: 0.15rem 0.6rem;
      cursor: pointer;
      color: var(--color-text, #1f2933);
      background: var(--color-surface-alt, #f4f6fa);
      border: 1px solid var(--color-border, #b8c2cc);
      border-radius: 4px;
    }
  `,
})
export class CopyableHashComponent {
  readonly value = input<string | null>(null);
  /** What the value is (the button's accessible name says what it copies). */
  readonly label = input<string | null>(null);
  protected readonly m = MESSAGES.audit;
  protected readonly copied = signal(false);

  protected copy(text: string): void {
    void navigator.clipboard?.writeText(text).then(() => this.copied.set(true));
  }
}
