import { drawingOrder, initialWindow, inWindow, pageInView, pagesToDraw, type PageWindow } from './pdf-page-window';
import { releaseCanvas, type PdfDocumentView, type PdfPageSize } from './pdf-renderer';

export interface LazyPagesEvents {
  /** The page taking most of what the reader sees. */
  pageInView(page: number): void;
  /** The first window of pages is drawn: the document is readable. */
  ready(): void;
  /** A page could not be drawn. */
  failed(error: unknown): void;
}

/** A point on the screen (client coordinates) that stays where it is while the pages change size. */
export interface ScreenPoint {
  readonly x: number;
  readonly y: number;
}

interface Slot {
  readonly element: HTMLElement;
  size: PdfPageSize;
  /** The CSS scale its canvas was drawn at; `null` while it is an empty placeholder. */
  drawnAt: number | null;
}

const GAP_PX = 8;

/**
 * One document's pages as placeholders of their size in `sheet`, the ones in view (± 1) drawn, the
 * others' canvases released. Pages are seen through an IntersectionObserver on the viewport, which
 * counts the clipping of every scrolling box around them: it works whether the page or the
 * viewer's own box scrolls. Pages are drawn one at a time, the page in view first.
 */
export class LazyPages {
  private readonly slots: Slot[] = [];
  private readonly observer: IntersectionObserver;
  private readonly visible = new Set<number>();
  private window: PageWindow;
  private current = 1;
  private scale: number;
  private drawing: { page: number; scale: number; aborter: AbortController } | null = null;
  private isReady = false;
  private destroyed = false;
  private frame = 0;
  private readonly onScroll = () => this.measureSoon();

  constructor(
    private readonly doc: PdfDocumentView,
    private readonly sheet: HTMLElement,
    private readonly viewport: HTMLElement,
    scale: number,
    private readonly events: LazyPagesEvents,
    pageLabel: (page: number, pages: number) => string,
  ) {
    this.scale = scale;
    this.window = initialWindow(doc.pageCount);
    for (let page = 1; page <= doc.pageCount; page++) {
      const element = document.createElement('div');
      element.className = 'pdf-page-slot';
      element.dataset['page'] = String(page);
      element.setAttribute('role', 'group');
      element.setAttribute('aria-label', pageLabel(page, doc.pageCount));
      this.slots.push({ element, size: doc.firstPageSize, drawnAt: null });
    }
    this.layout();
    sheet.replaceChildren(...this.slots.map((slot) => slot.element));
    this.observer = new IntersectionObserver((entries) => this.seen(entries), {
      threshold: [0, 0.01],
    });
    for (const slot of this.slots) this.observer.observe(slot.element);
    window.addEventListener('scroll', this.onScroll, { capture: true, passive: true });
    window.addEventListener('resize', this.onScroll, { passive: true });
    this.pump();
  }

  /** Resizes every page to `scale`, keeping the document point under `anchor` under it, and redraws the window. */
  setScale(scale: number, anchor: ScreenPoint | null): void {
    if (scale === this.scale) return;
    const target = anchor && this.pointAt(anchor);
    this.scale = scale;
    this.layout();
    if (anchor && target) {
      const rect = target.slot.getBoundingClientRect();
      this.scrollBy(rect.left + target.fx * rect.width - anchor.x, rect.top + target.fy * rect.height - anchor.y);
    }
    this.abortStaleDrawing();
    this.pump();
    this.measureSoon();
  }

  destroy(): void {
    this.destroyed = true;
    this.observer.disconnect();
    window.removeEventListener('scroll', this.onScroll, { capture: true });
    window.removeEventListener('resize', this.onScroll);
    cancelAnimationFrame(this.frame);
    this.drawing?.aborter.abort();
    for (const slot of this.slots) this.release(slot);
  }

  private layout(): void {
    for (const slot of this.slots) {
      const style = slot.element.style;
      style.width = `${Math.floor(slot.size.width * this.scale)}px`;
      style.height = `${Math.floor(slot.size.height * this.scale)}px`;
      // pdf.js's text layer sizes its runs from this (its viewer sets it on each page).
      style.setProperty('--total-scale-factor', String(this.scale));
    }
    this.sheet.style.setProperty('--pdf-gap', `${GAP_PX}px`);
  }

  private seen(entries: IntersectionObserverEntry[]): void {
    for (const entry of entries) {
      const page = Number((entry.target as HTMLElement).dataset['page']);
      if (entry.isIntersecting) this.visible.add(page);
      else this.visible.delete(page);
    }
    this.measure();
  }

