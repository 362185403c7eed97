import { systemActor } from '@e-contract/contracts';
import type { SigningCommandHandler } from '../signing/command-handler.js';
import { decide } from '../signing/decide.js';
import { decisionContext } from '../signing/decision-context.js';
import { DomainError } from '../signing/signing-errors.js';
import type { EdoAgreementCatalog } from '../edo-agreement/edo-agreement.js';
import type { Logger } from 'pino';
import { SweepLoop } from './sweep-loop.js';
import { threadMetrics } from '@e-contract/platform/metrics';

/**
 * The processes whose deadline has passed while they are still open (`isOverdue` in contracts), the
 * earliest deadline first. The deals read model answers it; it may lag the log, which the decider
 * makes harmless.
 */
export interface DueProcesses {
  overdue(now: Date, page: number, pageSize: number): Promise<string[]>;
}

export interface ExpiryReactorDeps {
  due: DueProcesses;
  handler: SigningCommandHandler;
  edoAgreements: EdoAgreementCatalog;
  clock: () => Date;
  logger: Logger;
  /** Time between sweeps (default 5 s). */
  intervalMs?: number;
  /** Deals per query (default 100). */
  pageSize?: number;
}

export interface SweepResult {
  expired: number;
  /** The decider refused: the process ended meanwhile, or the deadline moved (the read model lagged). */
  refused: number;
  failed: number;
}

/**
 * Ends overdue processes: every `intervalMs` a sweep over the processes `due` names as overdue, and `ExpireSigning` (`system:expiry`) for each. The command handler
 * decides on the process stream, not the read model, so a deal that a lagging read model still
 * shows open is refused (already ended) and ignored: sweeping twice expires nothing twice. A failed
 * sweep or expiry counts in `econtract_projection_errors_total{name="expiry"}`.
 */
export class ExpiryReactor {
  readonly name = 'expiry';
  private readonly loop: SweepLoop;

  constructor(private readonly deps: ExpiryReactorDeps) {
    this.loop = new SweepLoop(this.name, deps.intervalMs ?? 5_000, deps.logger, (signal) => this.sweep(signal));
  }

  start(): void {
    this.loop.start();
  }

  stop(): Promise<void> {
    return this.loop.stop();
  }

  /** One sweep; the periodic loop calls it, tests and operators may too. */
  async sweep(signal?: AbortSignal): Promise<SweepResult> {
    const pageSize = this.deps.pageSize ?? 100;
    const now = this.deps.clock();
    const result: SweepResult = { expired: 0, refused: 0, failed: 0 };
    for (let page = 1; !signal?.aborted; page += 1) {
      const items = await this.deps.due.overdue(now, page, pageSize);
      for (const processId of items) {
        if (signal?.aborted) break;
        await this.expire(processId, result);
      }
      if (items.length < pageSize) break;
    }
    if (result.expired + result.failed > 0) this.deps.logger.info({ reactor: this.name, ...result }, 'expiry sweep');
    return result;
  }

  private async expire(processId: string, result: SweepResult): Promise<void> {
    try {
      await this.deps.handler.execute(
        processId,
        { actor: systemActor('expiry'), ip: null, userAgent: null, correlationId: null, causationId: null },
        (state) => decide({ type: 'ExpireSigning' }, state, decisionContext(this.deps)),
      );
      result.expired += 1;
    } catch (error) {
      if (error instanceof DomainError) {
        result.refused += 1;
        return;
      }
      result.failed += 1;
      threadMetrics().projectionErrors.labels(this.name).inc();
      this.deps.logger.error({ err: error, reactor: this.name, processId }, 'could not expire the process; the next sweep tries again');
    }
  }
}
