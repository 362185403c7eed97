import { TestBed } from '@angular/core/testing';
import { provideMockActions } from '@ngrx/effects/testing';
import type { Action } from '@ngrx/store';
import { MockStore, provideMockStore } from '@ngrx/store/testing';
import { Subject, of, throwError, type Observable } from 'rxjs';
import { ApiClient } from '../shared/api/api-client';
import { employeeSession, problem } from '../testing/auth-fixtures';
import { DealActions, DealsApiActions, DealsBoardActions } from './deals.actions';
import * as effects from './deals.effects';
import type { DealEventSource } from './event-source.token';
import { EVENT_SOURCE_FACTORY } from './event-source.token';
import { deal, dealPage, stats } from '@e-contract/contracts/testing';
import { dealsRootState } from './testing/deal-fixtures';

class FakeEventSource implements DealEventSource {
  closed = false;
  private readonly listeners: ((event: Event) => void)[] = [];
  constructor(readonly url: string) {}
  addEventListener(_type: string, listener: (event: Event) => void): void {
    this.listeners.push(listener);
  }
  close(): void {
    this.closed = true;
  }
  emit(data: unknown): void {
    for (const listener of this.listeners) listener(new MessageEvent('deal', { data: JSON.stringify(data) }));
  }
}

describe('deals effects', () => {
  let actions$: Subject<Action>;
  let api: jasmine.SpyObj<ApiClient>;
  let sources: FakeEventSource[];

  beforeEach(() => {
    actions$ = new Subject<Action>();
    sources = [];
    api = jasmine.createSpyObj<ApiClient>('ApiClient', ['listDeals', 'dealStreamUrl', 'getDeal', 'reissueInvitation', 'getStats']);
    api.dealStreamUrl.and.callFake((query, token, after) => `/api/deals/stream?status=${String(query.status)}&t=${token}&after=${after}`);
    TestBed.configureTestingModule({
      providers: [
        provideMockActions(() => actions$ as Observable<Action>),
        provideMockStore({
          initialState: dealsRootState({ filters: { status: 'invited' }, page: 2 }, { session: employeeSession() }),
        }),
        { provide: ApiClient, useValue: api },
        {
          provide: EVENT_SOURCE_FACTORY,
          useValue: (url: string) => {
            const source = new FakeEventSource(url);
            sources.push(source);
            return source;
          },
        },
      ],
    });
  });

  it('loads the list with the filters and page from the state', () => {
    api.listDeals.and.returnValue(of(dealPage([deal({ processId: 'a' })])));
    const out: Action[] = [];
    TestBed.runInInjectionContext(() => effects.loadDealsList()).subscribe((a) => out.push(a));
    actions$.next(DealsBoardActions.opened());
    expect(api.listDeals).toHaveBeenCalledWith({ status: 'invited', sort: '-updatedAt', page: 2, pageSize: 20 });
    expect(out).toEqual([DealsApiActions.listLoaded({ page: dealPage([deal({ processId: 'a' })]) })]);
  });

  it('reads the counts per status when the board opens, and again after live changes (at most every few seconds) until it closes', () => {
    jasmine.clock().install();
    api.getStats.and.returnValue(of(stats({ byStatus: { invited: 2, declined: 1 } })));
    const out: Action[] = [];
    TestBed.runInInjectionContext(() => effects.loadStatusCounts()).subscribe((a) => out.push(a));
    actions$.next(DealsBoardActions.opened());
    expect(out).toEqual([DealsApiActions.countsLoaded({ byStatus: { invited: 2, declined: 1 } })]);
    actions$.next(DealsApiActions.dealStreamed({ deal: deal({ processId: 'a' }) }));
    actions$.next(DealsApiActions.dealStreamed({ deal: deal({ processId: 'b' }) }));
    jasmine.clock().tick(effects.COUNTS_REFRESH_MS + 1);
    expect(api.getStats).toHaveBeenCalledTimes(2);
    actions$.next(DealsBoardActions.closed());
    actions$.next(DealsApiActions.dealStreamed({ deal: deal({ processId: 'c' }) }));
    jasmine.clock().tick(effects.COUNTS_REFRESH_MS + 1);
    expect(api.getStats).toHaveBeenCalledTimes(2);
    jasmine.clock().uninstall();
  });

  it('turns a failed load into a problem', () => {
    api.listDeals.and.returnValue(throwError(() => problem(503, 'http-503')));
    const out: Action[] = [];
    TestBed.runInInjectionContext(() => effects.loadDealsList()).subscribe((a) => out.push(a));
    actions$.next(DealsBoardActions.opened());
    expect(out).toEqual([DealsApiActions.listFailed({ problem: problem(503, 'http-503') })]);
  });

  it('opens the stream after the list from its position, upserts each deal, closes on leaving', () => {
    const out: Action[] = [];
    TestBed.runInInjectionContext(() => effects.followDealsStream()).subscribe((a) => out.push(a));
    actions$.next(DealsApiActions.listLoaded({ page: dealPage([], { position: '123' }) }));
    expect(api.dealStreamUrl).toHaveBeenCalledWith({ status: 'invited' }, 'employee-token', '123');
    expect(sources.length).toBe(1);
    sources[0]!.emit(deal({ processId: 'fresh', position: '124' }));
    expect(out).toEqual([DealsApiActions.dealStreamed({ deal: deal({ processId: 'fresh', position: '124' }) })]);
    actions$.next(DealsBoardActions.closed());
    expect(sources[0]!.closed).toBeTrue();
  });

  it("follows the stream from a deal page's position and passes on that deal only, until the page closes", () => {
    const out: Action[] = [];
    TestBed.runInInjectionContext(() => effects.followDealStream()).subscribe((a) => out.push(a));
    actions$.next(DealActions.loaded({ deal: deal({ processId: 'p1', position: '40' }) }));
    expect(api.dealStreamUrl).toHaveBeenCalledWith({}, 'employee-token', '40');
    sources[0]!.emit(deal({ processId: 'other', position: '41' }));
    sources[0]!.emit(deal({ processId: 'p1', position: '42', status: 'invited' }));
    expect(out).toEqual([DealsApiActions.dealStreamed({ deal: deal({ processId: 'p1', position: '42', status: 'invited' }) })]);
    actions$.next(DealActions.closed());
    expect(sources[0]!.closed).toBeTrue();
  });

  it('closes the old stream when the filters change', () => {
    TestBed.runInInjectionContext(() => effects.followDealsStream()).subscribe();
    actions$.next(DealsApiActions.listLoaded({ page: dealPage([], { position: '1' }) }));
    actions$.next(DealsBoardActions.filtersChanged({ filters: {} }));
    expect(sources[0]!.closed).toBeTrue();
  });

  it('re-reads a deal at the command position after a command', () => {
    const out: Action[] = [];
    TestBed.runInInjectionContext(() => effects.rereadAfterCommand()).subscribe((a) => out.push(a));
    actions$.next(DealActions.commandSucceeded({ answer: { processId: 'p1', revision: 3, position: '500' } }));
    expect(out).toEqual([DealActions.opened({ processId: 'p1', minPosition: '500' })]);
    api.getDeal.and.returnValue(of(deal({ processId: 'p1' })));
    TestBed.runInInjectionContext(() => effects.loadDeal()).subscribe();
    actions$.next(DealActions.opened({ processId: 'p1', minPosition: '500' }));
    expect(api.getDeal).toHaveBeenCalledWith('p1', { minPosition: '500' });
  });

  it('keeps the store as the source of the token', () => {
    expect(TestBed.inject(MockStore)).toBeTruthy();
  });
});
