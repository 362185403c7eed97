import type { Actor, IntegrationCreatedData } from '@e-contract/contracts';
import type { ParsedIntegrationEvent } from '@e-contract/contracts/events';

/**
 * An integration as its stream (`integration-<id>`) tells it: the one fold that both the command
 * side (deciding on creation and revocation) and every process that authenticates an API key read.
 */
export type IntegrationState =
  | { status: 'none' }
  | (IntegrationCreatedData & {
      status: 'active' | 'revoked';
      createdAt: string;
      createdBy: Actor;
      revokedAt: string | null;
    });

export const initialIntegrationState: IntegrationState = { status: 'none' };

export function evolveIntegration(state: IntegrationState, event: ParsedIntegrationEvent): IntegrationState {
  switch (event.type) {
    case 'IntegrationCreated':
      return {
        ...event.data,
        status: 'active',
        createdAt: event.metadata.occurredAt,
        createdBy: event.metadata.actor,
        revokedAt: null,
      };
    case 'IntegrationRevoked':
      return state.status === 'none' ? state : { ...state, status: 'revoked', revokedAt: event.metadata.occurredAt };
    default: {
      const unhandled: never = event;
      return unhandled;
    }
  }
}

export const foldIntegration = (events: readonly ParsedIntegrationEvent[]): IntegrationState =>
  events.reduce(evolveIntegration, initialIntegrationState);

/** Whether the key of this integration opens requests at `now`: unknown, revoked and expired ones do not. */
export function integrationStatusAt(state: IntegrationState, now: Date): 'none' | 'active' | 'revoked' | 'expired' {
  if (state.status !== 'active') return state.status;
  return state.expiresAt !== null && Date.parse(state.expiresAt) <= now.getTime() ? 'expired' : 'active';
}
