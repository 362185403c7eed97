import { clampZoom, CSS_PX_PER_PT, MAX_ZOOM, MIN_ZOOM, zoomIn, zoomOut, zoomPercent, zoomValue } from './pdf-zoom';

describe('the viewer zoom', () => {
  /** An A4 page (595 pt) fitted into a 375-px phone's 367 px, and into a desktop's 780 px. */
  const phoneFit = 367 / (595 * CSS_PX_PER_PT);
  const desktopFit = 780 / (595 * CSS_PX_PER_PT);

  it('from the fit-to-width view of a phone, one «+» makes 10-pt body text at least 12 CSS px tall', () => {
    expect(phoneFit).toBeCloseTo(0.46, 2);
    const zoomed = zoomIn(phoneFit, phoneFit);
    expect(zoomed).toBe(1);
    expect(10 * zoomed * CSS_PX_PER_PT).toBeGreaterThanOrEqual(12);
  });

  it('goes up from a desktop’s fit through 125, 150, 200 and 300 %, each tap at least 10 % larger', () => {
    const seen: number[] = [];
    for (let zoom = desktopFit; zoom < MAX_ZOOM; zoom = zoomIn(zoom, desktopFit)) seen.push(zoomIn(zoom, desktopFit));
    expect(seen).toEqual([1.25, 1.5, 2, 3]);
  });

  it('goes down through 75, 50 and 25 %, stopping at the fit-to-width view on the way', () => {
    const smallPhoneFit = 312 / (595 * CSS_PX_PER_PT);
    const seen: number[] = [];
    for (let zoom = 1; zoom > MIN_ZOOM; zoom = zoomOut(zoom, smallPhoneFit)) seen.push(zoomOut(zoom, smallPhoneFit));
    expect(seen).toEqual([0.75, 0.5, smallPhoneFit, 0.25]);
    expect(zoomOut(MIN_ZOOM, smallPhoneFit)).toBe(MIN_ZOOM);
  });

  it('comes back up to the fit-to-width view from below it', () => {
    expect(zoomIn(0.25, phoneFit)).toBe(phoneFit);
    expect(zoomIn(0.5, desktopFit)).toBe(desktopFit);
  });

  it('after a pinch to an odd zoom, the buttons go on from the nearest stops', () => {
    expect(zoomIn(1.37, phoneFit)).toBe(2);
    expect(zoomOut(1.37, phoneFit)).toBe(1);
    expect(zoomIn(2.9, phoneFit)).toBe(MAX_ZOOM);
  });

  it('keeps a pinch within 25–300 % and tells the zoom in whole percent', () => {
    expect(clampZoom(10)).toBe(MAX_ZOOM);
    expect(clampZoom(0.01)).toBe(MIN_ZOOM);
    expect(zoomPercent(phoneFit)).toBe(46);
    expect(zoomValue('fit', phoneFit)).toBe(phoneFit);
    expect(zoomValue(1.5, phoneFit)).toBe(1.5);
  });
});
