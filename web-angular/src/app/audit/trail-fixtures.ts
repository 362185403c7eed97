import type { TrailEntry, TrailVerification } from '../shared/api/api-types';

/** Trail entries and verifications for the audit specs. */
export const fact = (revision: number, extra: Partial<TrailEntry> = {}): TrailEntry => ({
  streamId: 'signing-p1',
  position: String(100 + revision),
  revision,
  type: revision === 0 ? 'SigningProcessCreated' : 'SignerInvited',
  occurredAt: '2026-11-25T08:00:00.000Z',
  actor: { id: 'u-manager', role: 'manager' },
  ip: '10.0.0.1',
  userAgent: 'Mozilla/5.0',
  correlationId: 'corr-1',
  causationId: null,
  data: { title: 'Договор поставки', signer: { fullName: 'Иван Иванов', inn: '500100732259' } },
  hash: `${revision}`.repeat(64),
  prevHash: revision === 0 ? '0'.repeat(64) : `${revision - 1}`.repeat(64),
  ...extra,
});

export const VALID: TrailVerification = { valid: true, events: 2, head: 'a'.repeat(64) };
export const BROKEN: TrailVerification = { valid: false, events: 2, head: 'b'.repeat(64), brokenAt: 1, reason: 'hash mismatch' };
