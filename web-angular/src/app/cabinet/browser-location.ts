import { InjectionToken } from '@angular/core';

/** Leaves the app for another page (the identification provider); a token so that specs can stub it. */
export const LOCATION_ASSIGN = new InjectionToken<(url: string) => void>('LOCATION_ASSIGN', {
  factory: () => (url: string) => window.location.assign(url),
});

/** Makes an object URL of a Blob (a token so that specs need no real Blob URLs). */
export const OBJECT_URLS = new InjectionToken<{ create(blob: Blob): string; revoke(url: string): void }>('OBJECT_URLS', {
  factory: () => ({ create: (blob) => URL.createObjectURL(blob), revoke: (url) => URL.revokeObjectURL(url) }),
});
