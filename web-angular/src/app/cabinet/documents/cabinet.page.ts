import { ChangeDetectionStrategy, Component, OnInit, inject } from '@angular/core';
import { Store } from '@ngrx/store';
import { MESSAGES } from '../../shared/i18n/messages.ru';
import { problemText } from '../../shared/i18n/problem-text';
import { CabinetActions } from '../cabinet.actions';
import { selectCabinet, selectCabinetLoading, selectCabinetProblem } from '../cabinet.selectors';
import { DealListComponent } from './deal-list.component';

/** `/cabinet`: the signer's processes, awaiting / signed / closed. */
@Component({
  selector: 'app-cabinet-page',
  imports: [DealListComponent],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <h1 class="page__title">{{ t.nav.cabinet }}</h1>
    @if (problem(); as p) {
      <p class="notice notice--error" role="alert">{{ text(p) }}</p>
    }
    @if (loading() && !cabinet()) {
      <p role="status">{{ t.app.loading }}</p>
    }
    @if (cabinet(); as c) {
      <app-deal-list [heading]="t.cabinetBucket.awaiting" headingId="bucket-awaiting" [deals]="c.awaiting" />
      <app-deal-list
        [heading]="t.cabinetBucket.signed"
        headingId="bucket-signed"
        [deals]="c.signed"
        [offerSignedCopy]="true"
        (signedCopy)="downloadSignedCopy($event)"
      />
      <app-deal-list [heading]="t.cabinetBucket.closed" headingId="bucket-closed" [deals]="c.closed" />
    }
  `,
})
export class CabinetPage implements OnInit {
  private readonly store = inject(Store);
  protected readonly t = MESSAGES;
  protected readonly cabinet = this.store.selectSignal(selectCabinet);
  protected readonly loading = this.store.selectSignal(selectCabinetLoading);
  protected readonly problem = this.store.selectSignal(selectCabinetProblem);
  protected readonly text = problemText;

  ngOnInit(): void {
    this.store.dispatch(CabinetActions.cabinetOpened());
  }

  protected downloadSignedCopy(processId: string): void {
    this.store.dispatch(CabinetActions.signedCopyRequested({ processId }));
  }
}
