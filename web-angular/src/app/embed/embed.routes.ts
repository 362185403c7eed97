import type { Routes } from '@angular/router';
import { provideEffects } from '@ngrx/effects';
import { provideState } from '@ngrx/store';
import { IDENTIFICATION_IN_NEW_WINDOW } from '../cabinet/browser-location';
import { cabinetEffects } from '../cabinet/cabinet.effects';
import { cabinetFeature } from '../cabinet/cabinet.feature';
import { embedEffects } from './embed.effects';

/**
 * Mounted at `/embed/sign/:embedToken` (input `embedToken`): the signing steps in another system's
 * frame, with the cabinet's state and effects, identification in a new window, and the messages
 * to the framing page.
 */
export const EMBED_ROUTES: Routes = [
  {
    path: '',
    providers: [
      provideState(cabinetFeature),
      provideEffects(cabinetEffects, embedEffects),
      { provide: IDENTIFICATION_IN_NEW_WINDOW, useValue: true },
    ],
    loadComponent: () => import('./embed-sign.page').then((m) => m.EmbedSignPage),
  },
];
