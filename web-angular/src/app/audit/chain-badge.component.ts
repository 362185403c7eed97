import { MESSAGES } from '../shared/i18n/messages.ru';
import { ChangeDetectionStrategy, Component, input } from '@angular/core';
import type { TrailVerification } from '../shared/api/api-types';

/** «Цепочка цела» (green, with the head hash) or «Цепочка нарушена на событии N» (red). */
@Component({
  selector: 'app-chain-badge',
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    @let v = verification();
    @if (v.valid) {
      <p class="chain-badge chain-badge--valid" role="status" data-test="chain-valid">
        <strong>✓ {{ m.chainIntact }}</strong>
        <span
          >{{ m.head }}: <code class="hash">{{ v.head }}</code></span
        >
      </p>
    } @else {
      <p class="chain-badge chain-badge--broken" role="alert" data-test="chain-broken">
        <strong>✗ {{ m.chainBroken(v.brokenAt ?? v.events) }}</strong>
        @if (v.reason) {
          <span>{{ v.reason }}</span>
        }
      </p>
    }
  `,
  styleUrl: './chain-badge.component.less',
})
export class ChainBadgeComponent {
  readonly verification = input.required<TrailVerification>();
  protected readonly m = MESSAGES.audit;
}
