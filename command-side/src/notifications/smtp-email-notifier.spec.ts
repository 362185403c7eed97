import nodemailer from 'nodemailer';
import type { NotifierLog } from './http-sms-notifier.js';
import type { OutgoingMessage } from './notifier.js';
import { EmailDeliveryFailed, FALLBACK_SUBJECTS, SmtpEmailNotifier } from './smtp-email-notifier.js';

/** What nodemailer's JSON transport makes of a message (the parts the specs look at). */
interface JsonMail {
  from: { address: string; name: string };
  to: { address: string; name: string }[];
  subject: string;
  text: string;
  headers: Record<string, string>;
}

const FROM = '"E-contract" <noreply@e-contract.example.ru>';
const LINK = 'https://e-contract.example.ru/sign/tok_SECRET123';

/** A real nodemailer transport that composes each message as JSON instead of sending it. */
function jsonTransport() {
  const transport = nodemailer.createTransport({ jsonTransport: true });
  const sendMail = spyOn(transport, 'sendMail').and.callThrough();
  const sent = async (): Promise<JsonMail[]> =>
    Promise.all(sendMail.calls.all().map(async (call) => JSON.parse((await call.returnValue).message) as JsonMail));
  return { transport, sendMail, sent };
}

function recordingLog() {
  const lines: { level: string; fields: Record<string, unknown>; message: string }[] = [];
  const log: NotifierLog = {
    info: (fields, message) => lines.push({ level: 'info', fields, message }),
    warn: (fields, message) => lines.push({ level: 'warn', fields, message }),
  };
  return { log, lines };
}

function invitation(overrides: Partial<OutgoingMessage> = {}): OutgoingMessage {
  return {
    channel: 'email',
    to: 'ivan.petrov@example.ru',
    kind: 'invitation',
    subject: 'Документ на подписание: «Договор поставки №7»',
    text: `Здравствуйте!\n\nЧтобы подписать документ, перейдите по ссылке:\n${LINK}`,
    link: LINK,
    inviteToken: 'tok_SECRET123',
    dedupKey: 'evt-1:email',
    ...overrides,
  };
}

