import type { Routes } from '@angular/router';
import { provideEffects } from '@ngrx/effects';
import { provideState } from '@ngrx/store';
import { MESSAGES } from '../shared/i18n/messages.ru';
import { adminEffects } from './admin.effects';
import { adminFeature } from './admin.feature';
import { ProjectionsPage } from './projections.page';
import { webhooksEffects } from './webhooks/webhooks.effects';
import { webhooksFeature } from './webhooks/webhooks.feature';
import { WebhooksPage } from './webhooks/webhooks.page';

/** Mounted at `/admin` (admin only): `projections` lists the read models' positions and rebuilds them; `webhooks` the webhooks and their deliveries. */
export const ADMIN_ROUTES: Routes = [
  { path: '', pathMatch: 'full', redirectTo: 'projections' },
  {
    path: 'projections',
    component: ProjectionsPage,
    providers: [provideState(adminFeature), provideEffects(adminEffects)],
    data: { title: MESSAGES.nav.projections },
  },
  {
    path: 'webhooks',
    component: WebhooksPage,
    title: `${MESSAGES.webhooks.heading} — ${MESSAGES.app.name}`,
    providers: [provideState(webhooksFeature), provideEffects(webhooksEffects)],
    data: { title: MESSAGES.nav.webhooks },
  },
];
