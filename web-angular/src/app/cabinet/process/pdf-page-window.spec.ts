import { drawingOrder, initialWindow, inWindow, pageInView, pagesToDraw } from './pdf-page-window';

describe('the pages the viewer keeps drawn', () => {
  it('draws the pages in view and one on each side, within the document', () => {
    const start = initialWindow(100);
    expect(start).toEqual({ first: 1, last: 2 });
    expect(pagesToDraw([1], 100, start)).toEqual({ first: 1, last: 2 });
    expect(pagesToDraw([1, 2], 100, start)).toEqual({ first: 1, last: 3 });
    expect(pagesToDraw([50, 51], 100, start)).toEqual({ first: 49, last: 52 });
    expect(pagesToDraw([100], 100, start)).toEqual({ first: 99, last: 100 });
    expect(initialWindow(1)).toEqual({ first: 1, last: 1 });
  });

  it('keeps the window where it was when no page is in view (scrolled past the document)', () => {
    const window = { first: 9, last: 11 };
    expect(pagesToDraw([], 100, window)).toBe(window);
    expect(inWindow(window, 8)).toBeFalse();
    expect(inWindow(window, 9)).toBeTrue();
    expect(inWindow(window, 11)).toBeTrue();
    expect(inWindow(window, 12)).toBeFalse();
  });

  it('calls «in view» the page that takes most of the screen, the earlier one on a tie', () => {
    expect(pageInView(new Map())).toBeNull();
    expect(pageInView(new Map([[3, 0]]))).toBeNull();
    expect(
      pageInView(
        new Map([
          [3, 120],
          [4, 600],
        ]),
      ),
    ).toBe(4);
    expect(
      pageInView(
        new Map([
          [4, 300],
          [3, 300],
        ]),
      ),
    ).toBe(3);
    expect(pageInView(new Map([[7, 740]]))).toBe(7);
  });

  it('draws the page in view first, then the next, then the previous', () => {
    expect(drawingOrder({ first: 4, last: 6 }, 5)).toEqual([5, 6, 4]);
    expect(drawingOrder({ first: 1, last: 3 }, 1)).toEqual([1, 2, 3]);
  });
});
