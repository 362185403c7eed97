import { createFeature, createReducer, createSelector, on } from '@ngrx/store';
import type { ApiProblem } from '../shared/api/api-problem';
import type { ProcessStatus, Stats, StatsQuery } from '../shared/api/api-types';
import { MESSAGES } from '../shared/i18n/messages.ru';
import { KpiActions } from './kpi.actions';

export interface KpiState {
  query: StatsQuery;
  stats: Stats | null;
  loading: boolean;
  problem: ApiProblem | null;
}

export const initialKpiState: KpiState = { query: {}, stats: null, loading: false, problem: null };

const STATUS_ORDER = Object.keys(MESSAGES.status) as ProcessStatus[];

export const kpiFeature = createFeature({
  name: 'kpi',
  reducer: createReducer(
    initialKpiState,
    on(KpiActions.queryChanged, (state, { query }): KpiState => ({ ...state, query, loading: true, problem: null })),
    on(KpiActions.statsLoaded, (state, { stats }): KpiState => ({ ...state, stats, loading: false })),
    on(KpiActions.statsFailed, (state, { problem }): KpiState => ({ ...state, loading: false, problem })),
  ),
  extraSelectors: ({ selectStats }) => ({
    /** Non-zero counts by status, in the lifecycle's order. */
    selectStatusCounts: createSelector(selectStats, (stats) =>
      STATUS_ORDER.filter((status) => (stats?.byStatus[status] ?? 0) > 0).map((status) => ({
        status,
        count: stats?.byStatus[status] ?? 0,
      })),
    ),
    selectByDay: createSelector(selectStats, (stats) => [...(stats?.byDay ?? [])].sort((a, b) => a.day.localeCompare(b.day))),
    selectByBranch: createSelector(selectStats, (stats) => stats?.byBranch ?? []),
  }),
});
