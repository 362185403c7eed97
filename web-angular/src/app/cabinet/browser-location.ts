import { InjectionToken } from '@angular/core';

/** Leaves the app for another page (the identification provider); a token so that specs can stub it. */
export const LOCATION_ASSIGN = new InjectionToken<(url: string) => void>('LOCATION_ASSIGN', {
  factory: () => (url: string) => window.location.assign(url),
});

/**
 * In another system's frame, the identification page opens in a window of its own (state-services
 * pages may not be framed) and the frame follows the process until it leaves `identifying`.
 */
export const IDENTIFICATION_IN_NEW_WINDOW = new InjectionToken<boolean>('IDENTIFICATION_IN_NEW_WINDOW', { factory: () => false });

/** Opens a page in a new window (a token so that specs can stub it); false when the browser blocked it. */
export const WINDOW_OPEN = new InjectionToken<(url: string) => boolean>('WINDOW_OPEN', {
  factory: () => (url: string) => window.open(url, '_blank') !== null,
});

/** Makes an object URL of a Blob (a token so that specs need no real Blob URLs). */
export const OBJECT_URLS = new InjectionToken<{ create(blob: Blob): string; revoke(url: string): void }>('OBJECT_URLS', {
  factory: () => ({ create: (blob) => URL.createObjectURL(blob), revoke: (url) => URL.revokeObjectURL(url) }),
});
