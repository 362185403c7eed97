import { isMainThread } from 'node:worker_threads';
import { Registry, collectDefaultMetrics } from 'prom-client';

let registry: Registry | null = null;

/**
 * This thread's registry, made on first use (importing runs nothing). Each thread has its own — a
 * worker thread has its own module instances — so the request thread, the background thread of
 * `npm start` and every process alone each count what they do themselves. The main thread also
 * collects prom-client's default process and Node metrics; a worker thread does not: they describe
 * the process, which the main thread reports once (its `/metrics` merges the workers' families in).
 */
export function threadRegistry(): Registry {
  if (registry === null) {
    registry = new Registry();
    if (isMainThread) collectDefaultMetrics({ register: registry });
  }
  return registry;
}
