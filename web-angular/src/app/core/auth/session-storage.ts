import { InjectionToken } from '@angular/core';
import { parseSession, type Session } from './auth-session';

/** The browser's sessionStorage (one tab's session ends with the tab); replaced in specs. */
export const SESSION_STORAGE = new InjectionToken<Storage>('SESSION_STORAGE', { factory: () => sessionStorage });

export const SESSION_STORAGE_KEY = 'e-contract.session';

export function readStoredSession(storage: Storage): Session | null {
  try {
    const text = storage.getItem(SESSION_STORAGE_KEY);
    return text === null ? null : parseSession(JSON.parse(text));
  } catch {
    return null;
  }
}

export function writeStoredSession(storage: Storage, session: Session | null): void {
  try {
    if (session === null) storage.removeItem(SESSION_STORAGE_KEY);
    else storage.setItem(SESSION_STORAGE_KEY, JSON.stringify(session));
  } catch {
    // Storage full or disabled (private mode): the session simply lasts until the page reloads.
  }
}
