import { ChangeDetectionStrategy, Component, OnInit, computed, inject, input } from '@angular/core';
import { Store } from '@ngrx/store';
import { AuthActions } from '../core/auth/auth.actions';
import { selectSession, selectSessionEnd, selectSignerSessionProblem } from '../core/auth/auth.feature';
import { SigningFlowPage } from '../cabinet/process/signing-flow.page';
import { MESSAGES } from '../shared/i18n/messages.ru';
import { problemText } from '../shared/i18n/problem-text';

/**
 * `/embed/sign/:embedToken`, framed by another system: opens the signer's session with the URL's
 * token (once; a reload finds the session this tab kept) and shows the signing steps in place,
 * without the app's header. The URL never changes: the server sets who may frame it by its token.
 */
@Component({
  selector: 'app-embed-sign-page',
  imports: [SigningFlowPage],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    @if (processId(); as id) {
      <app-signing-flow-page [processId]="id" [embedded]="true" />
    } @else {
      <section class="card">
        <h1 class="page__title">{{ m.flowHeading }}</h1>
        @if (error(); as text) {
          <p class="notice notice--error" role="alert">{{ text }}</p>
        } @else {
          <p role="status" aria-live="polite">{{ m.opening }}</p>
        }
      </section>
    }
  `,
})
export class EmbedSignPage implements OnInit {
  readonly embedToken = input.required<string>();

  private readonly store = inject(Store);
  protected readonly m = MESSAGES.cabinet;
  private readonly session = this.store.selectSignal(selectSession);
  private readonly problem = this.store.selectSignal(selectSignerSessionProblem);
  private readonly sessionEnd = this.store.selectSignal(selectSessionEnd);

  /** The process of this page's session: one opened by this very token. */
  protected readonly processId = computed(() => {
    const session = this.session();
    return session?.kind === 'signer' && session.embed?.token === this.embedToken() ? session.processId : null;
  });

  protected readonly error = computed(() => {
    if (this.sessionEnd()?.as === 'signer') return this.m.embedSessionEnded;
    const problem = this.problem();
    if (problem === null) return null;
    return problem.status === 401 || problem.status === 404 ? this.m.embedInvalidLink : `${this.m.linkFailed} ${problemText(problem)}`;
  });

  ngOnInit(): void {
    if (this.processId() === null) this.store.dispatch(AuthActions.embedSessionRequested({ embedToken: this.embedToken() }));
  }
}
