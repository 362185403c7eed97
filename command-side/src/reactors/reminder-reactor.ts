import { systemActor } from '@e-contract/contracts';
import { parseSigningEvent } from '@e-contract/contracts/events';
import { threadMetrics } from '@e-contract/platform/metrics';
import type { Logger } from 'pino';
import { SweepLoop } from './sweep-loop.js';
import { inviteTokenOf } from '../auth/invite-token.js';
import type { EdoAgreementCatalog } from '../edo-agreement/edo-agreement.js';
import type { Notifier } from '../notifications/notifier.js';
import { dueAutomaticReminder, type AutomaticTrigger } from '../reminders/reminder-rules.js';
import type { SigningCommandHandler } from '../signing/command-handler.js';
import { deliverReminder } from '../signing/invitations.js';
import { DomainError } from '../signing/signing-errors.js';

/**
 * The processes that wait for their signer and may be due a reminder (invited at least a day ago,
 * or due to end within a day), as the deals read model shows them. It may lag the log: the rules
 * decide on the process stream.
 */
export interface RemindableProcesses {
  remindable(now: Date, page: number, pageSize: number): Promise<string[]>;
}

export interface ReminderReactorDeps {
  remindable: RemindableProcesses;
  handler: SigningCommandHandler;
  notifier: Notifier;
  publicUrl: string;
  organizationName: string;
  inviteTokenSecret: string;
  edoAgreements: EdoAgreementCatalog;
  clock: () => Date;
  logger: Logger;
  /** Time between sweeps (default 60 s: a reminder a minute late is on time). */
  intervalMs?: number;
  pageSize?: number;
}

/**
 * Automatic reminders (API.md, "After signing, reminders…"): every `intervalMs` a sweep over the
 * waiting processes, and for each one the reminder its facts make due (`dueAutomaticReminder`: one
 * day after the invitation, one day before the deadline, outside 21:00–09:00 Moscow time, two at
 * most). The SMS carries the dedup key `reminder:<process>:<trigger>` and the decider records each
 * trigger once, so sweeping twice reminds once.
 */
export class ReminderReactor {
  readonly name = 'reminders';
  private readonly loop: SweepLoop;

  constructor(private readonly deps: ReminderReactorDeps) {
    this.loop = new SweepLoop(this.name, deps.intervalMs ?? 60_000, deps.logger, (signal) => this.sweep(signal));
  }

  start(): void {
    this.loop.start();
  }

  stop(): Promise<void> {
    return this.loop.stop();
  }

  /** One sweep; the loop calls it, specs may too. Answers how many reminders went out. */
  async sweep(signal?: AbortSignal): Promise<number> {
    const pageSize = this.deps.pageSize ?? 100;
    const now = this.deps.clock();
    let sent = 0;
    for (let page = 1; !signal?.aborted; page += 1) {
      const items = await this.deps.remindable.remindable(now, page, pageSize);
      for (const processId of items) {
        if (signal?.aborted) break;
        if (await this.remind(processId, now)) sent += 1;
      }
      if (items.length < pageSize) break;
    }
    if (sent > 0) this.deps.logger.info({ reactor: this.name, sent }, 'reminder sweep');
    return sent;
  }

  private async remind(processId: string, now: Date): Promise<boolean> {
    try {
      const trigger = await this.dueTrigger(processId, now);
      if (!trigger) return false;
      const outcome = await deliverReminder(
        this.deps,
        {
          processId,
          trigger,
          token: (process) => inviteTokenOf(processId, { ...process.invitation, secret: this.deps.inviteTokenSecret }),
          dedupKey: `reminder:${processId}:${trigger}`,
        },
        { actor: systemActor('notifications'), ip: null, userAgent: null, correlationId: null, causationId: null },
      );
      return outcome !== null;
    } catch (error) {
      if (error instanceof DomainError) return false;
      threadMetrics().projectionErrors.labels(this.name).inc();
      this.deps.logger.error({ err: error, reactor: this.name, processId }, 'could not remind the signer; the next sweep tries again');
      return false;
    }
  }

  /** The automatic reminder the process's facts make due now, if any. */
  private async dueTrigger(processId: string, now: Date): Promise<AutomaticTrigger | null> {
    const { state, events } = await this.deps.handler.load(processId);
    if (state.status === 'none') return null;
    const current = state.invitation.invitationId;
    const invited = events.filter((event) => {
      const fact = parseSigningEvent(event);
      return fact.type === 'SignerInvited' && fact.data.invitationId === current;
    });
    const sent = state.reminders.flatMap((reminder) => (reminder.trigger === 'manual' ? [] : [reminder.trigger]));
    return dueAutomaticReminder({ invitedAt: invited.at(-1)?.metadata.occurredAt ?? null, expiresAt: state.expiresAt, sent }, now);
  }
}
