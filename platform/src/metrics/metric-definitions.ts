import { Counter, Gauge, Histogram, type Registry } from 'prom-client';

/** What some gauges read when they are scraped, rather than on every change. */
export interface ScrapeHooks {
  /** Sets `econtract_projection_lag_events` and `_lag_seconds` of every lane (one refresh serves both). */
  refreshLag(): Promise<void>;
  /** Sets `econtract_data_dir_free_bytes` and `_size_bytes`. */
  refreshDataDir(): Promise<void>;
  /** Sets `econtract_webhook_oldest_pending_seconds`. */
  refreshWebhookBacklog(): Promise<void>;
}

/**
 * Every metric E-contract defines (docs/operations.md, "Metrics"; the names are shared with the
 * dashboards and alerts, so they do not change). Labels hold bounded values only: route templates,
 * event types, read-model and reactor names, channels, kinds, results — never an id.
 *
 * `aggregator` says how `npm start` merges a family that both its threads report: counters and
 * histograms add up (each thread counts its own work); what describes the process is taken once.
 */
export function defineMetrics(registry: Registry, hooks: ScrapeHooks) {
  const registers = [registry];
  return {
    httpRequestDuration: new Histogram({
      name: 'http_request_duration_seconds',
      help: 'HTTP requests by method, route template and status, with their duration in seconds',
      labelNames: ['method', 'route', 'status'] as const,
      buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
      registers,
    }),
    eventStoreAppends: new Counter({
      name: 'econtract_event_store_appends_total',
      help: 'Appends to the event store by result: ok, conflict (wrong expected revision) or error',
      labelNames: ['result'] as const,
      registers,
    }),
    eventStoreAppendDuration: new Histogram({
      name: 'econtract_event_store_append_duration_seconds',
      help: 'Time from an append to its answer (the group commit and its fsync included), in seconds',
      buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5],
      registers,
    }),
    eventStoreCommitBatchSize: new Histogram({
      name: 'econtract_event_store_commit_batch_size',
      help: 'Appends written by one group commit (one transaction, one fsync) of the embedded event store',
      buckets: [1, 2, 4, 8, 16, 32, 64, 128, 256, 512],
      registers,
    }),
    eventStoreConcurrencyRetries: new Counter({
      name: 'econtract_event_store_concurrency_retries_total',
      help: 'Chained appends read and decided again after another writer moved the stream on',
      registers,
    }),
    signingFacts: new Counter({
      name: 'econtract_signing_facts_total',
      help: 'Facts appended to signing process streams, by event type',
      labelNames: ['type'] as const,
      registers,
    }),
    projectionPosition: new Gauge({
      name: 'econtract_projection_position',
      help: 'The last log position a read model or reactor applied (its checkpoint)',
      labelNames: ['name'] as const,
      registers,
    }),
    projectionLagEvents: new Gauge({
      name: 'econtract_projection_lag_events',
      help: 'How far a read model or reactor is behind the head of the log, in log positions (events on the embedded store)',
      labelNames: ['name'] as const,
      registers,
      collect: () => hooks.refreshLag(),
    }),
    projectionLagSeconds: new Gauge({
      name: 'econtract_projection_lag_seconds',
      help: 'Age of the oldest event a read model or reactor has not looked at yet, in seconds (0 when caught up)',
      labelNames: ['name'] as const,
      registers,
      collect: () => hooks.refreshLag(),
    }),
    projectionEventsApplied: new Counter({
      name: 'econtract_projection_events_applied_total',
      help: 'Events handed to a read model or reactor and applied',
      labelNames: ['name'] as const,
      registers,
    }),
    projectionErrors: new Counter({
      name: 'econtract_projection_errors_total',
      help: 'Failed batches of a read model or reactor (each is retried from its checkpoint), and failed expiry sweeps',
      labelNames: ['name'] as const,
      registers,
    }),
    projectionRebuilds: new Counter({
      name: 'econtract_projection_rebuilds_total',
      help: 'Rebuilds of a read model from the log that were swapped in',
      labelNames: ['name'] as const,
      registers,
    }),
    sseConnections: new Gauge({
      name: 'econtract_sse_connections',
      help: 'Live deal streams (GET /api/deals/stream) open now',
      registers,
    }),
    notifications: new Counter({
      name: 'econtract_notifications_total',
      help: 'Messages to signers by channel, kind and result (sent or failed)',
      labelNames: ['channel', 'kind', 'result'] as const,
      registers,
    }),
    rateLimitRefusals: new Counter({
      name: 'econtract_rate_limit_refusals_total',
      help: 'Requests refused with 429 by a rate limit, by limiter',
      labelNames: ['limiter'] as const,
      registers,
    }),
    dataDirFreeBytes: new Gauge({
      name: 'econtract_data_dir_free_bytes',
      help: 'Bytes free for the service on the file system that holds DATA_DIR',
      aggregator: 'max',
      registers,
      collect: () => hooks.refreshDataDir(),
    }),
    dataDirSizeBytes: new Gauge({
      name: 'econtract_data_dir_size_bytes',
      help: 'Size in bytes of the file system that holds DATA_DIR',
      aggregator: 'max',
      registers,
      collect: () => hooks.refreshDataDir(),
    }),
    webhookDeliveries: new Counter({
      name: 'econtract_webhook_deliveries_total',
      help: 'Webhook delivery attempts by result: succeeded (a 2xx in time), retrying (another attempt follows), failed (given up)',
      labelNames: ['result'] as const,
      registers,
    }),
    webhookOldestPendingSeconds: new Gauge({
      name: 'econtract_webhook_oldest_pending_seconds',
      help: 'Age of the oldest webhook delivery not yet succeeded or given up, in seconds (0 when none waits)',
      aggregator: 'max',
      registers,
      collect: () => hooks.refreshWebhookBacklog(),
    }),
    buildInfo: new Gauge({
      name: 'econtract_build_info',
      help: 'Always 1: which service answers and its version',
      labelNames: ['service', 'version'] as const,
      aggregator: 'max',
      registers,
    }),
  };
}

export type MetricInstruments = ReturnType<typeof defineMetrics>;
