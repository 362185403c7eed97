import { Webhook } from 'standardwebhooks';
import {
  WebhookSecretUnreadable,
  newWebhookSecret,
  openWebhookSecret,
  sealWebhookSecret,
  webhookSealKey,
  webhookSigningKey,
} from './webhook-secrets.js';

describe('webhook secrets', () => {
  const key = webhookSealKey({ inviteTokenSecret: 'x'.repeat(43) });

  it('are whsec_ and the base64 of 32 random bytes', () => {
    const secret = newWebhookSecret();
    expect(secret).toMatch(/^whsec_[A-Za-z0-9+/]{43}=$/);
    expect(webhookSigningKey(secret).length).toBe(32);
    expect(newWebhookSecret()).not.toBe(secret);
  });

  it('are sealed for the log and opened with the same key and webhook only', () => {
    const secret = newWebhookSecret();
    const sealed = sealWebhookSecret(secret, key, 'w-1');
    expect(sealed).not.toContain(secret.slice(6));
    expect(sealed).not.toBe(sealWebhookSecret(secret, key, 'w-1')); // a fresh IV each time
    expect(openWebhookSecret(sealed, key, 'w-1')).toBe(secret);
    expect(() => openWebhookSecret(sealed, key, 'w-2')).toThrowError(WebhookSecretUnreadable);
    expect(() => openWebhookSecret(sealed, webhookSealKey({ inviteTokenSecret: 'y'.repeat(43) }), 'w-1')).toThrowError(
      WebhookSecretUnreadable,
    );
    expect(() => openWebhookSecret('v1.broken', key, 'w-1')).toThrowError(WebhookSecretUnreadable);
  });

  it("sign as the standardwebhooks package's own test vector says (the key is the base64 after whsec_)", () => {
    // libraries/javascript/src/webhook.test.ts of standard-webhooks: "sign function works".
    const signer = new Webhook('whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw');
    expect(signer.sign('msg_p5jXN8AQM9LWM0D4loKWxJek', new Date(1614265330 * 1000), '{"test": 2432232314}')).toBe(
      'v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=',
    );
    expect(webhookSigningKey('whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw')).toEqual(Buffer.from('MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw', 'base64'));
  });
});
