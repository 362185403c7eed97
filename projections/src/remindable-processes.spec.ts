import { deal, type DealOverrides } from '@e-contract/contracts/testing';
import type { Deal } from '@e-contract/contracts';
import { remindableProcessesOf } from './remindable-processes.js';

describe('remindable processes (the reminder sweep reads the deals read model)', () => {
  const now = new Date('2026-11-25T10:00:00.000Z');
  const byId = (...deals: Deal[]) => ({
    // The query's status filter is the store's: the spec hands back what a store would.
    findDeals: async () => ({ items: deals, total: deals.length, page: 1, pageSize: 100, position: '1' }),
  });
  const waiting = (processId: string, overrides: DealOverrides = {}) =>
    deal({
      processId,
      status: 'invited',
      timeline: { ...deal().timeline, invited: '2026-11-24T09:00:00.000Z' },
      expiresAt: '2026-12-01T09:00:00.000Z',
      ...overrides,
    });
  const automatic = {
    fact: 'SignerReminded' as const,
    at: '2026-11-25T06:00:00.000Z',
    actor: { id: 'system:notifications', role: 'system' },
  };

  it('names the deals invited a day ago or ending within a day, with fewer than two automatic reminders', async () => {
    const base = deal().history;
    const items = await remindableProcessesOf(
      byId(
        waiting('a'),
        waiting('fresh', { timeline: { ...deal().timeline, invited: '2026-11-25T09:00:00.000Z' } }),
        waiting('ending', { timeline: { ...deal().timeline, invited: '2026-11-25T09:00:00.000Z' }, expiresAt: '2026-11-26T09:00:00.000Z' }),
        waiting('twice', { history: [...base, automatic, automatic] }),
        waiting('not-invited', { timeline: { ...deal().timeline, invited: null } }),
        waiting('overdue', { expiresAt: '2026-11-25T09:00:00.000Z' }),
      ),
    ).remindable(now, 1, 100);
    expect(items).toEqual(['a', 'ending']);
  });
});
