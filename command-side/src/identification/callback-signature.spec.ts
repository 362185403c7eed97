import { createHmac } from 'node:crypto';
import { signCallback, verifyCallbackSignature } from './callback-signature.js';

describe('Identification: callback signature', () => {
  const secret = 'callback-secret';
  const body = '{"requestId":"r-1","result":"success","person":{"fullName":"Иванов Иван Иванович","inn":"770901234505","confirmed":true}}';
  const now = 1_760_000_000;

  it('signs as API.md says: t=<seconds>,v1=<hex HMAC-SHA256(secret, t + "." + body)>', () => {
    const expected = createHmac('sha256', secret).update(`${now}.${body}`, 'utf8').digest('hex');
    expect(signCallback(secret, body, now)).toBe(`t=${now},v1=${expected}`);
  });

  it('accepts its own signature, over a string or the raw bytes', () => {
    const header = signCallback(secret, body, now);
    expect(verifyCallbackSignature(secret, header, body, now + 10)).toEqual({ ok: true });
    expect(verifyCallbackSignature(secret, header, Buffer.from(body, 'utf8'), now)).toEqual({ ok: true });
  });

  it('refuses a missing or empty header', () => {
    expect(verifyCallbackSignature(secret, undefined, body, now)).toEqual({ ok: false, reason: 'missing signature header' });
    expect(verifyCallbackSignature(secret, '  ', body, now)).toEqual({ ok: false, reason: 'missing signature header' });
  });

  it('refuses garbled headers', () => {
    const v1 = 'a'.repeat(64);
    for (const garbled of [
      'nonsense',
      `t=${now}`,
      `v1=${v1}`,
      `t=abc,v1=${v1}`,
      `t=${now},v1=xyz`,
      `t=${now},v1=${v1.slice(2)}`,
      `t=${now},t=${now},v1=${v1}`,
      `=${now}`,
    ]) {
      expect(verifyCallbackSignature(secret, garbled, body, now))
        .withContext(garbled)
        .toEqual({ ok: false, reason: 'malformed signature header' });
    }
  });

  it('refuses a wrong HMAC: another secret, another body, another timestamp in the MAC', () => {
    const mismatch = { ok: false, reason: 'signature mismatch' };
    expect(verifyCallbackSignature(secret, signCallback('other-secret', body, now), body, now)).toEqual(mismatch);
    expect(verifyCallbackSignature(secret, signCallback(secret, body, now), body.replace('770901234505', '770224681039'), now)).toEqual(
      mismatch,
    );
    const v1 = signCallback(secret, body, now).split(',v1=')[1];
    expect(verifyCallbackSignature(secret, `t=${now + 1},v1=${v1}`, body, now)).toEqual(mismatch);
  });

  it('refuses a signature older than 5 minutes and accepts one exactly 5 minutes old', () => {
    const header = signCallback(secret, body, now);
    expect(verifyCallbackSignature(secret, header, body, now + 300)).toEqual({ ok: true });
    expect(verifyCallbackSignature(secret, header, body, now + 301)).toEqual({ ok: false, reason: 'signature timestamp too old' });
  });

  it('refuses a signature more than 5 minutes in the future', () => {
    const header = signCallback(secret, body, now + 301);
    expect(verifyCallbackSignature(secret, header, body, now)).toEqual({ ok: false, reason: 'signature timestamp in the future' });
    expect(verifyCallbackSignature(secret, signCallback(secret, body, now + 300), body, now)).toEqual({ ok: true });
  });

  it('honours another tolerance and tolerates spaces around the fields', () => {
    const header = signCallback(secret, body, now).replace(',', ', ');
    expect(verifyCallbackSignature(secret, header, body, now + 61, 60)).toEqual({ ok: false, reason: 'signature timestamp too old' });
    expect(verifyCallbackSignature(secret, header, body, now + 59, 60)).toEqual({ ok: true });
  });
});
