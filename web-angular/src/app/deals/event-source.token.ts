import { InjectionToken } from '@angular/core';

/** The part of `EventSource` the deals stream uses (specs pass a fake). */
export interface DealEventSource {
  addEventListener(type: string, listener: (event: Event) => void): void;
  close(): void;
}

/** Makes the live stream's `EventSource`; specs provide a fake instead of the global. */
export const EVENT_SOURCE_FACTORY = new InjectionToken<(url: string) => DealEventSource>('EVENT_SOURCE_FACTORY', {
  factory: () => (url: string) => new EventSource(url),
});
