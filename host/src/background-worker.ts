import { Worker } from 'node:worker_threads';
import type { Logger } from 'pino';
import type { BacklogListener } from '@e-contract/command-side';
import type { Config } from '@e-contract/platform/config';
import type { MetricsSnapshot } from '@e-contract/platform/metrics';
import type { ProjectionName } from '@e-contract/projections';
import type { ProjectionPosition } from '@e-contract/projections/runner';
import { deserializeError, type BackgroundThreadData, type FromBackground, type ToBackground } from './background-messages.js';
import type { WebhookDeliverySettings } from './background.js';

const THREAD = new URL('./background-thread.js', import.meta.url);
/** A background thread that died is started again after this pause. */
const RESTART_DELAY_MS = 1_000;
/** How long `close` waits for the thread to finish its batches and save its checkpoints. */
const STOP_TIMEOUT_MS = 30_000;

type CallResult = ProjectionPosition[] | MetricsSnapshot | null;
type Pending = { resolve: (value: CallResult) => void; reject: (error: Error) => void };

/**
 * The request thread's handle on the background thread (`background-thread.ts`): starts it, passes
 * appends both ways, relays what the projections applied, calls the operations of the runner, and
 * stops it cleanly. A thread that dies is logged and started again; calls in flight then fail.
 */
export class BackgroundWorker {
  private worker: Worker | null = null;
  private readonly appliedListeners = new Set<(name: ProjectionName, position: string) => void>();
  private readonly appendedListeners = new Set<(position: string) => void>();
  private readonly backlogListeners = new Set<BacklogListener>();
  /** The reactors that last said they had a batch in hand (told `null` if the thread dies). */
  private readonly busyReactors = new Set<string>();
  private readonly calls = new Map<number, Pending>();
  private nextCall = 1;
  private stopping = false;
  private restartTimer: NodeJS.Timeout | null = null;

  private constructor(
    private readonly config: Config,
    private readonly logger: Logger,
    private readonly webhooks?: WebhookDeliverySettings,
  ) {}

  /** Resolves once the thread's stores are open and its projections and reactors run. */
  static async start(config: Config, logger: Logger, webhooks?: WebhookDeliverySettings): Promise<BackgroundWorker> {
    const handle = new BackgroundWorker(config, logger, webhooks);
    await handle.spawn();
    return handle;
  }

  /** The read models' checkpoints, lag and status, as `GET /api/admin/projections` lists them. */
  positions(): Promise<ProjectionPosition[]> {
    return this.call({ method: 'positions' }) as Promise<ProjectionPosition[]>;
  }

  /** Starts rebuilding a read model; rejects with an error named `UnknownProjection` or `RebuildInProgress`. */
  async requestRebuild(name: string): Promise<void> {
    await this.call({ method: 'rebuild', name });
  }

  /** The background thread's metrics (its registry as plain data), for the request thread's `/metrics`. */
  metrics(): Promise<MetricsSnapshot> {
    return this.call({ method: 'metrics' }) as Promise<MetricsSnapshot>;
  }

  onApplied(listener: (name: ProjectionName, position: string) => void): () => void {
    this.appliedListeners.add(listener);
    return () => this.appliedListeners.delete(listener);
  }

  /** Appends made by the background thread's reactors. */
  onAppended(listener: (position: string) => void): () => void {
    this.appendedListeners.add(listener);
    return () => this.appendedListeners.delete(listener);
  }

  /** What the thread's reactors have in hand (`ReactorRunner.onBacklog`); the request thread's creation admission listens. */
  onBacklog(listener: BacklogListener): () => void {
    this.backlogListeners.add(listener);
    return () => this.backlogListeners.delete(listener);
  }

  private tellBacklog(reactor: string, since: number | null): void {
    if (since === null) this.busyReactors.delete(reactor);
    else this.busyReactors.add(reactor);
    for (const listener of this.backlogListeners) listener(reactor, since);
  }

  /** Tells the background thread of an append made on the request thread, so its subscriptions wake at once. */
  notifyAppended(position: string): void {
    this.send({ type: 'appended', position });
  }

  /** Stops the thread: batches in flight finish, checkpoints are saved, its stores close. */
  async close(): Promise<void> {
    this.stopping = true;
    if (this.restartTimer) clearTimeout(this.restartTimer);
    const worker = this.worker;
    if (!worker) return;
    const stopped = new Promise<void>((resolve) => {
      worker.once('exit', () => resolve());
      worker.on('message', (message: FromBackground) => {
        if (message.type === 'stopped') resolve();
      });
    });
    worker.postMessage({ type: 'stop' } satisfies ToBackground);
    const timeout = setTimeout(() => {
      this.logger.error('the background thread did not stop in time; terminating it');
      void worker.terminate();
    }, STOP_TIMEOUT_MS);
    await stopped;
    clearTimeout(timeout);
    await worker.terminate();
    this.worker = null;
  }

  private spawn(): Promise<void> {
    const worker = new Worker(THREAD, {
      workerData: {
        config: this.config,
        logLevel: this.logger.level,
        ...(this.webhooks ? { webhooks: this.webhooks } : {}),
      } satisfies BackgroundThreadData,
    });
    this.worker = worker;
    return new Promise<void>((resolve, reject) => {
      let ready = false;
      worker.on('message', (message: FromBackground) => {
        switch (message.type) {
          case 'ready':
            ready = true;
            resolve();
            return;
          case 'start-failed':
            reject(deserializeError(message.error));
            return;
          case 'applied':
            for (const listener of this.appliedListeners) listener(message.name, message.position);
            return;
          case 'appended':
            for (const listener of this.appendedListeners) listener(message.position);
            return;
          case 'backlog':
            this.tellBacklog(message.reactor, message.since);
            return;
          case 'reply': {
            const pending = this.calls.get(message.id);
            this.calls.delete(message.id);
            if (message.ok) pending?.resolve(message.value);
            else pending?.reject(deserializeError(message.error));
            return;
          }
          case 'stopped':
            return;
        }
      });
      worker.on('error', (error) => {
        this.logger.error({ err: error }, 'the background thread failed');
        if (!ready) reject(error);
      });
      worker.on('exit', (code) => {
        if (this.worker === worker) this.worker = null;
        // What its reactors had in hand is no longer being worked on: nothing to hold creations for.
        for (const reactor of [...this.busyReactors]) this.tellBacklog(reactor, null);
        for (const pending of this.calls.values()) pending.reject(new Error('the background thread stopped'));
        this.calls.clear();
        if (!ready) return reject(new Error(`the background thread stopped while starting (exit code ${code})`));
        if (this.stopping) return;
        this.logger.error({ code }, 'the background thread stopped; starting it again');
        this.restartTimer = setTimeout(() => {
          this.restartTimer = null;
          if (!this.stopping)
            this.spawn().catch((error: unknown) => this.logger.error({ err: error }, 'the background thread could not start again'));
        }, RESTART_DELAY_MS);
      });
    });
  }

  private call(request: { method: 'positions' } | { method: 'rebuild'; name: string } | { method: 'metrics' }): Promise<CallResult> {
    if (!this.worker) return Promise.reject(new Error('the background thread is not running'));
    const id = this.nextCall++;
    return new Promise((resolve, reject) => {
      this.calls.set(id, { resolve, reject });
      this.send({ type: 'call', id, ...request });
    });
  }

  private send(message: ToBackground): void {
    this.worker?.postMessage(message);
  }
}
