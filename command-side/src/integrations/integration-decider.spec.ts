import type { IntegrationCreatedData, RecordedEvent } from '@e-contract/contracts';
import { foldIntegration } from '@e-contract/platform/auth';
import type { ParsedIntegrationEvent } from '@e-contract/contracts/events';
import { decideIntegration, type IntegrationCommand, type IntegrationFact } from './integration-decider.js';
import { IntegrationExists, IntegrationNotFound } from './integration-errors.js';

const INTEGRATION: IntegrationCreatedData = {
  integrationId: '0f8fad5b-d9cb-469f-a165-70867728950e',
  name: 'CRM «Продажи»',
  branchId: 'msk',
  allowedOrigins: ['https://crm.example.com'],
  keySha256: 'a'.repeat(64),
  keyPrefix: 'ec_0f8fad5b',
  expiresAt: null,
};
const created: IntegrationFact = { type: 'IntegrationCreated', data: INTEGRATION };
const revoked: IntegrationFact = { type: 'IntegrationRevoked', data: { integrationId: INTEGRATION.integrationId } };
const create: IntegrationCommand = { type: 'CreateIntegration', integration: INTEGRATION };
const revoke: IntegrationCommand = { type: 'RevokeIntegration', integrationId: INTEGRATION.integrationId };

/** given / when / then over platform's fold, as the handler runs the decider. */
function given(history: readonly IntegrationFact[]) {
  const state = foldIntegration(
    history.map(
      (fact, revision) =>
        ({
          ...fact,
          eventId: `e${revision}`,
          streamId: `integration-${INTEGRATION.integrationId}`,
          revision,
          position: String(revision + 1),
          metadata: {
            actor: { id: 'admin-1', role: 'admin' },
            occurredAt: '2026-11-25T08:00:00.000Z',
            ip: null,
            userAgent: null,
            correlationId: null,
            causationId: null,
            schemaVersion: 1,
            prevHash: '0'.repeat(64),
            hash: '0'.repeat(64),
          },
        }) as RecordedEvent as ParsedIntegrationEvent,
    ),
  );
  return {
    when: (command: IntegrationCommand) => ({
      then: (expected: IntegrationFact[]) => expect(decideIntegration(command, state)).toEqual(expected),
      thenThrows: (errorType: new (integrationId: string) => Error) =>
        expect(() => decideIntegration(command, state)).toThrowError(errorType),
    }),
  };
}

describe('the integration decider', () => {
  it('creates an integration from nothing', () => given([]).when(create).then([created]));
  it('refuses to create one that exists', () => given([created]).when(create).thenThrows(IntegrationExists));
  it('revokes an active integration', () => given([created]).when(revoke).then([revoked]));
  it('records nothing when revoking again: the key stopped working with the first', () => given([created, revoked]).when(revoke).then([]));
  it('refuses to revoke an unknown integration', () => given([]).when(revoke).thenThrows(IntegrationNotFound));
});
