import type { RecordedEvent } from '@e-contract/contracts';
import { Registry } from 'prom-client';
import { sampleValue } from '../testing/metric-samples.js';
import type { LagLog } from './consumer-lanes.js';
import { createMetrics, type ThreadMetrics } from './thread-metrics.js';

const NOW = Date.parse('2026-11-25T08:00:00.000Z');

/** A log of `head` events; event n was written (head - n + 1) × 10 s before NOW. */
function logOf(head: number): LagLog & { reads: number } {
  const event = (position: number) =>
    ({
      position: String(position),
      metadata: { occurredAt: new Date(NOW - (head - position + 1) * 10_000).toISOString() },
    }) as RecordedEvent;
  const log = {
    reads: 0,
    headPosition: async () => (head === 0 ? null : String(head)),
    readAll: async ({ after }: { after?: string }) => {
      log.reads += 1;
      const next = Number(after ?? '0') + 1;
      return next <= head ? [event(next)] : [];
    },
  };
  return log;
}

describe('the lanes of read models and reactors', () => {
  let metrics: ThreadMetrics;
  beforeEach(() => {
    metrics = createMetrics(new Registry(), () => NOW);
  });
  const scrape = () => metrics.registry.metrics();

  it('reports position, events applied and errors as batches go', async () => {
    const deals = metrics.lanes.lane('deals', null);
    deals.started('40');
    deals.applied(3, '43');
    deals.failed();
    const text = await scrape();
    expect(sampleValue(text, 'econtract_projection_position', { name: 'deals' })).toBe(43);
    expect(sampleValue(text, 'econtract_projection_events_applied_total', { name: 'deals' })).toBe(3);
    expect(sampleValue(text, 'econtract_projection_errors_total', { name: 'deals' })).toBe(1);
  });

  it('measures the lag when scraped: events behind the head, and the age of the oldest event not looked at', async () => {
    const log = logOf(50);
    const deals = metrics.lanes.lane('deals', log);
    const invitations = metrics.lanes.lane('invitations', log);
    deals.started('45');
    invitations.started('30');
    // The subscription looked beyond its last applied event: the rest were of other streams.
    invitations.caughtUp('50');
    const text = await scrape();
    expect(sampleValue(text, 'econtract_projection_lag_events', { name: 'deals' })).toBe(5);
    // Event 46 was written (50 - 46 + 1) * 10 s before now.
    expect(sampleValue(text, 'econtract_projection_lag_seconds', { name: 'deals' })).toBe(50);
    expect(sampleValue(text, 'econtract_projection_lag_events', { name: 'invitations' })).toBe(0);
    expect(sampleValue(text, 'econtract_projection_lag_seconds', { name: 'invitations' })).toBe(0);
    expect(log.reads).withContext('only a lane behind reads the log').toBe(1);
  });

  it('asks the head once per log and scrape, for both lag gauges and every lane', async () => {
    const log = logOf(10);
    let heads = 0;
    const headPosition = log.headPosition;
    log.headPosition = () => {
      heads += 1;
      return headPosition();
    };
    metrics.lanes.lane('stats', log).started('5');
    metrics.lanes.lane('cabinet', log).started('7');
    await scrape();
    expect(heads).toBe(1);
    expect(log.reads).toBe(2);
  });

  it('keeps the last values of a stopped lane without reading its log again', async () => {
    const log = logOf(10);
    const stats = metrics.lanes.lane('stats', log);
    stats.started('5');
    await scrape();
    stats.stopped();
    const text = await scrape();
    expect(log.reads).toBe(1);
    expect(sampleValue(text, 'econtract_projection_lag_events', { name: 'stats' })).toBe(5);
  });
});
