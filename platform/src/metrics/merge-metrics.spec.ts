import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';
import { metricFamilies, sampleValue } from '../testing/metric-samples.js';
import { mergeMetrics } from './merge-metrics.js';

describe('merging the metrics of two threads', () => {
  /** One thread's registry: default metrics only where asked, the same families in each. */
  function thread(withDefaults: boolean) {
    const registry = new Registry();
    if (withDefaults) collectDefaultMetrics({ register: registry });
    const registers = [registry];
    return {
      registry,
      appends: new Counter({ name: 'appends_total', help: 'h', labelNames: ['result'] as const, registers }),
      latency: new Histogram({ name: 'latency_seconds', help: 'h', buckets: [0.1, 1], registers }),
      lag: new Gauge({ name: 'lag_events', help: 'h', labelNames: ['name'] as const, registers }),
      disk: new Gauge({ name: 'disk_free_bytes', help: 'h', aggregator: 'max', registers }),
    };
  }

  it('adds up what both threads count, keeps what one reports, and declares every family once', async () => {
    const request = thread(true);
    const background = thread(false);
    request.appends.inc({ result: 'ok' }, 3);
    background.appends.inc({ result: 'ok' }, 2);
    background.appends.inc({ result: 'conflict' });
    request.latency.observe(0.05);
    background.latency.observe(0.5);
    background.lag.set({ name: 'deals' }, 7);
    request.disk.set(1000);

    const text = await mergeMetrics([await request.registry.getMetricsAsJSON(), await background.registry.getMetricsAsJSON()]);

    expect(sampleValue(text, 'appends_total', { result: 'ok' })).toBe(5);
    expect(sampleValue(text, 'appends_total', { result: 'conflict' })).toBe(1);
    expect(sampleValue(text, 'latency_seconds_bucket', { le: '0.1' })).toBe(1);
    expect(sampleValue(text, 'latency_seconds_bucket', { le: '1' })).toBe(2);
    expect(sampleValue(text, 'latency_seconds_count')).toBe(2);
    expect(sampleValue(text, 'lag_events', { name: 'deals' })).toBe(7);
    expect(sampleValue(text, 'disk_free_bytes')).toBe(1000);
    // Declared twice would throw; the process metrics are there once, the start time included.
    const families = metricFamilies(text);
    expect(families.get('process_start_time_seconds')).toBe('gauge');
    expect(families.get('nodejs_heap_size_used_bytes')).toBe('gauge');
    expect(sampleValue(text, 'process_start_time_seconds')).toBeGreaterThan(0);
  });
});