  private measureSoon(): void {
    if (this.frame || this.destroyed) return;
    this.frame = requestAnimationFrame(() => {
      this.frame = 0;
      this.measure();
    });
  }

  /** The page in view, from how much of each visible page is inside the viewer's box and the screen. */
  private measure(): void {
    if (this.destroyed) return;
    const box = this.viewport.getBoundingClientRect();
    const top = Math.max(0, box.top);
    const bottom = Math.min(window.innerHeight, box.bottom);
    const heights = new Map<number, number>();
    for (const page of this.visible) {
      const rect = this.slots[page - 1]!.element.getBoundingClientRect();
      heights.set(page, Math.max(0, Math.min(rect.bottom, bottom) - Math.max(rect.top, top)));
    }
    const inView = pageInView(heights);
    if (inView !== null && inView !== this.current) {
      this.current = inView;
      this.events.pageInView(inView);
    }
    const next = pagesToDraw(this.visible, this.slots.length, this.window);
    if (next.first !== this.window.first || next.last !== this.window.last) {
      this.window = next;
      this.slots.forEach((slot, i) => inWindow(next, i + 1) || this.release(slot));
      this.abortStaleDrawing();
      this.pump();
    }
  }

  /** Draws the next page of the window that is not drawn at the current scale, one at a time. */
  private pump(): void {
    if (this.drawing || this.destroyed) return;
    const page = drawingOrder(this.window, this.current).find((n) => this.slots[n - 1]!.drawnAt !== this.scale);
    if (page === undefined) {
      if (!this.isReady) {
        this.isReady = true;
        this.events.ready();
      }
      return;
    }
    const drawing = (this.drawing = { page, scale: this.scale, aborter: new AbortController() });
    this.doc.drawPage(page, drawing.scale, drawing.aborter.signal).then(
      (drawn) => {
        this.drawing = null;
        const slot = this.slots[page - 1]!;
        if (drawing.aborter.signal.aborted || this.destroyed || !inWindow(this.window, page) || drawing.scale !== this.scale) {
          releaseCanvas(drawn.canvas);
        } else {
          this.swapIn(slot, drawn.canvas, drawn.textLayer, drawn.size);
        }
        this.pump();
      },
      (error: unknown) => {
        this.drawing = null;
        if (drawing.aborter.signal.aborted || this.destroyed) return this.pump();
        this.events.failed(error);
      },
    );
  }

  private swapIn(slot: Slot, canvas: HTMLCanvasElement, textLayer: HTMLElement, size: PdfPageSize): void {
    for (const old of slot.element.querySelectorAll('canvas')) releaseCanvas(old);
    slot.element.replaceChildren(canvas, textLayer);
    slot.drawnAt = this.scale;
    if (size.width !== slot.size.width || size.height !== slot.size.height) {
      // A page of another size than the first (a landscape appendix): when it is above what the
      // reader sees, what they read must not jump.
      const before = slot.element.getBoundingClientRect();
      const above = before.bottom <= Math.max(0, this.viewport.getBoundingClientRect().top);
      slot.size = size;
      this.layout();
      if (above) this.scrollBy(0, slot.element.getBoundingClientRect().height - before.height);
    }
  }

  private release(slot: Slot): void {
    if (slot.drawnAt === null && !slot.element.firstChild) return;
    for (const canvas of slot.element.querySelectorAll('canvas')) releaseCanvas(canvas);
    slot.element.replaceChildren();
    slot.drawnAt = null;
  }

  private abortStaleDrawing(): void {
    const drawing = this.drawing;
    if (drawing && (drawing.scale !== this.scale || !inWindow(this.window, drawing.page))) drawing.aborter.abort();
  }

  /** The page under a screen point and where on it (fractions of its width and height). */
  private pointAt(point: ScreenPoint): { slot: HTMLElement; fx: number; fy: number } | null {
    for (const { element } of this.slots) {
      const rect = element.getBoundingClientRect();
      if (point.y >= rect.top - GAP_PX && point.y <= rect.bottom) {
        return { slot: element, fx: (point.x - rect.left) / rect.width, fy: (point.y - rect.top) / rect.height };
      }
    }
    return null;
  }

  /** Scrolls the viewer's own box first (sideways when zoomed in; down on a desktop), the page for the rest. */
  private scrollBy(dx: number, dy: number): void {
    const box = this.viewport;
    const left = box.scrollLeft;
    const top = box.scrollTop;
    box.scrollLeft = left + dx;
    box.scrollTop = top + dy;
    window.scrollBy(dx - (box.scrollLeft - left), dy - (box.scrollTop - top));
  }
}
