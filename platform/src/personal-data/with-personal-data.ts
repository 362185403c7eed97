import type { RecordedEvent } from '@e-contract/contracts';
import type { Fact } from '../event-store/chained-append.js';
import type { EventStore } from '../event-store/event-store.js';
import type { EventSubscriber, SubscribeOptions } from '../event-store/subscription.js';
import type { PersonalDataVault } from './personal-data-vault.js';

/** A store that seals personal fields before they are chained (`appendChained` asks it). */
export interface SealingStore {
  sealFacts(streamId: string, facts: readonly Fact[]): Promise<Fact[]>;
  readonly personalData: PersonalDataVault;
}

export const isSealingStore = (store: object): store is SealingStore => typeof (store as Partial<SealingStore>).sealFacts === 'function';

/**
 * The event store with personal data sealed in and opened out: `appendChained` seals the facts it
 * is about to chain (`sealFacts`), and every read — a stream, the log, a subscription — hands out
 * events opened (the stored form in `stored`). Every other member is the store's own, bound to it,
 * as `withAppendMetrics` does; with `closesVault`, `close()` closes the vault's key store after the store.
 */
export function withPersonalData<Store extends EventStore>(
  store: Store,
  vault: PersonalDataVault,
  options: { closesVault?: boolean } = {},
): Store & SealingStore {
  const open = (events: RecordedEvent[]): Promise<RecordedEvent[]> => vault.openEvents(events);
  const overrides = new Map<PropertyKey, unknown>([
    [
      'sealFacts',
      (streamId: string, facts: readonly Fact[]) =>
        vault.sealFacts(streamId, facts, async () => (await store.readStream(streamId, { maxCount: 1 }))[0] ?? null),
    ],
    ['personalData', vault],
    ['readStream', (...args: Parameters<EventStore['readStream']>) => store.readStream(...args).then(open)],
    ['readAll', (...args: Parameters<EventStore['readAll']>) => store.readAll(...args).then(open)],
  ]);
  if (options.closesVault) {
    overrides.set('close', async () => {
      await store.close();
      await vault.store.close();
    });
  }
  const subscriber = store as Partial<EventSubscriber>;
  if (typeof subscriber.subscribe === 'function') {
    const subscribe = subscriber.subscribe.bind(store);
    overrides.set('subscribe', (options: SubscribeOptions): AsyncIterable<RecordedEvent[]> => ({
      async *[Symbol.asyncIterator]() {
        for await (const batch of subscribe(options)) yield await open(batch);
      },
    }));
  }
  const bound = new Map<PropertyKey, unknown>();
  return new Proxy(store, {
    get(target, key) {
      if (overrides.has(key)) return overrides.get(key);
      const value: unknown = Reflect.get(target, key, target);
      if (typeof value !== 'function') return value;
      let method = bound.get(key);
      if (method === undefined) {
        method = (value as (...args: unknown[]) => unknown).bind(target);
        bound.set(key, method);
      }
      return method;
    },
    has(target, key) {
      return overrides.has(key) || Reflect.has(target, key);
    },
  }) as Store & SealingStore;
}
