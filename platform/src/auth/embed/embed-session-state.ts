import type { Actor, EmbedSessionCreatedData } from '@e-contract/contracts';
import type { ParsedEmbedSessionEvent } from '@e-contract/contracts/events';

/** An embed session as its stream (`embed-session-<id>`) tells it. */
export type EmbedSessionState =
  { status: 'none' } | (EmbedSessionCreatedData & { status: 'created' | 'opened'; createdAt: string; createdBy: Actor });

export function evolveEmbedSession(state: EmbedSessionState, event: ParsedEmbedSessionEvent): EmbedSessionState {
  switch (event.type) {
    case 'EmbedSessionCreated':
      return { ...event.data, status: 'created', createdAt: event.metadata.occurredAt, createdBy: event.metadata.actor };
    case 'EmbedSessionOpened':
      return state.status === 'none' ? state : { ...state, status: 'opened' };
    default: {
      const unhandled: never = event;
      return unhandled;
    }
  }
}

export const foldEmbedSession = (events: readonly ParsedEmbedSessionEvent[]): EmbedSessionState =>
  events.reduce(evolveEmbedSession, { status: 'none' } as EmbedSessionState);

/** Whether the token may still open a signer session at `now`: created, not opened yet, not expired. */
export const embedSessionUsableAt = (state: EmbedSessionState, now: Date): boolean =>
  state.status === 'created' && now.getTime() < Date.parse(state.expiresAt);
