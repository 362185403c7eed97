import { CorruptEvent } from './corrupt-event.js';
import { parseExternalIdEvent, parseIntegrationListed } from './index-event-schemas.js';
import { parseIntegrationEvent, parseIntegrationUsed } from './integration-event-schemas.js';
import { stored, thrownBy } from './stored-event-fixtures.js';

describe('the facts of integrations and their indexes', () => {
  const created = {
    integrationId: '0f8fad5b-d9cb-469f-a165-70867728950e',
    name: 'CRM',
    branchId: 'msk',
    allowedOrigins: ['https://crm.example.com'],
    keySha256: 'a'.repeat(64),
    keyPrefix: 'ec_0f8fad5b',
    expiresAt: null,
  };

  it('reads an integration created (with or without an expiry), revoked, used and listed', () => {
    expect(parseIntegrationEvent(stored('IntegrationCreated', created)).data).toEqual(created);
    const expiring = { ...created, expiresAt: '2027-01-01T00:00:00.000Z' };
    expect(parseIntegrationEvent(stored('IntegrationCreated', expiring)).data).toEqual(expiring);
    expect(parseIntegrationEvent(stored('IntegrationRevoked', { integrationId: created.integrationId })).type).toBe('IntegrationRevoked');
    expect(parseIntegrationUsed(stored('IntegrationUsed', { integrationId: created.integrationId })).data.integrationId).toBe(
      created.integrationId,
    );
    expect(parseIntegrationListed(stored('IntegrationListed', { integrationId: created.integrationId })).data.integrationId).toBe(
      created.integrationId,
    );
  });

  it('refuses a key hash that is not 64 hex digits, naming the path', () => {
    const error = thrownBy(() => parseIntegrationEvent(stored('IntegrationCreated', { ...created, keySha256: 'ec_secret' })));
    expect(error).toBeInstanceOf(CorruptEvent);
    expect((error as CorruptEvent).paths).toEqual(['data.keySha256']);
  });

  it('refuses another type in an integration stream and in an externalId index', () => {
    expect((thrownBy(() => parseIntegrationEvent(stored('IntegrationUsed', { integrationId: 'x' }))) as CorruptEvent).paths).toEqual([
      'type',
    ]);
    expect((thrownBy(() => parseExternalIdEvent(stored('IntegrationListed', { integrationId: 'x' }))) as CorruptEvent).paths).toEqual([
      'type',
    ]);
  });

  it('reads the claims and releases of an externalId', () => {
    expect(parseExternalIdEvent(stored('ExternalIdClaimed', { processId: 'p1' }))).toEqual(
      jasmine.objectContaining({ type: 'ExternalIdClaimed', data: { processId: 'p1' } }),
    );
    expect(parseExternalIdEvent(stored('ExternalIdReleased', { processId: 'p1' })).type).toBe('ExternalIdReleased');
  });
});
