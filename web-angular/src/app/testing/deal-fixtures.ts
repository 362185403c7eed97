import { SIGNING_RULES } from '@e-contract/contracts/wire';
import type { Deal, DealPage } from '../shared/api/api-types';

/** A deal as the API answers it, invited, for specs; `patch` sets what a spec looks at. */
export const deal = (processId: string, patch: Partial<Deal> = {}): Deal => ({
  processId,
  status: 'invited',
  kind: 'contract',
  title: `Договор ${processId}`,
  signer: { type: 'individual', fullName: 'Иванов Иван', inn: '500123456789', phone: '+79001234567' },
  manager: { id: 'u-manager', name: 'Мария Петрова' },
  branchId: 'msk',
  documents: [],
  createdAt: '2026-11-20T10:00:00.000Z',
  updatedAt: '2026-11-20T10:00:00.000Z',
  expiresAt: '2026-12-20T10:00:00.000Z',
  timeline: {
    created: '2026-11-20T10:00:00.000Z',
    invited: '2026-11-20T10:00:01.000Z',
    identificationStarted: null,
    identified: null,
    identificationFailed: null,
    edoAccepted: null,
    codeSent: null,
    signed: null,
    archived: null,
    declined: null,
    cancelled: null,
    expired: null,
  },
  identification: {
    provider: null,
    requestId: null,
    failedAttempts: 0,
    attemptsLeft: SIGNING_RULES.identificationTries,
    closed: false,
    person: null,
  },
  edoAgreement: null,
  signature: null,
  archive: null,
  endReason: null,
  revision: 1,
  position: '10',
  ...patch,
});

export const dealPage = (items: Deal[], patch: Partial<DealPage> = {}): DealPage => ({
  items,
  total: items.length,
  page: 1,
  pageSize: 20,
  position: '100',
  ...patch,
});
