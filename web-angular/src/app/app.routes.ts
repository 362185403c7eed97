import { inject } from '@angular/core';
import type { Routes } from '@angular/router';
import { Store } from '@ngrx/store';
import { selectSession } from './core/auth/auth.feature';
import { adminGuard, auditGuard, employeeGuard, loginPageGuard, signerGuard } from './core/auth/role.guard';
import { homeUrl } from './core/routing/app-paths';
import { MESSAGES } from './shared/i18n/messages.ru';

const title = (page: string) => `${page} — ${MESSAGES.app.name}`;

/**
 * The app's URLs (see `core/routing/app-paths.ts`). Feature folders are lazy: each exports its
 * routes from `<feature>/<feature>.routes.ts`; the guards here decide who may enter.
 */
export const routes: Routes = [
  { path: '', pathMatch: 'full', redirectTo: () => homeUrl(inject(Store).selectSignal(selectSession)()) },
  {
    path: 'login',
    title: title(MESSAGES.login.heading),
    canActivate: [loginPageGuard],
    loadComponent: () => import('./login/login.page').then((m) => m.LoginPage),
  },
  {
    path: 'deals/:processId/trail',
    title: title('Журнал событий'),
    canActivate: [auditGuard],
    loadChildren: () => import('./audit/audit.routes').then((m) => m.AUDIT_ROUTES),
  },
  {
    path: 'deals',
    title: title(MESSAGES.nav.board),
    canActivate: [employeeGuard],
    loadChildren: () => import('./deals/deals.routes').then((m) => m.DEALS_ROUTES),
  },
  {
    path: 'kpi',
    title: title(MESSAGES.nav.kpi),
    canActivate: [employeeGuard],
    loadChildren: () => import('./kpi/kpi.routes').then((m) => m.KPI_ROUTES),
  },
  {
    path: 'admin',
    title: title(MESSAGES.nav.projections),
    canActivate: [adminGuard],
    loadChildren: () => import('./admin/admin.routes').then((m) => m.ADMIN_ROUTES),
  },
  {
    path: 'sign/:inviteToken',
    title: title('Подписание документов'),
    loadChildren: () => import('./cabinet/cabinet.routes').then((m) => m.SIGN_ROUTES),
  },
  {
    path: 'embed/sign/:embedToken',
    title: title('Подписание документов'),
    loadChildren: () => import('./embed/embed.routes').then((m) => m.EMBED_ROUTES),
  },
  {
    path: 'cabinet',
    title: title(MESSAGES.nav.cabinet),
    canActivate: [signerGuard],
    loadChildren: () => import('./cabinet/cabinet.routes').then((m) => m.CABINET_ROUTES),
  },
  {
    path: 'session-ended',
    title: title(MESSAGES.sessionEnded.heading),
    loadComponent: () => import('./not-found/session-ended.page').then((m) => m.SessionEndedPage),
  },
  {
    path: '**',
    title: title(MESSAGES.notFound.heading),
    loadComponent: () => import('./not-found/not-found.page').then((m) => m.NotFoundPage),
  },
];
