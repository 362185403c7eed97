import { provideHttpClient, withInterceptors } from '@angular/common/http';
import { provideBrowserGlobalErrorListeners, provideZonelessChangeDetection, type ApplicationConfig } from '@angular/core';
import { provideRouter, withComponentInputBinding, withInMemoryScrolling } from '@angular/router';
import { provideEffects } from '@ngrx/effects';
import { provideStore } from '@ngrx/store';
import { routes } from './app.routes';
import { authEffects } from './core/auth/auth.effects';
import { authFeature } from './core/auth/auth.feature';
import { linkRequestEffects } from './cabinet/link-request/link-request.effects';
import { linkRequestFeature } from './cabinet/link-request/link-request.feature';
import { authInterceptor } from './core/http/auth.interceptor';
import { problemInterceptor } from './core/http/problem.interceptor';
import { provideRussianLocale } from './shared/i18n/locale';

export const appConfig: ApplicationConfig = {
  providers: [
    provideBrowserGlobalErrorListeners(),
    provideZonelessChangeDetection(),
    provideRussianLocale(),
    // Route params and query params reach components as inputs (`processId`, `inviteToken`, `returnUrl`).
    provideRouter(routes, withComponentInputBinding(), withInMemoryScrolling({ scrollPositionRestoration: 'enabled' })),
    // The auth interceptor is outermost: it sees the typed ApiProblem the problem interceptor makes of an error.
    provideHttpClient(withInterceptors([authInterceptor, problemInterceptor])),
    provideStore(
      { [authFeature.name]: authFeature.reducer, [linkRequestFeature.name]: linkRequestFeature.reducer },
      { runtimeChecks: { strictActionImmutability: true, strictStateImmutability: true, strictActionSerializability: true } },
    ),
    provideEffects(authEffects, linkRequestEffects),
  ],
};
