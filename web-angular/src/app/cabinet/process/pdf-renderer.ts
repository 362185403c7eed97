import { InjectionToken } from '@angular/core';

/**
 * Draws a PDF's pages into a container, one canvas per page, as wide as the container. The signer
 * reads the documents in the page on any screen: phones' browsers show no PDF inside an `<iframe>`.
 */
export interface PdfRenderer {
  /** Resolves with the number of pages once all are drawn; stops when `signal` aborts. */
  render(url: string, host: HTMLElement, signal: AbortSignal): Promise<number>;
}

/** pdf.js (Mozilla's PDF renderer), loaded on first use so that it stays out of the initial bundle. */
export const PDF_RENDERER = new InjectionToken<PdfRenderer>('PDF_RENDERER', {
  providedIn: 'root',
  factory: () => ({ render: renderWithPdfJs }),
});

const asset = (path: string): string => new URL(path, document.baseURI).href;

async function renderWithPdfJs(url: string, host: HTMLElement, signal: AbortSignal): Promise<number> {
  const pdfjs = await import('pdfjs-dist');
  pdfjs.GlobalWorkerOptions.workerSrc = asset('pdfjs/pdf.worker.min.mjs');
  const task = pdfjs.getDocument({ url, isEvalSupported: false, standardFontDataUrl: asset('pdfjs/standard_fonts/') });
  const stop = () => void task.destroy();
  signal.addEventListener('abort', stop, { once: true });
  try {
    const doc = await task.promise;
    const ratio = Math.min(window.devicePixelRatio || 1, 2);
    for (let n = 1; n <= doc.numPages && !signal.aborted; n++) {
      const page = await doc.getPage(n);
      const natural = page.getViewport({ scale: 1 });
      const cssWidth = host.clientWidth || natural.width;
      const viewport = page.getViewport({ scale: (cssWidth / natural.width) * ratio });
      const canvas = document.createElement('canvas');
      canvas.width = Math.floor(viewport.width);
      canvas.height = Math.floor(viewport.height);
      canvas.className = 'pdf-page';
      canvas.setAttribute('role', 'img');
      canvas.setAttribute('aria-label', `Страница ${n} из ${doc.numPages}`);
      host.appendChild(canvas);
      await page.render({ canvas, viewport }).promise;
      page.cleanup();
    }
    return doc.numPages;
  } finally {
    signal.removeEventListener('abort', stop);
    if (!signal.aborted) void task.destroy();
  }
}
