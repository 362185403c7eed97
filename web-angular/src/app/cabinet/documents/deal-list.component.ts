import { ChangeDetectionStrategy, Component, input, output } from '@angular/core';
import { RouterLink } from '@angular/router';
import { APP_PATHS } from '../../core/routing/app-paths';
import type { Deal } from '../../shared/api/api-types';
import { formatDateTime } from '../../shared/i18n/format';
import { MESSAGES } from '../../shared/i18n/messages.ru';
import { StatusChipComponent } from '../../shared/ui/status-chip.component';

/** One cabinet bucket: its heading and the deals in it, each a link to its signing steps. */
@Component({
  selector: 'app-deal-list',
  imports: [RouterLink, StatusChipComponent],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <section class="card deal-list" [attr.aria-labelledby]="headingId()">
      <h2 [id]="headingId()">{{ heading() }} ({{ deals().length }})</h2>
      @if (deals().length === 0) {
        <p class="muted">{{ m.emptyBucket }}</p>
      } @else {
        <ul class="deal-list__items">
          @for (deal of deals(); track deal.processId) {
            <li class="deal-list__item">
              <a [routerLink]="link(deal.processId)">{{ deal.title }}</a>
              <span class="muted">{{ t.kind[deal.kind] }} · {{ date(deal.updatedAt) }}</span>
              <app-status-chip [status]="deal.status" />
              @if (offerSignedCopy()) {
                <button
                  type="button"
                  class="button button--ghost"
                  data-test="signed-copy"
                  [attr.aria-label]="t.action.downloadSignedCopy + ': ' + deal.title"
                  (click)="signedCopy.emit(deal.processId)"
                >
                  {{ t.action.downloadSignedCopy }}
                </button>
              }
            </li>
          }
        </ul>
      }
    </section>
  `,
  styles: `
    :host {
      display: block;
      margin-bottom: 1rem;
    }
    .deal-list__item:last-child {
      border-bottom: 0;
    }
    .deal-list__items {
      list-style: none;
      margin: 0;
      padding: 0;
    }
    .deal-list__item {
      display: flex;
      flex-wrap: wrap;
      gap: 0.25rem 0.75rem;
      align-items: center;
      padding: 0.5rem 0;
      border-bottom: 1px solid #d5dbe3;
    }
    .deal-list__item a {
      flex: 1 1 12rem;
      font-weight: 600;
    }
  `,
})
export class DealListComponent {
  readonly heading = input.required<string>();
  readonly headingId = input.required<string>();
  readonly deals = input.required<readonly Deal[]>();
  /** The signed bucket offers each deal's signed copy. */
  readonly offerSignedCopy = input(false);
  readonly signedCopy = output<string>();
  protected readonly t = MESSAGES;
  protected readonly m = MESSAGES.cabinet;
  protected link = APP_PATHS.cabinetDeal;
  protected date = (iso: string) => formatDateTime(iso);
}
