import { ChangeDetectionStrategy, Component, effect, inject, input, untracked } from '@angular/core';
import { RouterLink } from '@angular/router';
import { Store } from '@ngrx/store';
import { MESSAGES } from '../shared/i18n/messages.ru';
import { problemText } from '../shared/i18n/problem-text';
import { AuditActions } from './audit.actions';
import { auditFeature } from './audit.feature';
import { ChainBadgeComponent } from './chain-badge.component';
import { TrailFactComponent } from './trail-fact.component';
import { DealMomentComponent } from './deal-moment.component';

/** `/deals/:processId/trail`: every fact of the process, the chain's verification, the evidence downloads. */
@Component({
  selector: 'app-trail-page',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [RouterLink, ChainBadgeComponent, TrailFactComponent, DealMomentComponent],
  templateUrl: './trail.page.html',
  styleUrl: './trail.page.less',
})
export class TrailPage {
  readonly processId = input.required<string>();

  private readonly store = inject(Store);
  protected readonly t = MESSAGES;
  protected readonly m = MESSAGES.audit;
  protected readonly problemText = problemText;
  protected readonly trail = this.store.selectSignal(auditFeature.selectOrderedTrail);
  protected readonly trailLoading = this.store.selectSignal(auditFeature.selectTrailLoading);
  protected readonly trailProblem = this.store.selectSignal(auditFeature.selectTrailProblem);
  /** The deal: its title heads the page; its manager and signer name the people of the facts. */
  protected readonly deal = this.store.selectSignal(auditFeature.selectDeal);
  protected readonly verification = this.store.selectSignal(auditFeature.selectVerification);
  protected readonly verificationLoading = this.store.selectSignal(auditFeature.selectVerificationLoading);
  protected readonly verificationProblem = this.store.selectSignal(auditFeature.selectVerificationProblem);
  protected readonly downloading = this.store.selectSignal(auditFeature.selectDownloading);
  protected readonly downloadProblem = this.store.selectSignal(auditFeature.selectDownloadProblem);

  constructor() {
    // Only the route's processId re-opens the trail: the dispatch runs untracked, or the signals the
    // HTTP chain reads on the way (the session's token) would re-open it on logout (two 401s).
    effect(() => {
      const processId = this.processId();
      untracked(() => this.store.dispatch(AuditActions.opened({ processId })));
    });
  }

  protected downloadJson(): void {
    this.store.dispatch(AuditActions.evidenceJsonRequested({ processId: this.processId() }));
  }

  protected downloadPdf(): void {
    this.store.dispatch(AuditActions.evidencePdfRequested({ processId: this.processId() }));
  }
}
