import { HttpSmsNotifier, SmsDeliveryFailed, type FetchLike, type NotifierLog } from './http-sms-notifier.js';
import type { OutgoingMessage } from './notifier.js';

interface Call {
  url: string;
  init: RequestInit;
}

function fakeFetch(answer: () => Promise<Response> = async () => new Response('{"id":"m1"}', { status: 200 })) {
  const calls: Call[] = [];
  const fetch: FetchLike = async (url, init) => {
    calls.push({ url, init });
    return answer();
  };
  return { calls, fetch };
}

function recordingLog() {
  const lines: string[] = [];
  const log: NotifierLog = {
    info: (fields, message) => lines.push(JSON.stringify({ ...fields, message })),
    warn: (fields, message) => lines.push(JSON.stringify({ ...fields, message })),
  };
  return { lines, log };
}

const codeMessage: OutgoingMessage = {
  channel: 'sms',
  to: '+7 900 123-45-67',
  kind: 'signature_code',
  text: 'Код для подписания документов: 987654. Никому не сообщайте его, даже сотрудникам компании. Код действует 5 минут.',
  code: '987654',
  dedupKey: 'event-7:sms',
};

describe('HttpSmsNotifier', () => {
  it('posts {to, text} with the bearer key and never logs the text or the code', async () => {
    const { calls, fetch } = fakeFetch();
    const { lines, log } = recordingLog();
    const notifier = new HttpSmsNotifier({ url: 'https://sms.example/send', apiKey: 'k-1', fetch, log });

    await notifier.send(codeMessage);

    expect(calls.length).toBe(1);
    const [call] = calls;
    expect(call?.url).toBe('https://sms.example/send');
    expect(call?.init.method).toBe('POST');
    const headers = call?.init.headers as Record<string, string>;
    expect(headers['Authorization']).toBe('Bearer k-1');
    expect(headers['Idempotency-Key']).toBe('event-7:sms');
    expect(JSON.parse(String(call?.init.body))).toEqual({ to: '+79001234567', text: codeMessage.text });
    expect(call?.init.signal).toBeInstanceOf(AbortSignal);

    expect(lines.length).toBe(1);
    expect(lines.join()).not.toContain('987654');
    expect(lines.join()).not.toContain('+79001234567');
    expect(lines.join()).toContain('+7 900 ***-**-67');
  });

  it('sends a message with an already sent dedup key only once', async () => {
    const { calls, fetch } = fakeFetch();
    const notifier = new HttpSmsNotifier({ url: 'https://sms.example/send', apiKey: 'k', fetch });
    await notifier.send(codeMessage);
    await notifier.send(codeMessage);
    await notifier.send({ ...codeMessage, dedupKey: 'event-8:sms' });
    expect(calls.length).toBe(2);
  });

  it('fails on a refusal without the text in the error, and the same key may be sent again', async () => {
    const { lines, log } = recordingLog();
    let refuse = true;
    const { calls, fetch } = fakeFetch(async () =>
      refuse ? new Response(`rejected: ${codeMessage.text}`, { status: 503 }) : new Response('{}', { status: 200 }),
    );
    const notifier = new HttpSmsNotifier({ url: 'https://sms.example/send', apiKey: 'k', fetch, log });

    const refusal = await notifier.send(codeMessage).then(
      () => null,
      (error: unknown) => error,
    );
    expect(refusal).toBeInstanceOf(SmsDeliveryFailed);
    expect((refusal as SmsDeliveryFailed).status).toBe(503);
    expect((refusal as Error).message).not.toContain('987654');
    expect(lines.join()).not.toContain('987654');

    refuse = false;
    await notifier.send(codeMessage);
    expect(calls.length).toBe(2);
  });

  it('gives up after the timeout', async () => {
    const hanging: FetchLike = (_url, init) =>
      new Promise((_resolve, reject) => init.signal?.addEventListener('abort', () => reject(init.signal?.reason)));
    const notifier = new HttpSmsNotifier({ url: 'https://sms.example/send', apiKey: 'k', fetch: hanging, timeoutMs: 20 });
    await expectAsync(notifier.send(codeMessage)).toBeRejectedWithError(SmsDeliveryFailed, 'SMS gateway timed out');
  });

  it('refuses e-mail and numbers that are not Russian mobiles', async () => {
    const { calls, fetch } = fakeFetch();
    const notifier = new HttpSmsNotifier({ url: 'https://sms.example/send', apiKey: 'k', fetch });
    await expectAsync(notifier.send({ ...codeMessage, channel: 'email', to: 'a@b.ru' })).toBeRejectedWithError(TypeError);
    await expectAsync(notifier.send({ ...codeMessage, to: '+14155550100' })).toBeRejectedWithError(TypeError);
    expect(calls.length).toBe(0);
  });
});