describe('SmtpEmailNotifier', () => {
  it('sends one plain-text mail: from MAIL_FROM, to the signer, with the subject and the text as body', async () => {
    const { transport, sent } = jsonTransport();
    const notifier = new SmtpEmailNotifier({ url: 'smtps://u:p@smtp.example.ru:465', from: FROM, transport });

    await notifier.send(invitation());

    const [mail, ...others] = await sent();
    expect(others).toEqual([]);
    expect(mail?.from).toEqual({ address: 'noreply@e-contract.example.ru', name: 'E-contract' });
    expect(mail?.to).toEqual([{ address: 'ivan.petrov@example.ru', name: '' }]);
    expect(mail?.subject).toBe('Документ на подписание: «Договор поставки №7»');
    expect(mail?.text).toBe(`Здравствуйте!\n\nЧтобы подписать документ, перейдите по ссылке:\n${LINK}`);
    expect(mail?.headers).toEqual({ 'Auto-Submitted': 'auto-generated' });
  });

  it('attaches the files a message carries (the signed copy of a signed notice)', async () => {
    const { transport, sendMail } = jsonTransport();
    const notifier = new SmtpEmailNotifier({ url: 'smtps://u:p@smtp.example.ru:465', from: FROM, transport });
    const copy = Buffer.from('%PDF-1.7 signed copy');

    await notifier.send(
      invitation({
        kind: 'signed_notice',
        attachments: [{ fileName: 'signed-copy-p1.pdf', contentType: 'application/pdf', content: copy }],
      }),
    );

    const mail = JSON.parse((await sendMail.calls.mostRecent().returnValue).message as string) as {
      attachments: { filename: string; contentType: string; content: string }[];
    };
    expect(mail.attachments).toEqual([
      jasmine.objectContaining({ filename: 'signed-copy-p1.pdf', contentType: 'application/pdf', content: copy.toString('base64') }),
    ]);
  });

  it('falls back to a generic Russian subject, and keeps a given subject on one line', async () => {
    const { transport, sent } = jsonTransport();
    const notifier = new SmtpEmailNotifier({ url: 'smtps://u:p@smtp.example.ru', from: FROM, transport });

    await notifier.send(invitation({ subject: undefined, dedupKey: 'a' }));
    await notifier.send(invitation({ subject: '   ', dedupKey: 'b' }));
    await notifier.send(invitation({ subject: 'Документ\r\nBcc: someone@evil.example', dedupKey: 'c' }));

    const subjects = (await sent()).map((mail) => mail.subject);
    expect(FALLBACK_SUBJECTS.invitation).toBe('Документ на подписание');
    expect(subjects).toEqual(['Документ на подписание', 'Документ на подписание', 'Документ Bcc: someone@evil.example']);
  });

  it('refuses an SMS and sends nothing', async () => {
    const { transport, sendMail } = jsonTransport();
    const notifier = new SmtpEmailNotifier({ url: 'smtps://u:p@smtp.example.ru', from: FROM, transport });

    await expectAsync(
      notifier.send({ channel: 'sms', to: '+79001234567', kind: 'signature_code', text: 'Код: 123456' }),
    ).toBeRejectedWithError(TypeError, /e-mail only/);
    expect(sendMail).not.toHaveBeenCalled();
  });

  it('refuses anything but one plain address, so that a message cannot go to others', async () => {
    const { transport, sendMail } = jsonTransport();
    const notifier = new SmtpEmailNotifier({ url: 'smtps://u:p@smtp.example.ru', from: FROM, transport });

    for (const to of ['ivan@example.ru, boss@example.ru', 'Иван <ivan@example.ru>', 'ivan@example.ru\nBcc: x@y.ru', 'not-an-address', '']) {
      await expectAsync(notifier.send(invitation({ to }))).toBeRejectedWithError(TypeError, /single e-mail address/);
    }
    expect(sendMail).not.toHaveBeenCalled();
  });

  it('sends a message once per dedup key; messages without a key every time', async () => {
    const { transport, sent } = jsonTransport();
    const notifier = new SmtpEmailNotifier({ url: 'smtps://u:p@smtp.example.ru', from: FROM, transport });

    await notifier.send(invitation({ dedupKey: 'evt-1:email' }));
    await notifier.send(invitation({ dedupKey: 'evt-1:email' }));
    await notifier.send(invitation({ dedupKey: 'evt-2:email', subject: 'Второе' }));
    await notifier.send(invitation({ dedupKey: undefined, subject: 'Без ключа' }));
    await notifier.send(invitation({ dedupKey: undefined, subject: 'Без ключа' }));

    expect((await sent()).map((mail) => mail.subject)).toEqual([
      'Документ на подписание: «Договор поставки №7»',
      'Второе',
      'Без ключа',
      'Без ключа',
    ]);
  });

  it('sends once when the same message is delivered twice at the same time', async () => {
    const { transport, sendMail } = jsonTransport();
    const notifier = new SmtpEmailNotifier({ url: 'smtps://u:p@smtp.example.ru', from: FROM, transport });

    await Promise.all([notifier.send(invitation()), notifier.send(invitation())]);

    expect(sendMail).toHaveBeenCalledTimes(1);
  });

  it('remembers a bounded number of keys, forgetting the oldest first', async () => {
    const { transport, sendMail } = jsonTransport();
    const notifier = new SmtpEmailNotifier({ url: 'smtps://u:p@smtp.example.ru', from: FROM, transport, rememberedKeys: 2 });

    for (const key of ['k1', 'k2', 'k3']) await notifier.send(invitation({ dedupKey: key }));
    await notifier.send(invitation({ dedupKey: 'k3' })); // remembered
    await notifier.send(invitation({ dedupKey: 'k1' })); // forgotten: sent again

    expect(sendMail).toHaveBeenCalledTimes(4);
  });

  it('fails with the SMTP codes but not the reply text, and lets a redelivery try again', async () => {
    const { transport, sendMail } = jsonTransport();
    const { log, lines } = recordingLog();
    const notifier = new SmtpEmailNotifier({ url: 'smtps://u:p@smtp.example.ru', from: FROM, transport, log });
    const smtpError = Object.assign(new Error('Message failed: 550 5.1.1 <ivan.petrov@example.ru>: Recipient address rejected'), {
      code: 'EENVELOPE',
      responseCode: 550,
      response: '550 5.1.1 <ivan.petrov@example.ru>: Recipient address rejected',
    });
    sendMail.and.rejectWith(smtpError);

    const error = await notifier.send(invitation()).then(
      () => null,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(EmailDeliveryFailed);
    const failed = error as EmailDeliveryFailed;
    expect(failed.code).toBe('EENVELOPE');
    expect(failed.responseCode).toBe(550);
    expect(failed.message).not.toContain('ivan.petrov');
    expect(failed.cause).toBeUndefined();
    expect(lines).toEqual([
      {
        level: 'warn',
        fields: {
          channel: 'email',
          to: 'i***@example.ru',
          kind: 'invitation',
          dedupKey: 'evt-1:email',
          code: 'EENVELOPE',
          responseCode: 550,
        },
        message: 'email not sent',
      },
    ]);

    sendMail.and.callThrough();
    await notifier.send(invitation());
    expect(sendMail).toHaveBeenCalledTimes(2);
  });

  it('fails when the server takes the message but rejects the recipient', async () => {
    const { transport, sendMail } = jsonTransport();
    const notifier = new SmtpEmailNotifier({ url: 'smtps://u:p@smtp.example.ru', from: FROM, transport });
    sendMail.and.resolveTo({
      envelope: { from: 'noreply@e-contract.example.ru', to: ['ivan.petrov@example.ru'] },
      messageId: '<1@example.ru>',
      message: '{}',
      accepted: [],
      rejected: ['ivan.petrov@example.ru'],
      pending: [],
      response: '550 rejected',
    });

    await expectAsync(notifier.send(invitation())).toBeRejectedWithError(EmailDeliveryFailed, 'Mail server rejected the recipient');
  });

  it('logs the masked address and the kind, never the address, the text, the link or the token', async () => {
    const { transport } = jsonTransport();
    const { log, lines } = recordingLog();
    const notifier = new SmtpEmailNotifier({ url: 'smtps://u:p@smtp.example.ru', from: FROM, transport, log });

    await notifier.send(invitation());

    expect(lines.length).toBe(1);
    expect(lines[0]?.message).toBe('email sent');
    expect(lines[0]?.fields).toEqual(
      jasmine.objectContaining({ channel: 'email', to: 'i***@example.ru', kind: 'invitation', dedupKey: 'evt-1:email' }),
    );
    const logged = JSON.stringify(lines);
    for (const secret of ['ivan.petrov', 'Здравствуйте', LINK, 'tok_SECRET123', 'Договор поставки']) {
      expect(logged).not.toContain(secret);
    }
  });

  it('composes a real RFC 822 message (stream transport) with the encoded subject and the body', async () => {
    const transport = nodemailer.createTransport({ streamTransport: true, buffer: true, newline: 'unix' });
    const sendMail = spyOn(transport, 'sendMail').and.callThrough();
    const notifier = new SmtpEmailNotifier({ url: 'smtps://u:p@smtp.example.ru', from: FROM, transport });

    await notifier.send(invitation());

    const info = await sendMail.calls.mostRecent().returnValue;
    const raw = info.message.toString('utf8');
    expect(info.envelope).toEqual({ from: 'noreply@e-contract.example.ru', to: ['ivan.petrov@example.ru'] });
    expect(raw).toMatch(/^Subject: =\?UTF-8\?/m);
    expect(raw).toContain('Auto-Submitted: auto-generated');
    expect(raw).toContain('To: ivan.petrov@example.ru');
  });

  describe('configuration', () => {
    it('builds an SMTP transport from smtp:// and smtps:// URLs without connecting', () => {
      expect(() => new SmtpEmailNotifier({ url: 'smtps://user:pa%40ss@smtp.example.ru:465', from: FROM })).not.toThrow();
      expect(() => new SmtpEmailNotifier({ url: 'smtp://user:pass@smtp.example.ru:587', from: FROM })).not.toThrow();
    });

    it('refuses a URL that is not SMTP, without quoting it (it holds the password)', () => {
      for (const url of ['https://user:hunter2@smtp.example.ru', 'hunter2 is no url']) {
        let error: unknown;
        try {
          new SmtpEmailNotifier({ url, from: FROM });
        } catch (e) {
          error = e;
        }
        expect(error).toBeInstanceOf(TypeError);
        expect((error as Error).message).toMatch(/SMTP_URL/);
        expect((error as Error).message).not.toContain('hunter2');
      }
    });

    it('refuses an empty sender', () => {
      expect(() => new SmtpEmailNotifier({ url: 'smtps://u:p@smtp.example.ru', from: '  ' })).toThrowError(TypeError, /MAIL_FROM/);
    });
  });
});
