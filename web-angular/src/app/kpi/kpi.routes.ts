import type { Routes } from '@angular/router';
import { provideEffects } from '@ngrx/effects';
import { provideState } from '@ngrx/store';
import { provideBranches } from '../shared/branches/branches.effects';
import { MESSAGES } from '../shared/i18n/messages.ru';
import { kpiEffects } from './kpi.effects';
import { kpiFeature } from './kpi.feature';
import { KpiPage } from './kpi.page';

/** Mounted at `/kpi` (manager: own branch; auditor, admin): the statistics of `GET /api/stats`. */
export const KPI_ROUTES: Routes = [
  {
    path: '',
    component: KpiPage,
    providers: [provideState(kpiFeature), provideEffects(kpiEffects), ...provideBranches()],
    data: { title: MESSAGES.nav.kpi },
  },
];
