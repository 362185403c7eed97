import type { Logger } from 'pino';
import { mergeMetrics, threadMetrics, type MetricsSnapshot } from '@e-contract/platform/metrics';

/** How long a scrape waits for the background thread (busy folding a large batch) before answering without it. */
const BACKGROUND_TIMEOUT_MS = 3_000;

/**
 * `/metrics` of `npm start`: the request thread's registry (HTTP, the command side's appends and
 * facts, the live streams, the default process metrics) and the background thread's (projections,
 * reactors and their appends), asked for over the thread's message channel and merged into one
 * exposition, each family once. When the background thread does not answer in time (restarting,
 * busy), the request thread's metrics are served alone and the miss is logged.
 */
export function systemMetrics(background: { metrics(): Promise<MetricsSnapshot> }, logger: Logger): () => Promise<string> {
  return async () => {
    const [local, remote] = await Promise.all([
      threadMetrics().registry.getMetricsAsJSON(),
      withTimeout(background.metrics(), BACKGROUND_TIMEOUT_MS).catch((error: unknown) => {
        logger.warn({ err: error }, 'the background thread did not give its metrics; serving those of the request thread');
        return null;
      }),
    ]);
    return mergeMetrics(remote ? [local, remote] : [local]);
  };
}

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_resolve, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer within ${ms} ms`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}
