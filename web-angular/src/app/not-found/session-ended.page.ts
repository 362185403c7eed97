import { ChangeDetectionStrategy, Component } from '@angular/core';
import { MESSAGES } from '../shared/i18n/messages.ru';

/** Where a signer lands after logging out or when the session expired: no login, the link opens it. */
@Component({
  selector: 'app-session-ended-page',
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <section class="page page--narrow">
      <h1 class="page__title">{{ t.sessionEnded.heading }}</h1>
      <p>{{ t.sessionEnded.text }}</p>
    </section>
  `,
})
export class SessionEndedPage {
  protected readonly t = MESSAGES;
}
