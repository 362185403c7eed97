import type { IntegrationCreatedAnswer, IntegrationRow } from '../../shared/api/api-types';

/** Integrations as the API answers them (specs only). */
export const activeRow: IntegrationRow = {
  integrationId: '0f8fad5b-d9cb-469f-a165-70867728950e',
  name: 'CRM «Продажи»',
  branchId: 'msk',
  allowedOrigins: ['https://crm.example.com'],
  keyPrefix: 'ec_0f8fad5b',
  createdAt: '2026-11-25T08:00:00.000Z',
  createdBy: { id: 'u-admin', role: 'admin' },
  expiresAt: null,
  lastUsedAt: '2026-11-25T09:30:00.000Z',
  revokedAt: null,
  status: 'active',
};

export const revokedRow: IntegrationRow = {
  ...activeRow,
  integrationId: '7c9e6679-7425-40de-944b-e07fc1f90ae7',
  name: 'Учёт',
  keyPrefix: 'ec_7c9e6679',
  allowedOrigins: [],
  lastUsedAt: null,
  revokedAt: '2026-11-26T08:00:00.000Z',
  status: 'revoked',
};

export const createdAnswer: IntegrationCreatedAnswer = {
  integrationId: '1b4e28ba-2fa1-41d2-883f-0016d3cca427',
  name: 'Кабинет клиента',
  branchId: 'spb',
  allowedOrigins: [],
  apiKey: `ec_1b4e28ba2fa141d2883f0016d3cca427_${'K'.repeat(43)}`,
  keyPrefix: 'ec_1b4e28ba',
  createdAt: '2026-11-27T08:00:00.000Z',
  expiresAt: null,
};
