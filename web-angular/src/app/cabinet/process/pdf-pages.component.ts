import {
  ChangeDetectionStrategy,
  Component,
  DestroyRef,
  ElementRef,
  ViewEncapsulation,
  computed,
  effect,
  inject,
  input,
  signal,
  untracked,
  viewChild,
} from '@angular/core';
import { MESSAGES } from '../../shared/i18n/messages.ru';
import { LazyPages, type ScreenPoint } from './pdf-lazy-pages';
import { listenForPinch } from './pdf-pinch';
import { PDF_RENDERER, type PdfDocumentView } from './pdf-renderer';
import { canZoomIn, canZoomOut, clampZoom, CSS_PX_PER_PT, zoomIn, zoomOut, zoomPercent, zoomValue, type Zoom } from './pdf-zoom';

/**
 * One document's pages drawn in the page (pdf.js): fitted to the width, zoomed with «−», «+», «По
 * ширине» or two fingers, the page in view told («Стр. 3 из 17»), pages drawn as they come into
 * view with their text selectable (pdf.js's text layer); a notice when it cannot be drawn.
 */
@Component({
  selector: 'app-pdf-pages',
  changeDetection: ChangeDetectionStrategy.OnPush,
  // The pages are built outside Angular's templates (pdf.js draws them): the styles are scoped by
  // the host's class instead of Angular's attributes.
  encapsulation: ViewEncapsulation.None,
  host: { class: 'pdf-viewer' },
  styleUrl: './pdf-pages.component.less',
  template: `
    @switch (state()) {
      @case ('rendering') {
        <p class="muted" role="status">{{ m.documentRendering }}</p>
      }
      @case ('failed') {
        <p class="notice notice--warning" role="alert">{{ m.documentNotShown }}</p>
      }
      @case ('ready') {
        <p class="muted pdf-pages__count">{{ m.pages(pageCount()) }}</p>
      }
    }
    @if (state() === 'ready') {
      <div class="pdf-bar" role="group" [attr.aria-label]="v.controls">
        <button
          type="button"
          class="pdf-bar__button"
          [attr.aria-label]="v.zoomOut"
          [attr.aria-disabled]="!canZoomOut() || null"
          (click)="zoomOutClicked()"
        >
          −
        </button>
        <button type="button" class="pdf-bar__button pdf-bar__button--text" [attr.aria-pressed]="zoom() === 'fit'" (click)="fitClicked()">
          {{ v.fitWidth }}
        </button>
        <button
          type="button"
          class="pdf-bar__button"
          [attr.aria-label]="v.zoomIn"
          [attr.aria-disabled]="!canZoomIn() || null"
          (click)="zoomInClicked()"
        >
          +
        </button>
        <span class="pdf-bar__zoom" role="status"
          ><span class="visually-hidden">{{ v.zoom }} </span>{{ percent() }} %</span
        >
        <p class="pdf-bar__page" aria-live="polite" aria-atomic="true">
          @if (pageCount()) {
            <!-- «Стр.» is for the eyes; a screen reader says the whole word. -->
            <span aria-hidden="true">{{ v.pageOf(currentPage(), pageCount()) }}</span>
            <span class="visually-hidden">{{ v.page(currentPage(), pageCount()) }}</span>
          }
        </p>
      </div>
    }
    <div #region class="pdf-pages" tabindex="0" role="region" [attr.aria-label]="title()" [hidden]="state() === 'failed'">
      <div #sheet class="pdf-pages__sheet"></div>
    </div>
  `,
})
export class PdfPagesComponent {
  /** The object URL of the fetched PDF (`blob:`). */
  readonly url = input.required<string>();
  readonly title = input.required<string>();

  private readonly renderer = inject(PDF_RENDERER);
  private readonly region = viewChild.required<ElementRef<HTMLElement>>('region');
  private readonly sheet = viewChild.required<ElementRef<HTMLElement>>('sheet');
  protected readonly m = MESSAGES.cabinet;
  protected readonly v = MESSAGES.cabinet.viewer;
  protected readonly state = signal<'rendering' | 'ready' | 'failed'>('rendering');
  protected readonly pageCount = signal(0);
  protected readonly currentPage = signal(1);
  protected readonly zoom = signal<Zoom>('fit');
  /** The zoom at which the first page is as wide as the viewer. */
  private readonly fit = signal(1);
  private readonly zoomNow = computed(() => zoomValue(this.zoom(), this.fit()));
  protected readonly percent = computed(() => zoomPercent(this.zoomNow()));
  protected readonly canZoomIn = computed(() => canZoomIn(this.zoomNow()));
  protected readonly canZoomOut = computed(() => canZoomOut(this.zoomNow()));

  private aborter: AbortController | null = null;
  private doc: PdfDocumentView | null = null;
  private pages: LazyPages | null = null;
  private pinchOrigin: string | null = null;

