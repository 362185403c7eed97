import type { Route } from '@angular/router';
import { provideEffects } from '@ngrx/effects';
import { provideState } from '@ngrx/store';
import { managerGuard } from '../../core/auth/role.guard';
import { MESSAGES } from '../../shared/i18n/messages.ru';
import { BatchFiles } from './batch-files.service';
import { batchEffects } from './batch.effects';
import { batchFeature } from './batch.feature';
import { BatchPage } from './batch.page';

/** `/deals/batch` (managers): many requests at once from a CSV of signers. */
export const BATCH_ROUTE: Route = {
  path: 'batch',
  canActivate: [managerGuard],
  providers: [BatchFiles, provideState(batchFeature), provideEffects(batchEffects)],
  component: BatchPage,
  data: { title: MESSAGES.nav.batch },
};
