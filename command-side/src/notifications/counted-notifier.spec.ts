import { createMetrics, type ThreadMetrics } from '@e-contract/platform/metrics';
import { sampleValue } from '@e-contract/platform/testing';
import { CountedNotifier, countedNotifier } from './counted-notifier.js';
import type { Notifier, OutgoingMessage } from './notifier.js';

describe('CountedNotifier', () => {
  let metrics: ThreadMetrics;
  let failing: Set<string>;
  const inner: Notifier = {
    send: async (message) => {
      if (failing.has(message.channel)) throw new Error('gateway down');
    },
  };
  const message = (channel: 'sms' | 'email', kind: 'invitation' | 'signature_code'): OutgoingMessage => ({
    channel,
    kind,
    to: channel === 'sms' ? '+79001234567' : 'signer@example.ru',
    text: 'text',
  });
  beforeEach(() => {
    metrics = createMetrics();
    failing = new Set();
  });
  const count = async (labels: Record<string, string>) =>
    sampleValue(await metrics.registry.metrics(), 'econtract_notifications_total', labels);

  it('counts what the adapter accepted as sent and what it refused as failed, by channel and kind, and rethrows', async () => {
    const notifier = new CountedNotifier(inner, metrics.notifications);
    await notifier.send(message('sms', 'invitation'));
    await notifier.send(message('sms', 'signature_code'));
    await notifier.send(message('sms', 'signature_code'));
    failing.add('email');
    await expectAsync(notifier.send(message('email', 'invitation'))).toBeRejectedWithError('gateway down');

    expect(await count({ channel: 'sms', kind: 'signature_code', result: 'sent' })).toBe(2);
    expect(await count({ channel: 'sms', kind: 'invitation', result: 'sent' })).toBe(1);
    expect(await count({ channel: 'email', kind: 'invitation', result: 'failed' })).toBe(1);
    expect(await count({ channel: 'email', kind: 'invitation', result: 'sent' })).toBe(0);
    expect(await count({ channel: 'sms', kind: 'signature_code', result: 'failed' })).toBe(0);
    const text = await metrics.registry.metrics();
    expect(text).not.toContain('+79001234567');
    expect(text).not.toContain('signer@example.ru');
  });

  it('wraps a notifier once', () => {
    const counted = countedNotifier(inner);
    expect(counted).toBeInstanceOf(CountedNotifier);
    expect(countedNotifier(counted)).toBe(counted);
  });
});
