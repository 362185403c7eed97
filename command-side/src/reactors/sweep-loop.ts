import type { Logger } from 'pino';
import { sleep } from '@e-contract/platform/consumers';
import { threadMetrics } from '@e-contract/platform/metrics';

/**
 * Runs `sweep` every `intervalMs` until stopped: the loop of the reactors that look at the read
 * model on a clock (expiry, reminders) rather than follow the log. A failed sweep is logged, counts
 * in `econtract_projection_errors_total{name}`, and the next one comes at its time; `stop` waits for
 * a sweep under way to end.
 */
export class SweepLoop {
  private controller: AbortController | null = null;
  private loop: Promise<void> | null = null;

  constructor(
    private readonly name: string,
    private readonly intervalMs: number,
    private readonly logger: Logger,
    private readonly sweep: (signal: AbortSignal) => Promise<unknown>,
  ) {}

  start(): void {
    if (this.loop) return;
    threadMetrics().projectionErrors.labels(this.name).inc(0);
    const controller = new AbortController();
    this.controller = controller;
    this.loop = (async () => {
      while (!controller.signal.aborted) {
        try {
          await this.sweep(controller.signal);
        } catch (error) {
          threadMetrics().projectionErrors.labels(this.name).inc();
          this.logger.error({ err: error, reactor: this.name }, `${this.name} sweep failed; trying again at the next one`);
        }
        await sleep(this.intervalMs, controller.signal);
      }
    })();
  }

  async stop(): Promise<void> {
    this.controller?.abort();
    await this.loop;
    this.controller = null;
    this.loop = null;
  }
}
