import type { Routes } from '@angular/router';
import { provideEffects } from '@ngrx/effects';
import { provideState } from '@ngrx/store';
import { MESSAGES } from '../shared/i18n/messages.ru';
import { adminEffects } from './admin.effects';
import { adminFeature } from './admin.feature';
import { integrationsEffects } from './integrations/integrations.effects';
import { integrationsFeature } from './integrations/integrations.feature';
import { IntegrationsPage } from './integrations/integrations.page';
import { ProjectionsPage } from './projections.page';
import { webhooksEffects } from './webhooks/webhooks.effects';
import { webhooksFeature } from './webhooks/webhooks.feature';
import { WebhooksPage } from './webhooks/webhooks.page';

/**
 * Mounted at `/admin` (admin only): `projections` lists the read models' positions and rebuilds them;
 * `integrations` the other systems' API keys; `webhooks` the webhooks and their deliveries.
 */
export const ADMIN_ROUTES: Routes = [
  { path: '', pathMatch: 'full', redirectTo: 'projections' },
  {
    path: 'projections',
    component: ProjectionsPage,
    providers: [provideState(adminFeature), provideEffects(adminEffects)],
    data: { title: MESSAGES.nav.projections },
  },
  {
    path: 'integrations',
    component: IntegrationsPage,
    title: `${MESSAGES.nav.integrations} — ${MESSAGES.app.name}`,
    providers: [provideState(integrationsFeature), provideEffects(integrationsEffects)],
    data: { title: MESSAGES.nav.integrations },
  },
  {
    path: 'webhooks',
    component: WebhooksPage,
    title: `${MESSAGES.webhooks.heading} — ${MESSAGES.app.name}`,
    providers: [provideState(webhooksFeature), provideEffects(webhooksEffects)],
    data: { title: MESSAGES.nav.webhooks },
  },
];
