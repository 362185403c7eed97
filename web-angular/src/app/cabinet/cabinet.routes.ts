import type { Routes } from '@angular/router';
import { provideEffects } from '@ngrx/effects';
import { provideState } from '@ngrx/store';
import { MESSAGES } from '../shared/i18n/messages.ru';
import { cabinetEffects } from './cabinet.effects';
import { cabinetFeature } from './cabinet.feature';

/**
 * Mounted at `/sign/:inviteToken`, no session needed (input `inviteToken`). The page dispatches
 * `AuthActions.signerSessionRequested({inviteToken})`; the auth effects open the session and go
 * to `/cabinet/<processId>` (the invitation link is replaced in the history).
 */
export const SIGN_ROUTES: Routes = [
  { path: '', loadComponent: () => import('./sign/sign.page').then((m) => m.SignPage), data: { title: 'Подписание документов' } },
];

/**
 * Mounted at `/cabinet` (signer only): `''` the signer's processes (awaiting / signed / closed),
 * `:processId` the signing steps (input `processId`; the sandbox identification page returns to
 * `/cabinet/<processId>?identification=<requestId>`, input `identification`).
 */
export const CABINET_ROUTES: Routes = [
  {
    path: '',
    providers: [provideState(cabinetFeature), provideEffects(cabinetEffects)],
    children: [
      {
        path: '',
        loadComponent: () => import('./documents/cabinet.page').then((m) => m.CabinetPage),
        data: { title: MESSAGES.nav.cabinet },
      },
      {
        path: ':processId',
        loadComponent: () => import('./process/signing-flow.page').then((m) => m.SigningFlowPage),
        data: { title: 'Подписание документов' },
      },
    ],
  },
];
