import { threadMetrics, type ThreadMetrics } from '@e-contract/platform/metrics';
import type { Notifier, OutgoingMessage } from './notifier.js';

const CHANNELS: ReadonlySet<string> = new Set(['sms', 'email']);
const KINDS: ReadonlySet<string> = new Set(['invitation', 'signature_code', 'reminder', 'signed_notice']);

/**
 * A notifier whose messages are counted in `econtract_notifications_total{channel, kind, result}`:
 * `sent` when the adapter accepted the message, `failed` when it threw (the caller sees the error
 * as before). The labels are the message's channel and kind — never its address or text.
 */
export class CountedNotifier implements Notifier {
  constructor(
    readonly inner: Notifier,
    private readonly counter: ThreadMetrics['notifications'] = threadMetrics().notifications,
  ) {
    // The messages that exist today, at 0 from the start: a first failure is then an increase alerts see.
    for (const [channel, kind] of [
      ['sms', 'invitation'],
      ['sms', 'signature_code'],
      ['email', 'invitation'],
    ] as const)
      for (const result of ['sent', 'failed'] as const) counter.inc({ channel, kind, result }, 0);
  }

  async send(message: OutgoingMessage): Promise<void> {
    const channel = CHANNELS.has(message.channel) ? message.channel : 'other';
    const kind = KINDS.has(message.kind) ? message.kind : 'other';
    try {
      await this.inner.send(message);
    } catch (error) {
      this.counter.inc({ channel, kind, result: 'failed' });
      throw error;
    }
    this.counter.inc({ channel, kind, result: 'sent' });
  }
}

/** `notifier` counted, once: a notifier that already counts is returned as it is. */
export const countedNotifier = (notifier: Notifier): Notifier =>
  notifier instanceof CountedNotifier ? notifier : new CountedNotifier(notifier);
