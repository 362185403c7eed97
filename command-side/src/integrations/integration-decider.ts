import type { IntegrationCreatedData, IntegrationRevokedData } from '@e-contract/contracts';
import type { IntegrationState } from '@e-contract/platform/auth';
import { IntegrationExists, IntegrationNotFound } from './integration-errors.js';

/** What an admin may ask of an integration (API.md, "Integrations"). */
export type IntegrationCommand =
  { type: 'CreateIntegration'; integration: IntegrationCreatedData } | { type: 'RevokeIntegration'; integrationId: string };

/** The facts of an integration's own stream. */
export type IntegrationFact =
  { type: 'IntegrationCreated'; data: IntegrationCreatedData } | { type: 'IntegrationRevoked'; data: IntegrationRevokedData };

/**
 * The rules of an integration, pure: the state is platform's fold (`evolveIntegration`), the one
 * every process that authenticates a key reads too. Revoking is idempotent: a second DELETE records
 * nothing and answers as the first (the key stopped working with the first).
 */
export function decideIntegration(command: IntegrationCommand, state: IntegrationState): IntegrationFact[] {
  switch (command.type) {
    case 'CreateIntegration':
      if (state.status !== 'none') throw new IntegrationExists(command.integration.integrationId);
      return [{ type: 'IntegrationCreated', data: command.integration }];
    case 'RevokeIntegration':
      if (state.status === 'none') throw new IntegrationNotFound(command.integrationId);
      if (state.status === 'revoked') return [];
      return [{ type: 'IntegrationRevoked', data: { integrationId: state.integrationId } }];
    default: {
      const unhandled: never = command;
      return unhandled;
    }
  }
}
