import { Registry } from 'prom-client';
import { ConsumerLanes } from './consumer-lanes.js';
import { DataDirUsage } from './data-dir-usage.js';
import { defineMetrics, type MetricInstruments } from './metric-definitions.js';
import { threadRegistry } from './registry.js';
import { WebhookBacklog } from './webhook-backlog.js';

/** A registry, its metrics, and the two things some gauges read when scraped. */
export interface ThreadMetrics extends MetricInstruments {
  registry: Registry;
  lanes: ConsumerLanes;
  dataDir: DataDirUsage;
  webhookBacklog: WebhookBacklog;
}

/**
 * Every metric in `registry` (a fresh one isolates a spec from the counts of the rest of its thread);
 * `now` is the clock the lag in seconds is measured with.
 */
export function createMetrics(registry: Registry = new Registry(), now: () => number = Date.now): ThreadMetrics {
  const hooks = {
    refreshLag: () => lanes.refresh(),
    refreshDataDir: () => dataDir.refresh(),
    refreshWebhookBacklog: () => webhookBacklog.refresh(),
  };
  const instruments = defineMetrics(registry, hooks);
  const lanes = new ConsumerLanes(instruments, now);
  const dataDir = new DataDirUsage(instruments);
  const webhookBacklog = new WebhookBacklog(instruments, now);
  return { ...instruments, registry, lanes, dataDir, webhookBacklog };
}

let current: ThreadMetrics | null = null;

/**
 * The metrics of this thread, defined on first use. Instrumentation reaches them through this one
 * function: the event-store wrapper, the HTTP middleware, the consumers' lanes, the notifier
 * wrapper and the rate limits all count into the registry of the thread they run in.
 */
export function threadMetrics(): ThreadMetrics {
  current ??= createMetrics(threadRegistry());
  return current;
}
