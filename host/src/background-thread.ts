import { parentPort, workerData } from 'node:worker_threads';
import { pino } from 'pino';
import { hasLocalAppendSignals } from '@e-contract/platform/event-store';
import { threadMetrics, type MetricsSnapshot } from '@e-contract/platform/metrics';
import { openEventStore } from '@e-contract/platform/event-store/open';
import type { ProjectionPosition } from '@e-contract/projections/runner';
import { startBackground, type RunningBackground } from './background.js';
import { serializeError, type BackgroundThreadData, type FromBackground, type ToBackground } from './background-messages.js';

/**
 * The background thread of `npm start`: the projections and the reactors (`startBackground`) over
 * their own connections to the stores in `DATA_DIR`, off the event loop that answers HTTP. It tells
 * the request thread what it applied (read-your-writes, the live board) and what its reactors
 * appended, is told of the request thread's appends, and answers the operations calls and the
 * request thread's scrapes of its metrics.
 */
const port = parentPort;
if (!port) throw new Error('background-thread runs as a worker thread');
const { config, logLevel, webhooks } = workerData as BackgroundThreadData;
const post = (message: FromBackground) => port.postMessage(message);
const logger = pino({ level: logLevel }).child({ thread: 'background' });

let background: RunningBackground;
try {
  // The reactors' appends fsync in a writer thread of their own, not on the loop that folds.
  const eventStore = openEventStore(config, { writer: 'thread' });
  background = await startBackground(config, { logger, eventStore, ...(webhooks ? { webhooks } : {}) });
  const store = background.eventStore;
  background.projections.runner.onApplied((name, position) => post({ type: 'applied', name, position }));
  background.reactors?.runner.onBacklog((reactor, since) => post({ type: 'backlog', reactor, since }));
  const signals = hasLocalAppendSignals(store) ? store : null;
  signals?.onAppended((position) => post({ type: 'appended', position }));
  port.on('message', (message: ToBackground) => {
    switch (message.type) {
      case 'appended':
        signals?.notifyAppended(message.position);
        return;
      case 'call':
        void answer(message);
        return;
      case 'stop':
        void background
          .close()
          .then(() => store.close())
          .finally(() => {
            post({ type: 'stopped' });
            port.close();
          });
        return;
    }
  });
  post({ type: 'ready' });
} catch (error) {
  post({ type: 'start-failed', error: serializeError(error) });
  port.close();
}

async function answer(call: Extract<ToBackground, { type: 'call' }>): Promise<void> {
  try {
    let value: ProjectionPosition[] | MetricsSnapshot | null;
    switch (call.method) {
      case 'positions':
        value = await background.projections.runner.positions();
        break;
      case 'rebuild':
        value = rebuild(call.name);
        break;
      case 'metrics':
        // This thread's registry as plain data: the request thread merges it into its /metrics.
        value = await threadMetrics().registry.getMetricsAsJSON();
        break;
    }
    post({ type: 'reply', id: call.id, ok: true, value });
  } catch (error) {
    post({ type: 'reply', id: call.id, ok: false, error: serializeError(error) });
  }
}

function rebuild(name: string): null {
  background.projections.runner.requestRebuild(name);
  return null;
}
