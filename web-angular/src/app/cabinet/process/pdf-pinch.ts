import type { ScreenPoint } from './pdf-lazy-pages';

export interface PinchEvents {
  /** Two fingers moving: the pages' size relative to the start, around `center` (preview only). */
  move(ratio: number, center: ScreenPoint): void;
  /** The fingers lifted: the final ratio, around the start's center. */
  end(ratio: number, center: ScreenPoint): void;
}

/** The distance ratio of two touches now against at the start: > 1 when the fingers spread. */
export function pinchRatio(startDistance: number, distance: number): number {
  return startDistance > 0 ? distance / startDistance : 1;
}

interface TouchLike {
  readonly clientX: number;
  readonly clientY: number;
}

const distance = (a: TouchLike, b: TouchLike): number => Math.hypot(a.clientX - b.clientX, a.clientY - b.clientY);
const middle = (a: TouchLike, b: TouchLike): ScreenPoint => ({ x: (a.clientX + b.clientX) / 2, y: (a.clientY + b.clientY) / 2 });

/**
 * Pinch-to-zoom on `element` with two fingers. The element's `touch-action: pan-x pan-y` keeps the
 * browser from zooming the whole page; one finger still scrolls as usual.
 */
export function listenForPinch(element: HTMLElement, events: PinchEvents): () => void {
  let start: { distance: number; center: ScreenPoint } | null = null;
  let ratio = 1;

  const onStart = (event: TouchEvent) => {
    if (event.touches.length !== 2) return;
    const [a, b] = [event.touches[0]!, event.touches[1]!];
    start = { distance: distance(a, b), center: middle(a, b) };
    ratio = 1;
  };
  const onMove = (event: TouchEvent) => {
    if (!start || event.touches.length !== 2) return;
    event.preventDefault();
    ratio = pinchRatio(start.distance, distance(event.touches[0]!, event.touches[1]!));
    events.move(ratio, start.center);
  };
  const onEnd = (event: TouchEvent) => {
    if (!start || event.touches.length >= 2) return;
    const center = start.center;
    start = null;
    events.end(ratio, center);
  };

  const options = { passive: false } as const;
  element.addEventListener('touchstart', onStart, options);
  element.addEventListener('touchmove', onMove, options);
  element.addEventListener('touchend', onEnd);
  element.addEventListener('touchcancel', onEnd);
  return () => {
    element.removeEventListener('touchstart', onStart);
    element.removeEventListener('touchmove', onMove);
    element.removeEventListener('touchend', onEnd);
    element.removeEventListener('touchcancel', onEnd);
  };
}
