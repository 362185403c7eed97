import { InjectionToken } from '@angular/core';

/** A page's size in PDF points (1/72 inch), as its viewport at scale 1 gives it: A4 is 595 × 842. */
export interface PdfPageSize {
  readonly width: number;
  readonly height: number;
}

/** One page drawn at one scale: its bitmap and pdf.js's text layer (selectable, read by screen readers). */
export interface DrawnPdfPage {
  readonly canvas: HTMLCanvasElement;
  readonly textLayer: HTMLElement;
  /** The page's real size: placeholders are first sized from the first page's. */
  readonly size: PdfPageSize;
}

/** An opened PDF whose pages are drawn one at a time, when the viewer needs them. */
export interface PdfDocumentView {
  readonly pageCount: number;
  /** The first page's size: every placeholder starts with it. */
  readonly firstPageSize: PdfPageSize;
  /**
   * Draws page `pageNumber` (1-based) at `cssScale` CSS px per PDF point into new elements, for
   * the caller to swap in at once (no blank flash while zooming). Rejects when `signal` aborts.
   */
  drawPage(pageNumber: number, cssScale: number, signal: AbortSignal): Promise<DrawnPdfPage>;
  /** Stops every drawing and frees the document (its worker's memory). */
  destroy(): void;
}

/**
 * Opens PDFs for the viewer. The signer reads the documents in the page on any screen: phones'
 * browsers show no PDF inside an `<iframe>`.
 */
export interface PdfRenderer {
  open(url: string, signal: AbortSignal): Promise<PdfDocumentView>;
}

/** pdf.js (Mozilla's PDF renderer), loaded on first use so that it stays out of the initial bundle. */
export const PDF_RENDERER = new InjectionToken<PdfRenderer>('PDF_RENDERER', {
  providedIn: 'root',
  factory: () => ({ open: openWithPdfJs }),
});

/**
 * The most pixels one page's canvas may hold. A phone keeps about three canvases: at 300 % an A4
 * page is 2,380 × 3,366 CSS px, drawn at 1 device px per CSS px instead of 2 (phones' browsers
 * drop or blank canvases far above this).
 */
const MAX_CANVAS_PIXELS = 8_000_000;

/** Device pixels per CSS pixel for a canvas of that CSS size: the screen's (at most 2), less when the canvas would be too big. */
export function outputRatio(cssWidth: number, cssHeight: number, devicePixelRatio = window.devicePixelRatio || 1): number {
  const wanted = Math.min(devicePixelRatio, 2);
  const affordable = Math.sqrt(MAX_CANVAS_PIXELS / Math.max(1, cssWidth * cssHeight));
  return Math.max(0.5, Math.min(wanted, affordable));
}

/** Lets the canvas's memory go at once (browsers keep a detached canvas's bitmap until it is collected). */
export function releaseCanvas(canvas: HTMLCanvasElement): void {
  canvas.width = 0;
  canvas.height = 0;
}

const asset = (path: string): string => new URL(path, document.baseURI).href;

async function openWithPdfJs(url: string, signal: AbortSignal): Promise<PdfDocumentView> {
  const pdfjs = await import('pdfjs-dist');
  pdfjs.GlobalWorkerOptions.workerSrc = asset('pdfjs/pdf.worker.min.mjs');
  const task = pdfjs.getDocument({ url, isEvalSupported: false, standardFontDataUrl: asset('pdfjs/standard_fonts/') });
  const destroy = () => void task.destroy();
  signal.addEventListener('abort', destroy, { once: true });
  try {
    const doc = await task.promise;
    const first = (await doc.getPage(1)).getViewport({ scale: 1 });
    return {
      pageCount: doc.numPages,
      firstPageSize: { width: first.width, height: first.height },
      destroy,
      async drawPage(pageNumber, cssScale, drawSignal) {
        const page = await doc.getPage(pageNumber);
        drawSignal.throwIfAborted();
        const natural = page.getViewport({ scale: 1 });
        const viewport = page.getViewport({ scale: cssScale });
        const ratio = outputRatio(viewport.width, viewport.height);
        const canvas = document.createElement('canvas');
        canvas.width = Math.floor(viewport.width * ratio);
        canvas.height = Math.floor(viewport.height * ratio);
        canvas.className = 'pdf-page';
        canvas.setAttribute('aria-hidden', 'true');
        const textLayer = document.createElement('div');
        textLayer.className = 'textLayer';
        try {
          const rendering = page.render({ canvas, viewport, transform: ratio === 1 ? undefined : [ratio, 0, 0, ratio, 0, 0] });
          const text = new pdfjs.TextLayer({
            textContentSource: page.streamTextContent({ includeMarkedContent: true, disableNormalization: true }),
            container: textLayer,
            viewport,
          });
          const cancel = () => {
            rendering.cancel();
            text.cancel();
          };
          drawSignal.addEventListener('abort', cancel, { once: true });
          try {
            await Promise.all([rendering.promise, text.render()]);
          } finally {
            drawSignal.removeEventListener('abort', cancel);
          }
          drawSignal.throwIfAborted();
          return { canvas, textLayer, size: { width: natural.width, height: natural.height } };
        } catch (error) {
          releaseCanvas(canvas);
          throw error;
        } finally {
          page.cleanup();
        }
      },
    };
  } catch (error) {
    destroy();
    throw error;
  } finally {
    signal.removeEventListener('abort', destroy);
  }
}
