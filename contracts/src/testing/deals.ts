import { identificationNotStarted, timelineFrom } from '../deal-start.js';
import type { SignerDetails } from '../events/signing-events.js';
import type { Deal, DealPage } from '../wire/deals.js';
import type { Stats } from '../wire/stats.js';
import { DOCUMENT, MANAGER, MANAGER_NAME, PROCESS_ID, SIGNER } from './signing-facts.js';

/** Read-side answers as the API gives them (test data): deals, a page of them, statistics. */

export interface DealOverrides extends Partial<Omit<Deal, 'signer'>> {
  /** Merged into the default signer. */
  signer?: Partial<SignerDetails>;
  /** The INN identification confirmed (the person named as the signer); none unless given. */
  personInn?: string | null;
}

/** An invited deal of the default process, created 2026-11-20 and due a month later; `overrides` set what a spec looks at. */
export function deal(overrides: DealOverrides = {}): Deal {
  const { signer: signerOverrides, personInn, ...rest } = overrides;
  const signer = { ...SIGNER, ...signerOverrides };
  const createdAt = overrides.createdAt ?? '2026-11-20T10:00:00.000Z';
  return {
    processId: PROCESS_ID,
    status: 'invited',
    kind: 'contract',
    title: 'Договор оказания услуг № 17',
    manager: { id: MANAGER.id, name: MANAGER_NAME },
    branchId: 'msk',
    documents: [{ ...DOCUMENT }],
    createdAt,
    updatedAt: createdAt,
    expiresAt: '2026-12-20T10:00:00.000Z',
    timeline: { ...timelineFrom(createdAt), invited: createdAt },
    identification: { ...identificationNotStarted(3), person: personInn ? { fullName: signer.fullName, inn: personInn } : null },
    edoAgreement: null,
    signature: null,
    archive: null,
    endReason: null,
    history: [
      { fact: 'SigningProcessCreated', at: createdAt, actor: { id: MANAGER.id, role: 'manager' } },
      { fact: 'SignerInvited', at: createdAt, actor: { id: 'system:notifications', role: 'system' } },
    ],
    linkRequestedAt: null,
    revision: 1,
    position: '2',
    ...rest,
    signer,
  };
}

/** The first page of `GET /api/deals`, holding `items`. */
export const dealPage = (items: Deal[], overrides: Partial<DealPage> = {}): DealPage => ({
  items,
  total: items.length,
  page: 1,
  pageSize: 20,
  position: '100',
  ...overrides,
});

/** `GET /api/stats` over a dozen processes of one branch, seven of them signed. */
export const stats = (overrides: Partial<Stats> = {}): Stats => ({
  total: 12,
  byStatus: { signed: 7, invited: 3, declined: 2 },
  timeToSign: { median: 420, p90: 7500, within10MinShare: 0.8 },
  byDay: [
    { day: '2026-11-24', created: 5, signed: 4 },
    { day: '2026-11-23', created: 7, signed: 3 },
  ],
  byBranch: [{ branchId: 'msk', created: 12, signed: 7, median: 420 }],
  ...overrides,
});
