import { ChannelNotConfigured, ChannelNotifier } from './channel-notifier.js';
import type { Notifier, OutgoingMessage } from './notifier.js';

class RecordingNotifier implements Notifier {
  readonly sent: OutgoingMessage[] = [];
  async send(message: OutgoingMessage): Promise<void> {
    this.sent.push(message);
  }
}

const sms: OutgoingMessage = { channel: 'sms', to: '+79001234567', kind: 'signature_code', text: 'Код: 123456', code: '123456' };
const email: OutgoingMessage = {
  channel: 'email',
  to: 'ivan@example.ru',
  kind: 'invitation',
  subject: 'Документ на подписание',
  text: 'Здравствуйте!',
  dedupKey: 'evt-1:email',
};

describe('ChannelNotifier', () => {
  it('routes an SMS to the SMS notifier and an e-mail to the e-mail notifier, unchanged', async () => {
    const smsNotifier = new RecordingNotifier();
    const emailNotifier = new RecordingNotifier();
    const notifier = new ChannelNotifier({ sms: smsNotifier, email: emailNotifier });

    await notifier.send(sms);
    await notifier.send(email);

    expect(smsNotifier.sent).toEqual([sms]);
    expect(emailNotifier.sent).toEqual([email]);
  });

  it('refuses an e-mail when no e-mail notifier is configured, and sends nothing', async () => {
    const smsNotifier = new RecordingNotifier();
    const notifier = new ChannelNotifier({ sms: smsNotifier });

    await expectAsync(notifier.send(email)).toBeRejectedWithError(ChannelNotConfigured, /"email" channel/);
    expect(smsNotifier.sent).toEqual([]);
  });

  it('names the channel in the error, but not the address or the text', async () => {
    const notifier = new ChannelNotifier({ sms: new RecordingNotifier() });
    const error = await notifier.send(email).then(
      () => null,
      (e: unknown) => e,
    );

    expect(error).toBeInstanceOf(ChannelNotConfigured);
    const refused = error as ChannelNotConfigured;
    expect(refused.channel).toBe('email');
    expect(refused.message).not.toContain('ivan@example.ru');
    expect(refused.message).not.toContain('Здравствуйте');
  });

  it('refuses a channel it does not know, even one named like an object property', async () => {
    const smsNotifier = new RecordingNotifier();
    const notifier = new ChannelNotifier({ sms: smsNotifier, email: new RecordingNotifier() });
    const odd = { ...sms, channel: 'toString' } as unknown as OutgoingMessage;

    await expectAsync(notifier.send(odd)).toBeRejectedWithError(ChannelNotConfigured);
    expect(smsNotifier.sent).toEqual([]);
  });

  it("passes on the channel notifier's failure", async () => {
    const failing: Notifier = { send: () => Promise.reject(new Error('gateway down')) };
    const notifier = new ChannelNotifier({ sms: failing, email: new RecordingNotifier() });

    await expectAsync(notifier.send(sms)).toBeRejectedWithError('gateway down');
  });

  it('lists the channels it can deliver to', () => {
    expect(new ChannelNotifier({ sms: new RecordingNotifier() }).channels).toEqual(['sms']);
    expect(new ChannelNotifier({ sms: new RecordingNotifier(), email: new RecordingNotifier() }).channels).toEqual(['sms', 'email']);
  });
});
