import { ChangeDetectionStrategy, Component, input } from '@angular/core';
import { MESSAGES } from '../i18n/messages.ru';

/**
 * Stands in for a feature page that its folder's owner has not written yet: the routes exist, the
 * app builds. `title` comes from the route's `data`.
 */
@Component({
  selector: 'app-placeholder-page',
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <section class="page">
      <h1 class="page__title">{{ title() }}</h1>
      <p class="muted">{{ t.app.placeholder }}</p>
    </section>
  `,
})
export class PlaceholderPage {
  readonly title = input('');
  protected readonly t = MESSAGES;
}