  constructor() {
    effect(() => {
      const url = this.url();
      untracked(() => void this.open(url));
    });
    effect((onCleanup) => {
      const region = this.region().nativeElement;
      // Measured on the next frame: resizing the pages from within the observer's callback would
      // resize what it observes (a loop the browser reports as an error).
      let frame = 0;
      const resized = new ResizeObserver(() => {
        cancelAnimationFrame(frame);
        frame = requestAnimationFrame(() => this.measureFit());
      });
      resized.observe(region);
      const stopPinch = listenForPinch(region, {
        move: (ratio, center) => this.pinchMoved(ratio, center),
        end: (ratio, center) => this.pinched(ratio, center),
      });
      onCleanup(() => {
        cancelAnimationFrame(frame);
        resized.disconnect();
        stopPinch();
      });
    });
    inject(DestroyRef).onDestroy(() => this.close());
  }

  protected zoomInClicked(): void {
    if (this.canZoomIn()) this.setZoom(zoomIn(this.zoomNow(), this.fit()), null);
  }

  protected zoomOutClicked(): void {
    if (this.canZoomOut()) this.setZoom(zoomOut(this.zoomNow(), this.fit()), null);
  }

  protected fitClicked(): void {
    this.setZoom('fit', null);
  }

  private async open(url: string): Promise<void> {
    this.close();
    const aborter = (this.aborter = new AbortController());
    this.state.set('rendering');
    // Marks on the page's performance timeline (read by the browser suite, and by any real-user
    // monitoring): pdf.js loaded and the document parsed, then its first pages drawn.
    const mark = (name: string) => performance.mark(`pdf-viewer:${name}`, { detail: url });
    mark('open');
    try {
      const doc = await this.renderer.open(url, aborter.signal);
      if (aborter.signal.aborted) return doc.destroy();
      mark('opened');
      this.doc = doc;
      this.pageCount.set(doc.pageCount);
      this.currentPage.set(1);
      this.measureFit();
      this.pages = new LazyPages(
        doc,
        this.sheet().nativeElement,
        this.region().nativeElement,
        this.zoomNow() * CSS_PX_PER_PT,
        {
          pageInView: (page) => this.currentPage.set(page),
          ready: () => {
            mark('ready');
            this.state.set('ready');
          },
          failed: () => this.failed(),
        },
        this.v.page,
      );
    } catch {
      if (!aborter.signal.aborted) this.failed();
    }
  }

  private failed(): void {
    this.close();
    this.state.set('failed');
  }

  private close(): void {
    this.aborter?.abort();
    this.pages?.destroy();
    this.doc?.destroy();
    this.pages = null;
    this.doc = null;
  }

  private setZoom(zoom: Zoom, anchor: ScreenPoint | null): void {
    this.zoom.set(zoom);
    this.pages?.setScale(this.zoomNow() * CSS_PX_PER_PT, anchor ?? this.readingAnchor());
  }

  /** The fit-to-width zoom from the viewer's inner width; a fitted document follows the screen (a phone turned). */
  private measureFit(): void {
    const region = this.region().nativeElement;
    if (!this.doc || !region.clientWidth) return;
    const style = getComputedStyle(region);
    const inner = region.clientWidth - parseFloat(style.paddingLeft) - parseFloat(style.paddingRight);
    const fit = clampZoom(inner / (this.doc.firstPageSize.width * CSS_PX_PER_PT));
    if (Math.abs(fit - this.fit()) < 0.001) return;
    this.fit.set(fit);
    if (this.zoom() === 'fit') this.pages?.setScale(fit * CSS_PX_PER_PT, this.readingAnchor());
  }

  /**
   * What stays put while the zoom changes (but for a pinch): the middle of what the reader sees of
   * the viewer, at its left edge, so that zooming in shows where the lines begin.
   */
  private readingAnchor(): ScreenPoint {
    const box = this.region().nativeElement.getBoundingClientRect();
    const top = Math.max(box.top, 0);
    const bottom = Math.min(box.bottom, window.innerHeight);
    return { x: box.left, y: (top + bottom) / 2 };
  }

  /** While the fingers move, the drawn pages are only stretched; they are drawn anew when the fingers lift. */
  private pinchMoved(ratio: number, center: ScreenPoint): void {
    const sheet = this.sheet().nativeElement;
    if (this.pinchOrigin === null) {
      const rect = sheet.getBoundingClientRect();
      this.pinchOrigin = `${center.x - rect.left}px ${center.y - rect.top}px`;
      sheet.style.transformOrigin = this.pinchOrigin;
    }
    const now = this.zoomNow();
    sheet.style.transform = `scale(${clampZoom(now * ratio) / now})`;
  }

  private pinched(ratio: number, center: ScreenPoint): void {
    const sheet = this.sheet().nativeElement;
    sheet.style.transform = '';
    sheet.style.transformOrigin = '';
    this.pinchOrigin = null;
    if (Math.abs(ratio - 1) < 0.02) return;
    this.setZoom(clampZoom(this.zoomNow() * ratio), center);
  }
}
