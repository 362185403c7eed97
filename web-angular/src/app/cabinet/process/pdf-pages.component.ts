import {
  ChangeDetectionStrategy,
  Component,
  DestroyRef,
  ElementRef,
  effect,
  inject,
  input,
  signal,
  untracked,
  viewChild,
} from '@angular/core';
import { MESSAGES } from '../../shared/i18n/messages.ru';
import { PDF_RENDERER } from './pdf-renderer';

/** One document's pages drawn in the page (pdf.js), scrollable with the keyboard; a notice when it cannot be drawn. */
@Component({
  selector: 'app-pdf-pages',
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    @switch (state()) {
      @case ('rendering') {
        <p class="muted" role="status">{{ m.documentRendering }}</p>
      }
      @case ('failed') {
        <p class="notice notice--warning" role="alert">{{ m.documentNotShown }}</p>
      }
      @case ('done') {
        <p class="muted pdf-pages__count">{{ m.pages(pages()) }}</p>
      }
    }
    <div #host class="pdf-pages" tabindex="0" role="region" [attr.aria-label]="title()"></div>
  `,
  styles: `
    .pdf-pages {
      max-height: min(75vh, 48rem);
      overflow-y: auto;
      background: #e9edf2;
      border: 1px solid #d5dbe3;
      border-radius: 6px;
      padding: 0.5rem;
      margin-bottom: 0.5rem;
    }
    .pdf-pages:empty {
      display: none;
    }
    .pdf-pages:focus-visible {
      outline: 3px solid #1d5fd0;
      outline-offset: 2px;
    }
    .pdf-pages ::ng-deep .pdf-page {
      display: block;
      width: 100%;
      height: auto;
      background: #fff;
      box-shadow: 0 1px 3px rgba(11, 31, 51, 0.2);
    }
    .pdf-pages ::ng-deep .pdf-page + .pdf-page {
      margin-top: 0.5rem;
    }
    .pdf-pages__count {
      margin: 0 0 0.25rem;
      font-size: 0.875rem;
    }
  `,
})
export class PdfPagesComponent {
  /** The object URL of the fetched PDF (`blob:`). */
  readonly url = input.required<string>();
  readonly title = input.required<string>();

  private readonly renderer = inject(PDF_RENDERER);
  private readonly host = viewChild.required<ElementRef<HTMLElement>>('host');
  protected readonly m = MESSAGES.cabinet;
  protected readonly state = signal<'rendering' | 'done' | 'failed'>('rendering');
  protected readonly pages = signal(0);
  private aborter: AbortController | null = null;

  constructor() {
    effect(() => {
      const url = this.url();
      const host = this.host().nativeElement;
      untracked(() => this.draw(url, host));
    });
    inject(DestroyRef).onDestroy(() => this.aborter?.abort());
  }

  private draw(url: string, host: HTMLElement): void {
    this.aborter?.abort();
    const aborter = (this.aborter = new AbortController());
    host.replaceChildren();
    this.state.set('rendering');
    this.renderer.render(url, host, aborter.signal).then(
      (pages) => {
        if (aborter.signal.aborted) return;
        this.pages.set(pages);
        this.state.set('done');
      },
      () => {
        if (aborter.signal.aborted) return;
        host.replaceChildren();
        this.state.set('failed');
      },
    );
  }
}
