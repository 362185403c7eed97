import { createActionGroup, props } from '@ngrx/store';
import type { ApiProblem } from '../shared/api/api-problem';
import type { Stats, StatsQuery } from '../shared/api/api-types';

/** The KPI dashboard: a range/branch is chosen, the statistics arrive. */
export const KpiActions = createActionGroup({
  source: 'KPI',
  events: {
    queryChanged: props<{ query: StatsQuery }>(),
    statsLoaded: props<{ stats: Stats }>(),
    statsFailed: props<{ problem: ApiProblem }>(),
  },
});
