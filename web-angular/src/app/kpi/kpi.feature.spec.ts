import { problem } from '../testing/auth-fixtures';
import { KpiActions } from './kpi.actions';
import { initialKpiState, kpiFeature } from './kpi.feature';
import { stats } from '@e-contract/contracts/testing';

describe('kpi feature', () => {
  it('loads the statistics of the chosen range', () => {
    const query = { from: '2026-11-01', to: '2026-11-25' };
    const loading = kpiFeature.reducer(initialKpiState, KpiActions.queryChanged({ query }));
    expect(loading).toEqual({ ...initialKpiState, query, loading: true });
    const loaded = kpiFeature.reducer(loading, KpiActions.statsLoaded({ stats: stats() }));
    expect(loaded.stats).toEqual(stats());
    expect(loaded.loading).toBeFalse();
  });

  it('keeps the problem of a failed read', () => {
    const failed = kpiFeature.reducer(initialKpiState, KpiActions.statsFailed({ problem: problem(403, 'forbidden') }));
    expect(failed.problem?.code).toBe('forbidden');
  });

  it('selects the non-zero counts in lifecycle order and the days in date order', () => {
    expect(kpiFeature.selectStatusCounts.projector(stats())).toEqual([
      { status: 'invited', count: 3 },
      { status: 'signed', count: 7 },
      { status: 'declined', count: 2 },
    ]);
    expect(kpiFeature.selectByDay.projector(stats()).map((d) => d.day)).toEqual(['2026-11-23', '2026-11-24']);
    expect(kpiFeature.selectStatusCounts.projector(null)).toEqual([]);
  });
});
