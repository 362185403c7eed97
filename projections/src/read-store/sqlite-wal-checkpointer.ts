import { Worker } from 'node:worker_threads';

/**
 * Runs the WAL checkpoints of a SQLite file in a thread of its own (`sqlite-wal-checkpoint-thread.ts`).
 * A connection that commits also checkpoints once the WAL has grown past 1,000 pages, and that
 * checkpoint's fsync stalls the thread that committed — for the read models, the loop that folds the
 * log, whose every stall shows on the live board. With this, that connection turns its automatic
 * checkpoints off and this thread checkpoints the file every `intervalMs`.
 */
export class WalCheckpointer {
  private readonly worker: Worker;
  private readonly exited: Promise<void>;

  constructor(filePath: string, intervalMs = 250) {
    this.worker = new Worker(new URL('./sqlite-wal-checkpoint-thread.js', import.meta.url), { workerData: { filePath, intervalMs } });
    this.worker.unref();
    this.exited = new Promise((resolve) => this.worker.once('exit', () => resolve()));
  }

  /** A last checkpoint, then the thread ends. */
  async close(): Promise<void> {
    this.worker.postMessage('close');
    this.worker.ref();
    await this.exited;
  }
}
