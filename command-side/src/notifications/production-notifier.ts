import type { Config } from '@e-contract/platform/config';
import { ChannelNotifier } from './channel-notifier.js';
import { HttpSmsNotifier } from './http-sms-notifier.js';
import { SmtpEmailNotifier } from './smtp-email-notifier.js';

/** Production: SMS through the gateway, e-mail over SMTP (both required by `loadConfig` in production). */
export function productionNotifier(config: Config): ChannelNotifier {
  return new ChannelNotifier({
    sms: new HttpSmsNotifier({ url: config.smsGatewayUrl ?? '', apiKey: config.smsGatewayKey ?? '' }),
    email: new SmtpEmailNotifier({ url: config.smtpUrl ?? '', from: config.mailFrom ?? '' }),
  });
}
