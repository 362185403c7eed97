import type { MessageChannel, Notifier, OutgoingMessage } from './notifier.js';

/** One notifier per channel. SMS is required (signature codes go by SMS only); e-mail is optional. */
export interface ChannelNotifiers {
  sms: Notifier;
  email?: Notifier;
}

/** Thrown when a message asks for a channel that has no notifier configured; carries no message text or address. */
export class ChannelNotConfigured extends Error {
  override readonly name = 'ChannelNotConfigured';
  constructor(readonly channel: string) {
    super(`No notifier is configured for the ${JSON.stringify(channel)} channel`);
  }
}

/**
 * Routes each message to the notifier of its channel, e.g. SMS to `HttpSmsNotifier` and e-mail to
 * `SmtpEmailNotifier`. A message for a channel without a notifier is refused, not dropped: the
 * reactor that asked for it sees the failure and delivers again once the channel is configured.
 */
export class ChannelNotifier implements Notifier {
  private readonly notifiers: ReadonlyMap<string, Notifier>;

  constructor(notifiers: ChannelNotifiers) {
    const routes = new Map<string, Notifier>([['sms', notifiers.sms]]);
    if (notifiers.email) routes.set('email', notifiers.email);
    this.notifiers = routes;
  }

  /** The channels this notifier can deliver to. */
  get channels(): MessageChannel[] {
    return [...this.notifiers.keys()] as MessageChannel[];
  }

  async send(message: OutgoingMessage): Promise<void> {
    // A Map, not an index into the options object: a channel such as `toString` must not find a route.
    const notifier = this.notifiers.get(message.channel);
    if (!notifier) throw new ChannelNotConfigured(String(message.channel));
    await notifier.send(message);
  }
}
