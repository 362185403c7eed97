import { InjectionToken } from '@angular/core';
import type { EmbedMessage } from './embed-messages';

/**
 * Posts to the page that frames this one, to `origin` only — never to `*` — and to nobody when the
 * session names no origin or the page is not framed. A token so that specs can listen in.
 */
export const PARENT_MESSAGES = new InjectionToken<(message: EmbedMessage, origin: string | null) => void>('PARENT_MESSAGES', {
  factory: () => (message, origin) => {
    if (origin === null || window.parent === window) return;
    window.parent.postMessage(message, origin);
  },
});
