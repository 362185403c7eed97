import { DealActions, DealsApiActions, DealsBoardActions } from './deals.actions';
import { dealsFeature, initialDealsState } from './deals.feature';
import { deal, dealPage } from '@e-contract/contracts/testing';

const reduce = dealsFeature.reducer;

describe('deals reducer', () => {
  it('holds the loaded page: items, total, paging and the position', () => {
    const state = reduce(
      { ...initialDealsState, loading: true },
      DealsApiActions.listLoaded({
        page: dealPage([deal({ processId: 'a' }), deal({ processId: 'b' })], { total: 42, page: 2, position: '77' }),
      }),
    );
    expect(state.ids.length).toBe(2);
    expect(state.total).toBe(42);
    expect(state.page).toBe(2);
    expect(state.position).toBe('77');
    expect(state.loading).toBeFalse();
  });

  it('upserts a streamed deal: a new one is added, a known one replaced by a later version', () => {
    let state = reduce(
      initialDealsState,
      DealsApiActions.listLoaded({ page: dealPage([deal({ processId: 'a', position: '5' })], { position: '5' }) }),
    );
    state = reduce(state, DealsApiActions.dealStreamed({ deal: deal({ processId: 'b', position: '6' }) }));
    expect(state.ids).toContain('b');
    expect(state.total).toBe(2);
    expect(state.position).toBe('6');
    state = reduce(state, DealsApiActions.dealStreamed({ deal: deal({ processId: 'a', position: '7', status: 'signed' }) }));
    expect(state.entities['a']!.status).toBe('signed');
    expect(state.total).toBe(2);
  });

  it('ignores a streamed version older than the one held', () => {
    const loaded = reduce(
      initialDealsState,
      DealsApiActions.listLoaded({ page: dealPage([deal({ processId: 'a', position: '9', status: 'signed' })]) }),
    );
    const state = reduce(loaded, DealsApiActions.dealStreamed({ deal: deal({ processId: 'a', position: '8', status: 'invited' }) }));
    expect(state.entities['a']!.status).toBe('signed');
  });

  it('a filter change resets the page to the first', () => {
    const state = reduce({ ...initialDealsState, page: 3 }, DealsBoardActions.filtersChanged({ filters: { status: 'signed' } }));
    expect(state.page).toBe(1);
    expect(state.filters).toEqual({ status: 'signed' });
    expect(state.loading).toBeTrue();
  });

  it('keeps the create form problem until the form opens again', () => {
    const problem = { status: 400, type: 'x/validation', code: 'validation', title: '', detail: '' };
    const failed = reduce(initialDealsState, DealActions.createFailed({ problem }));
    expect(failed.createError).toEqual(problem);
    expect(reduce(failed, DealActions.createFormOpened()).createError).toBeNull();
  });
});
