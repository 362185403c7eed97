import { AggregatorRegistry, type Registry } from 'prom-client';

/** A registry's metrics as plain data (`registry.getMetricsAsJSON()`): what crosses between threads. */
export type MetricsSnapshot = Awaited<ReturnType<Registry['getMetricsAsJSON']>>;

/**
 * One exposition of the metrics of several threads of a process, each family once: a family that
 * several threads report is merged by its `aggregator` (counters and histograms add up); a family
 * only one thread reports is passed on as it is — also the default process metrics, some of which
 * (`process_start_time_seconds`) prom-client would otherwise drop when aggregating.
 */
export async function mergeMetrics(snapshots: readonly MetricsSnapshot[]): Promise<string> {
  const reporters = new Map<string, number>();
  for (const snapshot of snapshots) for (const family of snapshot) reporters.set(family.name, (reporters.get(family.name) ?? 0) + 1);
  const prepared = snapshots.map((snapshot) =>
    snapshot.map((family) => (reporters.get(family.name) === 1 ? { ...family, aggregator: 'first' as const } : family)),
  );
  return AggregatorRegistry.aggregate(prepared).metrics();
}
