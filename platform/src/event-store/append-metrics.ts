import { SIGNING_EVENT_TYPES, SIGNING_STREAM_PREFIX } from '@e-contract/contracts';
import { threadMetrics, type ThreadMetrics } from '../metrics/thread-metrics.js';
import { WrongExpectedRevision, type AppendResult, type EventStore, type NewEvent } from './event-store.js';

type AppendMetrics = Pick<ThreadMetrics, 'eventStoreAppends' | 'eventStoreAppendDuration' | 'signingFacts'>;

/**
 * The event store port with its appends counted: `econtract_event_store_appends_total{result}`, the
 * latency histogram, and `econtract_signing_facts_total{type}` for the facts appended to process
 * streams — so every writer of this thread (the command handler, the reactors, the indexes) is
 * counted where it appends, whichever adapter stores. Every other member is the store's own, bound
 * to it: subscriptions, append signals and `close` behave as before. The append waits for nothing
 * more than the store's own promise.
 */
export function withAppendMetrics<Store extends EventStore>(store: Store, metrics: AppendMetrics = threadMetrics()): Store {
  const ok = metrics.eventStoreAppends.labels('ok');
  const conflict = metrics.eventStoreAppends.labels('conflict');
  const failed = metrics.eventStoreAppends.labels('error');
  // Every series from the start at 0: a first failure is then an increase that alerts see.
  for (const series of [ok, conflict, failed]) series.inc(0);
  const duration = metrics.eventStoreAppendDuration;
  const facts = factCounter(metrics.signingFacts);

  const appendToStream: EventStore['appendToStream'] = (streamId, events, expected) => {
    const started = performance.now();
    return store.appendToStream(streamId, events, expected).then(
      (result: AppendResult) => {
        duration.observe((performance.now() - started) / 1000);
        ok.inc();
        if (streamId.startsWith(SIGNING_STREAM_PREFIX)) facts(events);
        return result;
      },
      (error: unknown) => {
        duration.observe((performance.now() - started) / 1000);
        (error instanceof WrongExpectedRevision ? conflict : failed).inc();
        throw error;
      },
    );
  };

  const bound = new Map<PropertyKey, unknown>();
  return new Proxy(store, {
    get(target, key) {
      if (key === 'appendToStream') return appendToStream;
      const value: unknown = Reflect.get(target, key, target);
      if (typeof value !== 'function') return value;
      let method = bound.get(key);
      if (method === undefined) {
        method = (value as (...args: unknown[]) => unknown).bind(target);
        bound.set(key, method);
      }
      return method;
    },
  });
}

/**
 * Counts facts by type: one series per signing event type, each there from the start at 0 (so that
 * the first `DocumentsSigned` is an increase); other types are not signing facts and are not counted.
 */
function factCounter(counter: AppendMetrics['signingFacts']): (events: readonly NewEvent[]) => void {
  const byType = new Map<string, { inc(value?: number): void }>();
  for (const type of SIGNING_EVENT_TYPES) {
    const series = counter.labels(type);
    series.inc(0);
    byType.set(type, series);
  }
  return (events) => {
    for (const { type } of events) byType.get(type)?.inc();
  };
}
