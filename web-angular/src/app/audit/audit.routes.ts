import { MESSAGES } from '../shared/i18n/messages.ru';
import type { Routes } from '@angular/router';
import { provideEffects } from '@ngrx/effects';
import { provideState } from '@ngrx/store';
import { auditEffects } from './audit.effects';
import { auditFeature } from './audit.feature';
import { TrailPage } from './trail.page';

/**
 * Mounted at `/deals/:processId/trail` (auditor, admin): the trail, its chain verification and the
 * evidence downloads. The parent's `processId` reaches the page as an input (params inherited by
 * the `''` child).
 */
export const AUDIT_ROUTES: Routes = [
  {
    path: '',
    component: TrailPage,
    providers: [provideState(auditFeature), provideEffects(auditEffects)],
    data: { title: MESSAGES.audit.heading },
  },
];
