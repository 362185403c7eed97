import { TestBed } from '@angular/core/testing';
import { provideMockActions } from '@ngrx/effects/testing';
import type { Action } from '@ngrx/store';
import { firstValueFrom, Observable, of, throwError } from 'rxjs';
import { ApiClient } from '../shared/api/api-client';
import { problem } from '../testing/auth-fixtures';
import { KpiActions } from './kpi.actions';
import * as effects from './kpi.effects';
import { stats } from '@e-contract/contracts/testing';

describe('kpi effects', () => {
  let actions$: Observable<Action>;
  let api: jasmine.SpyObj<ApiClient>;

  beforeEach(() => {
    api = jasmine.createSpyObj<ApiClient>('ApiClient', ['getStats']);
    TestBed.configureTestingModule({ providers: [provideMockActions(() => actions$), { provide: ApiClient, useValue: api }] });
  });

  const run = () => firstValueFrom(TestBed.runInInjectionContext(effects.loadStats));

  it('reads the statistics of the query', async () => {
    api.getStats.and.returnValue(of(stats()));
    const query = { from: '2026-11-01', to: '2026-11-25', branchId: 'msk' };
    actions$ = of(KpiActions.queryChanged({ query }));
    expect(await run()).toEqual(KpiActions.statsLoaded({ stats: stats() }));
    expect(api.getStats).toHaveBeenCalledWith(query);
  });

  it('reports a failed read', async () => {
    api.getStats.and.returnValue(throwError(() => problem(400, 'validation')));
    actions$ = of(KpiActions.queryChanged({ query: {} }));
    expect(await run()).toEqual(KpiActions.statsFailed({ problem: problem(400, 'validation') }));
  });
});
