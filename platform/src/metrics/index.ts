export { createMetrics, threadMetrics, type ThreadMetrics } from './thread-metrics.js';
export { threadRegistry } from './registry.js';
export type { MetricInstruments } from './metric-definitions.js';
export type { LagLog, LaneMetrics } from './consumer-lanes.js';
export { httpMetrics, labelRoute, UNMATCHED_ROUTE } from './http-metrics.js';
export { metricsAccess, type MetricsAccessSettings } from './metrics-access.js';
export { createMetricsRoutes, type MetricsRoutesOptions } from './metrics-routes.js';
export { mergeMetrics, type MetricsSnapshot } from './merge-metrics.js';
