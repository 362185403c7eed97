import { ChangeDetectionStrategy, Component, inject, input } from '@angular/core';
import { Store } from '@ngrx/store';
import { MESSAGES } from '../../shared/i18n/messages.ru';
import { problemText } from '../../shared/i18n/problem-text';
import { LinkRequestActions } from './link-request.actions';
import { linkRequestFeature } from './link-request.feature';

/**
 * The next step at a dead end: «Отправить мне новую ссылку». The server answers the same whatever
 * the link, so the page says what will happen in each case rather than what did.
 */
@Component({
  selector: 'app-new-link-request',
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    @switch (status()) {
      @case ('sent') {
        <p class="notice notice--success" role="status">{{ m.sent }}</p>
      }
      @default {
        <p>{{ m.hint }}</p>
        @if (status() === 'failed' && problem(); as p) {
          <p class="notice notice--error" role="alert">{{ problemText(p) }}</p>
        }
        <div class="actions">
          <button type="button" class="button button--primary" [disabled]="status() === 'pending'" (click)="request()">
            {{ m.button }}
          </button>
        </div>
      }
    }
  `,
})
export class NewLinkRequestComponent {
  readonly inviteToken = input.required<string>();

  private readonly store = inject(Store);
  protected readonly m = MESSAGES.cabinet.newLink;
  protected readonly problemText = problemText;
  protected readonly status = this.store.selectSignal(linkRequestFeature.selectStatus);
  protected readonly problem = this.store.selectSignal(linkRequestFeature.selectProblem);

  protected request(): void {
    this.store.dispatch(LinkRequestActions.requested({ inviteToken: this.inviteToken() }));
  }
}
