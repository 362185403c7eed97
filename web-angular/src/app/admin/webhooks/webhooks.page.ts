import { ChangeDetectionStrategy, Component, inject } from '@angular/core';
import { FormControl, FormGroup, ReactiveFormsModule, Validators } from '@angular/forms';
import { Store } from '@ngrx/store';
import { DateTimePipe } from '../../shared/i18n/date-time.pipe';
import { MESSAGES } from '../../shared/i18n/messages.ru';
import { problemText } from '../../shared/i18n/problem-text';
import type { WebhookDelivery, WebhookSummary } from '../../shared/api/api-types';
import { WebhooksActions } from './webhooks.actions';
import { webhooksFeature } from './webhooks.feature';

/**
 * `/admin/webhooks`: every webhook with its queue; for the one chosen, its recent deliveries (status,
 * attempts, last answer, next attempt) and a replay from a log position.
 */
@Component({
  selector: 'app-webhooks-page',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [ReactiveFormsModule, DateTimePipe],
  templateUrl: './webhooks.page.html',
  styleUrl: './webhooks.page.less',
})
export class WebhooksPage {
  private readonly store = inject(Store);
  protected readonly t = MESSAGES;
  protected readonly m = MESSAGES.webhooks;
  protected readonly problemText = problemText;
  protected readonly webhooks = this.store.selectSignal(webhooksFeature.selectWebhooks);
  protected readonly loading = this.store.selectSignal(webhooksFeature.selectLoading);
  protected readonly problem = this.store.selectSignal(webhooksFeature.selectProblem);
  protected readonly selected = this.store.selectSignal(webhooksFeature.selectSelected);
  protected readonly deliveries = this.store.selectSignal(webhooksFeature.selectDeliveries);
  protected readonly deliveriesLoading = this.store.selectSignal(webhooksFeature.selectDeliveriesLoading);
  protected readonly deliveriesProblem = this.store.selectSignal(webhooksFeature.selectDeliveriesProblem);
  protected readonly replaying = this.store.selectSignal(webhooksFeature.selectReplaying);
  protected readonly replayProblem = this.store.selectSignal(webhooksFeature.selectReplayProblem);
  protected readonly replayedAfter = this.store.selectSignal(webhooksFeature.selectReplayedAfter);
  protected readonly after = new FormControl('0', {
    nonNullable: true,
    validators: [Validators.required, Validators.pattern(/^\s*\d{1,20}\s*$/)],
  });
  protected readonly replayForm = new FormGroup({ after: this.after });

  constructor() {
    this.store.dispatch(WebhooksActions.opened());
  }

  protected events(webhook: WebhookSummary): string {
    return webhook.events.includes('*') ? this.m.allEvents : webhook.events.join(', ');
  }

  protected select(webhook: WebhookSummary): void {
    this.store.dispatch(WebhooksActions.webhookSelected({ webhookId: webhook.webhookId }));
  }

  protected refresh(): void {
    this.store.dispatch(WebhooksActions.refreshed());
  }

  protected statusLabel(delivery: WebhookDelivery): string {
    return this.m.status[delivery.status] ?? delivery.status;
  }

  protected lastAnswer(delivery: WebhookDelivery): string {
    if (delivery.attempts === 0) return this.t.app.notAvailable;
    if (delivery.lastStatus !== null) return String(delivery.lastStatus);
    return delivery.lastError ?? this.m.noAnswer;
  }

  protected replay(webhook: WebhookSummary): void {
    if (this.after.invalid) {
      this.after.markAsTouched();
      return;
    }
    this.store.dispatch(WebhooksActions.replayRequested({ webhookId: webhook.webhookId, after: this.after.value.trim() }));
  }
}
