import type { Routes } from '@angular/router';
import { provideEffects } from '@ngrx/effects';
import { provideState } from '@ngrx/store';
import { managerGuard } from '../core/auth/role.guard';
import { MESSAGES } from '../shared/i18n/messages.ru';
import { provideBranches } from '../shared/branches/branches.effects';
import { DealsBoardPage } from './board/deals-board.page';
import { DealPage } from './deal/deal.page';
import { NewRequestPage } from './new/new-request.page';
import { BATCH_ROUTE } from './batch/batch.routes';
import { dealsEffects } from './deals.effects';
import { dealsFeature } from './deals.feature';

/**
 * Mounted at `/deals` (employees: manager, auditor, admin): `''` the live board (manager: own
 * branch; auditor/admin: all deals), `new` the new signing request (manager only), `:processId`
 * the deal page (input `processId`).
 */
export const DEALS_ROUTES: Routes = [
  {
    path: '',
    providers: [provideState(dealsFeature), provideEffects(dealsEffects), ...provideBranches()],
    children: [
      { path: '', component: DealsBoardPage, data: { title: MESSAGES.nav.board } },
      { path: 'new', canActivate: [managerGuard], component: NewRequestPage, data: { title: MESSAGES.nav.newDeal } },
      BATCH_ROUTE,
      { path: ':processId', component: DealPage, data: { title: MESSAGES.deals.deal.heading } },
    ],
  },
];
