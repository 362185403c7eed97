import { ChangeDetectionStrategy, Component } from '@angular/core';
import { RouterLink } from '@angular/router';
import { MESSAGES } from '../shared/i18n/messages.ru';

/** Any URL the app does not know (the root path redirects each role to its first page). */
@Component({
  selector: 'app-not-found-page',
  imports: [RouterLink],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <section class="page page--narrow">
      <h1 class="page__title">{{ t.notFound.heading }}</h1>
      <p>{{ t.notFound.text }}</p>
      <a class="button button--primary" routerLink="/">{{ t.action.toHome }}</a>
    </section>
  `,
})
export class NotFoundPage {
  protected readonly t = MESSAGES;
}
