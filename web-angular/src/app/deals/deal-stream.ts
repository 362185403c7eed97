import { Observable } from 'rxjs';
import type { Deal } from '../shared/api/api-types';
import type { DealEventSource } from './event-source.token';

/**
 * The live deals stream as an Observable of deals: each `deal` event's data. Unsubscribing closes
 * the EventSource; a stream error is left to EventSource's own reconnect (with `Last-Event-ID`).
 */
export function dealStream(open: () => DealEventSource): Observable<Deal> {
  return new Observable<Deal>((subscriber) => {
    const source = open();
    source.addEventListener('deal', (event: Event) => {
      try {
        subscriber.next(JSON.parse((event as MessageEvent<string>).data) as Deal);
      } catch {
        // a malformed event is skipped
      }
    });
    return () => source.close();
  });
}
