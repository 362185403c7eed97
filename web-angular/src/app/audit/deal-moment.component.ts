import { ChangeDetectionStrategy, Component, computed, effect, inject, input, signal, untracked } from '@angular/core';
import type { Subscription } from 'rxjs';
import type { Deal, TrailEntry } from '../shared/api/api-types';
import { ApiClient } from '../shared/api/api-client';
import { toApiProblem, type ApiProblem } from '../shared/api/api-problem';
import { DateTimePipe } from '../shared/i18n/date-time.pipe';
import { formatDateTime } from '../shared/i18n/format';
import { MESSAGES } from '../shared/i18n/messages.ru';
import { problemText } from '../shared/i18n/problem-text';

/**
 * The time slider of the trail page (issue 12): pick a fact of the trail and see the deal as it stood
 * right after it — folded by the server from the process stream (`GET /api/deals/:id?at=<position>`).
 */
@Component({
  selector: 'app-deal-moment',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [DateTimePipe],
  template: `
    <section class="moment" aria-labelledby="moment-heading">
      <h2 id="moment-heading" class="moment__heading">{{ m.heading }}</h2>
      @if (trail().length > 0) {
        <label class="moment__label" for="moment-slider">{{ m.slider }}</label>
        <input
          id="moment-slider"
          class="moment__slider"
          type="range"
          min="0"
          [max]="trail().length - 1"
          step="1"
          [value]="index()"
          [attr.aria-valuetext]="chosenText()"
          (input)="choose($any($event.target).valueAsNumber)"
        />
        <p class="moment__fact">
          {{ m.after(index() + 1, trail().length) }}: <b>{{ chosenText() }}</b>
        </p>
        @if (deal(); as d) {
          <dl class="moment__deal" data-test="deal-moment">
            <dt>{{ m.status }}</dt>
            <dd>{{ t.status[d.status] }}</dd>
            <dt>{{ m.updatedAt }}</dt>
            <dd>{{ d.updatedAt | dateTime: 'dateTimeSeconds' }}</dd>
          </dl>
        } @else if (problem(); as p) {
          <p class="notice notice--error" role="alert">{{ problemText(p) }}</p>
        } @else {
          <p class="muted" role="status">{{ m.loading }}</p>
        }
      }
    </section>
  `,
  styles: `
    .moment {
      margin: 1rem 0;
    }
    .moment__heading {
      font-size: 1.125rem;
      margin: 0 0 0.5rem;
    }
    .moment__slider {
      display: block;
      width: 100%;
      min-height: 24px;
    }
    .moment__deal {
      display: grid;
      grid-template-columns: max-content 1fr;
      gap: 0.25rem 1rem;
    }
  `,
})
export class DealMomentComponent {
  readonly processId = input.required<string>();
  readonly trail = input.required<readonly TrailEntry[]>();

  private readonly api = inject(ApiClient);
  protected readonly t = MESSAGES;
  protected readonly m = MESSAGES.audit.moment;
  protected readonly problemText = problemText;

  /** The chosen fact (default: the last one, the deal as it is now). */
  private readonly chosen = signal<number | null>(null);
  protected readonly index = computed(() => this.chosen() ?? Math.max(0, this.trail().length - 1));
  protected readonly chosenText = computed(() => {
    const fact = this.trail()[this.index()];
    const label = fact ? ((MESSAGES.audit.eventType as Record<string, string>)[fact.type] ?? fact.type) : '';
    return fact ? `${label}, ${formatDateTime(fact.occurredAt, 'dateTimeSeconds')}` : '';
  });
  protected readonly deal = signal<Deal | null>(null);
  protected readonly problem = signal<ApiProblem | null>(null);
  private request: Subscription | null = null;

  constructor() {
    effect(() => {
      const fact = this.trail()[this.index()];
      const processId = this.processId();
      if (!fact) return;
      untracked(() => this.load(processId, fact.position));
    });
  }

  protected choose(index: number): void {
    this.chosen.set(index);
  }

  private load(processId: string, position: string): void {
    this.request?.unsubscribe();
    this.deal.set(null);
    this.problem.set(null);
    this.request = this.api.getDealAt(processId, position).subscribe({
      next: (deal) => this.deal.set(deal),
      error: (error: unknown) => this.problem.set(toApiProblem(error)),
    });
  }
}
