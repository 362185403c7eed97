import type { MetricInstruments } from './metric-definitions.js';

/**
 * `econtract_webhook_oldest_pending_seconds`, read when scraped from the process that delivers
 * webhooks (the background): it tells where the oldest pending delivery was enqueued. Elsewhere the
 * gauge stays 0 (and `npm start` takes the larger of its two threads').
 */
export class WebhookBacklog {
  private source: (() => Promise<string | null>) | null = null;

  constructor(
    private readonly metrics: Pick<MetricInstruments, 'webhookOldestPendingSeconds'>,
    private readonly now: () => number,
  ) {}

  /** `oldestPendingSince`: when the oldest pending delivery was enqueued (ISO time), `null` when none waits. */
  observe(oldestPendingSince: () => Promise<string | null>): void {
    this.source = oldestPendingSince;
  }

  forget(): void {
    this.source = null;
    this.metrics.webhookOldestPendingSeconds.set(0);
  }

  async refresh(): Promise<void> {
    if (this.source === null) return;
    try {
      const since = await this.source();
      this.metrics.webhookOldestPendingSeconds.set(since === null ? 0 : Math.max(0, (this.now() - Date.parse(since)) / 1000));
    } catch {
      // The store does not answer: the last value stays; health and the logs say why.
    }
  }
}
