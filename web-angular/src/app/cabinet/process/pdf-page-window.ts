/** Pages `first`..`last` (1-based, inclusive): the ones that keep a drawn canvas. */
export interface PageWindow {
  readonly first: number;
  readonly last: number;
}

/** Before anything is seen (the viewer below the fold), the first two pages are drawn. */
export function initialWindow(pageCount: number): PageWindow {
  return { first: 1, last: Math.min(2, pageCount) };
}

/**
 * The pages to keep drawn: those in view and `margin` on each side, so that scrolling on shows a
 * drawn page while the next one is drawn; every other page is an empty placeholder of its size.
 * Nothing in view (scrolled past the document): the window stays where it was.
 */
export function pagesToDraw(visible: Iterable<number>, pageCount: number, previous: PageWindow, margin = 1): PageWindow {
  const pages = [...visible];
  if (pages.length === 0 || pageCount === 0) return previous;
  return {
    first: Math.max(1, Math.min(...pages) - margin),
    last: Math.min(pageCount, Math.max(...pages) + margin),
  };
}

export function inWindow(window: PageWindow, page: number): boolean {
  return page >= window.first && page <= window.last;
}

/**
 * The page «in view»: the one taking the most height of what the reader sees (the lower page on a
 * tie, as a reader is still on the page they were reading). `null` when no page is seen.
 */
export function pageInView(visibleHeights: ReadonlyMap<number, number>): number | null {
  let best: number | null = null;
  let bestHeight = 0;
  for (const [page, height] of visibleHeights) {
    if (height > bestHeight || (height === bestHeight && height > 0 && best !== null && page < best)) {
      best = page;
      bestHeight = height;
    }
  }
  return best;
}

/**
 * The order to draw the window's pages in: the page in view first, then outwards (the next page
 * before the previous one, as reading goes down).
 */
export function drawingOrder(window: PageWindow, current: number): number[] {
  const pages: number[] = [];
  for (let page = window.first; page <= window.last; page++) pages.push(page);
  return pages.sort((a, b) => Math.abs(a - current) - Math.abs(b - current) || b - a);
}
