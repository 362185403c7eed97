import { initialDealsState } from './deals.feature';
import { dealsFeature } from './deals.feature';
import { compareDeals, dealHasEnded, expiryMark, selectDealById, selectDeals, selectPageCount, selectStatusChips } from './deals.selectors';
import { hasFilters, isNeedsActionView } from './deal-filters';
import { DealsApiActions } from './deals.actions';
import { deal, dealPage } from '@e-contract/contracts/testing';
import { dealsRootState } from './testing/deal-fixtures';

describe('deals selectors', () => {
  const state = (() => {
    const deals = dealsFeature.reducer(
      initialDealsState,
      DealsApiActions.listLoaded({
        page: dealPage(
          [
            deal({ processId: 'old', updatedAt: '2026-11-01T00:00:00.000Z' }),
            deal({ processId: 'new', updatedAt: '2026-11-02T00:00:00.000Z' }),
          ],
          {
            total: 45,
          },
        ),
      }),
    );
    return dealsRootState(deals);
  })();

  it('lists the deals most recently updated first', () => {
    expect(selectDeals(state).map((d) => d.processId)).toEqual(['new', 'old']);
  });

  it('counts the pages and finds a deal by id', () => {
    expect(selectPageCount(state)).toBe(3);
    expect(selectDealById('old')(state)?.processId).toBe('old');
    expect(selectDealById('none')(state)).toBeNull();
  });

  it('marks deals that expire within 24 hours or have expired, not ended ones', () => {
    const now = Date.parse('2026-11-25T10:00:00.000Z');
    const open = { identification: { closed: false } };
    expect(expiryMark({ status: 'invited', expiresAt: '2026-11-26T09:00:00.000Z', ...open }, now)).toBe('soon');
    expect(expiryMark({ status: 'invited', expiresAt: '2026-11-27T10:00:00.000Z', ...open }, now)).toBeNull();
    expect(expiryMark({ status: 'code_sent', expiresAt: '2026-11-25T09:00:00.000Z', ...open }, now)).toBe('expired');
    expect(expiryMark({ status: 'signed', expiresAt: '2026-11-25T11:00:00.000Z', ...open }, now)).toBeNull();
    expect(expiryMark({ status: 'expired', expiresAt: '2026-11-25T09:00:00.000Z', ...open }, now)).toBeNull();
  });

  it('tells a failed identification with tries left (still open) from one closed after the last try (ended)', () => {
    const now = Date.parse('2026-11-25T10:00:00.000Z');
    const failed = { status: 'identification_failed' as const, expiresAt: '2026-11-26T09:00:00.000Z' };
    expect(dealHasEnded({ ...failed, identification: { closed: false } })).toBeFalse();
    expect(expiryMark({ ...failed, identification: { closed: false } }, now)).toBe('soon');
    expect(dealHasEnded({ ...failed, identification: { closed: true } })).toBeTrue();
    expect(expiryMark({ ...failed, identification: { closed: true } }, now)).toBeNull();
  });

  it('orders the board as the API does: by the field, then the process id, both in the chosen direction', () => {
    const a = deal({ processId: 'a', title: 'Акт № 2' });
    const b = deal({ processId: 'b', title: 'Акт № 10' });
    const c = deal({ processId: 'c', title: 'Акт № 2' });
    expect([b, c, a].sort(compareDeals('title')).map((d) => d.processId)).toEqual(['b', 'a', 'c']);
    expect([b, c, a].sort(compareDeals('-title')).map((d) => d.processId)).toEqual(['c', 'a', 'b']);
  });

  it('counts every deal and those needing action from the counts per status', () => {
    const chips = selectStatusChips.projector({ invited: 3, identification_failed: 1, declined: 2, expired: 1, signed: 4 });
    expect(chips).toEqual(jasmine.objectContaining({ total: 11, needsAction: 4 }));
    expect(selectStatusChips.projector(null)).toBeNull();
  });

  it('tells the «Требуют действий» view and whether any filter narrows the list', () => {
    expect(isNeedsActionView({ status: ['expired', 'declined', 'identification_failed'] })).toBeTrue();
    expect(isNeedsActionView({ status: ['expired', 'declined'] })).toBeFalse();
    expect(hasFilters({})).toBeFalse();
    expect(hasFilters({ status: [] })).toBeFalse();
    expect(hasFilters({ q: 'Иванов' })).toBeTrue();
  });
});
