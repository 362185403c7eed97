import { MESSAGES } from '../../shared/i18n/messages.ru';
import { ChangeDetectionStrategy, Component, OnInit, computed, inject, input } from '@angular/core';
import { Store } from '@ngrx/store';
import { AuthActions } from '../../core/auth/auth.actions';
import { selectSignerSessionProblem } from '../../core/auth/auth.feature';
import { problemText } from '../../shared/i18n/problem-text';
import { NewLinkRequestComponent } from '../link-request/new-link-request.component';

/** `/sign/:inviteToken`: opens the signer's session; the auth effects then go to the signing steps. */
@Component({
  selector: 'app-sign-page',
  imports: [NewLinkRequestComponent],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <section class="page--narrow card">
      <h1 class="page__title">{{ m.flowHeading }}</h1>
      @if (error(); as text) {
        <p class="notice notice--error" role="alert">{{ text }}</p>
        @if (linkInvalid()) {
          <app-new-link-request [inviteToken]="inviteToken()" />
        }
      } @else {
        <p role="status" aria-live="polite">{{ m.opening }}</p>
      }
    </section>
  `,
})
export class SignPage implements OnInit {
  readonly inviteToken = input.required<string>();

  private readonly store = inject(Store);
  protected readonly m = MESSAGES.cabinet;
  private readonly problem = this.store.selectSignal(selectSignerSessionProblem);

  /** A replaced, expired or unknown link: the signer may ask for a new one. */
  protected readonly linkInvalid = computed(() => {
    const problem = this.problem();
    return problem !== null && (problem.status === 401 || problem.status === 404);
  });

  protected readonly error = computed(() => {
    const problem = this.problem();
    if (problem === null) return null;
    return problem.status === 401 || problem.status === 404
      ? MESSAGES.cabinet.invalidLink
      : `${MESSAGES.cabinet.linkFailed} ${problemText(problem)}`;
  });

  ngOnInit(): void {
    this.store.dispatch(AuthActions.signerSessionRequested({ inviteToken: this.inviteToken() }));
  }
}
