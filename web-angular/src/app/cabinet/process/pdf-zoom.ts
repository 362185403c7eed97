/**
 * The viewer's zoom, in pdf.js's units: 1 is the page's true size (100 %), where one PDF point is
 * 96/72 CSS px, so 10-pt body text is 13.3 CSS px tall. «По ширине» is whatever zoom makes the page
 * as wide as the viewer: about 43 % on a 375-px phone, 100 % on a desktop.
 */
export type Zoom = 'fit' | number;

/** CSS pixels per PDF point at 100 % (pdf.js's `PixelsPerInch.PDF_TO_CSS_UNITS`). */
export const CSS_PX_PER_PT = 96 / 72;
export const MIN_ZOOM = 0.25;
export const MAX_ZOOM = 3;

/**
 * «+» never stops below the true size: from the fit-to-width view of a phone one tap makes body
 * text readable (10–12 pt → 13–16 CSS px), instead of creeping up through 50 % and 75 %.
 */
const ZOOM_IN_STOPS = [1, 1.25, 1.5, 2, 3];
const ZOOM_OUT_STOPS = [0.25, 0.5, 0.75, 1, 1.25, 1.5, 2];
/** A stop closer than this to the current zoom is skipped: each tap visibly changes the page. */
const MIN_STEP = 1.1;

export function zoomValue(zoom: Zoom, fit: number): number {
  return zoom === 'fit' ? fit : zoom;
}

/** The next larger zoom: fit-to-width when it lies between, else the next stop at least 10 % larger. */
export function zoomIn(current: number, fit: number): number {
  if (fit > current * MIN_STEP) {
    const nextStop = ZOOM_IN_STOPS.find((stop) => stop >= current * MIN_STEP) ?? MAX_ZOOM;
    return Math.min(fit, nextStop);
  }
  return ZOOM_IN_STOPS.find((stop) => stop >= current * MIN_STEP) ?? MAX_ZOOM;
}

/** The next smaller zoom: fit-to-width when it lies between, else the previous stop at least 10 % smaller. */
export function zoomOut(current: number, fit: number): number {
  const stops = [...ZOOM_OUT_STOPS, fit].filter((stop) => stop * MIN_STEP <= current);
  return stops.length ? Math.max(...stops) : Math.min(MIN_ZOOM, current);
}

export function clampZoom(zoom: number): number {
  return Math.min(MAX_ZOOM, Math.max(MIN_ZOOM, zoom));
}

export function canZoomIn(current: number): boolean {
  return current < MAX_ZOOM;
}

export function canZoomOut(current: number): boolean {
  return current > MIN_ZOOM;
}

/** «43 %»: the zoom as people read it. */
export function zoomPercent(zoom: number): number {
  return Math.round(zoom * 100);
}
