import type { RecordedEvent } from '@e-contract/contracts';
import type { Fact, StreamOptions } from '@e-contract/contracts/testing';
import { processStream } from '@e-contract/contracts/testing/node';
import type { Projection } from '../projection.js';

/** given / when / then for projections (specs only); the facts and streams come from `@e-contract/contracts/testing`. */

/** Folds events per key, as a read store does (skipping types the projection does not handle). */
export function givenEvents(events: readonly RecordedEvent[]) {
  return {
    project<View>(projection: Projection<View>): Map<string, View> {
      const views = new Map<string, View>();
      for (const event of events) {
        if (!projection.handles.includes(event.type)) continue;
        const key = projection.keyOf(event);
        if (key === null) continue;
        const next = projection.evolve(views.get(key) ?? null, event);
        if (next === null) views.delete(key);
        else views.set(key, next);
      }
      return views;
    },
  };
}

/** `given(history).when(fact).viewOf(projection)`: the view the last fact landed in. */
export function given(history: readonly Fact[], options: StreamOptions = {}) {
  return {
    when(...facts: Fact[]) {
      const events = processStream([...history, ...facts], options);
      return {
        events,
        viewOf<View>(projection: Projection<View>): View | null {
          const last = events.at(-1);
          const key = last ? projection.keyOf(last) : null;
          return key === null ? null : (givenEvents(events).project(projection).get(key) ?? null);
        },
      };
    },
  };
}

/** Freezes an object graph, so that a spec proves a fold does not mutate its input. */
export function deepFreeze<T>(value: T): T {
  if (value !== null && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const child of Object.values(value)) deepFreeze(child);
  }
  return value;
}
