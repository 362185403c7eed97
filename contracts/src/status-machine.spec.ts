import { PROCESS_STATUSES } from './domain-values.js';
import { ENDED_STATUSES, OPEN_STATUSES, cabinetBucketOf, dealLifecycle, hasEnded, isOverdue } from './status-machine.js';

describe('The status machine', () => {
  it('splits the statuses into open and ended ones, each status in exactly one', () => {
    expect([...OPEN_STATUSES, ...ENDED_STATUSES].sort()).toEqual([...PROCESS_STATUSES].sort());
    expect(OPEN_STATUSES).toContain('identification_failed');
  });

  it('ends a process closed after its last identification failure, though its status stays identification_failed', () => {
    expect(hasEnded({ status: 'identification_failed', closed: false })).toBeFalse();
    expect(hasEnded({ status: 'identification_failed', closed: true })).toBeTrue();
    expect(hasEnded({ status: 'expired', closed: false })).toBeTrue();
  });

  it('calls a process overdue while it is open and its deadline has passed', () => {
    const now = Date.parse('2026-11-25T12:00:00.000Z');
    expect(isOverdue({ status: 'invited', closed: false, expiresAt: '2026-11-25T12:00:00.000Z' }, now)).toBeTrue();
    expect(isOverdue({ status: 'invited', closed: false, expiresAt: '2026-11-25T12:00:00.001Z' }, now)).toBeFalse();
    expect(isOverdue({ status: 'signed', closed: false, expiresAt: '2026-11-25T11:00:00.000Z' }, now)).toBeFalse();
  });

  it('puts a process in its cabinet bucket', () => {
    expect(cabinetBucketOf({ status: 'code_sent', closed: false })).toBe('awaiting');
    expect(cabinetBucketOf({ status: 'identification_failed', closed: false })).toBe('awaiting');
    expect(cabinetBucketOf({ status: 'identification_failed', closed: true })).toBe('closed');
    expect(cabinetBucketOf({ status: 'archived', closed: false })).toBe('signed');
    expect(cabinetBucketOf({ status: 'cancelled', closed: false })).toBe('closed');
  });

  it("reads a deal's lifecycle from the API's deal", () => {
    const deal = { status: 'identification_failed' as const, expiresAt: '2026-12-01T00:00:00.000Z', identification: { closed: true } };
    expect(dealLifecycle(deal)).toEqual({ status: 'identification_failed', closed: true, expiresAt: '2026-12-01T00:00:00.000Z' });
    expect(hasEnded(dealLifecycle(deal))).toBeTrue();
  });
});
