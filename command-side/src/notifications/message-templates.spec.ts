import { invitationEmail, invitationSms, signatureCodeSms } from './message-templates.js';

describe('Message templates', () => {
  const link = 'http://127.0.0.1:8080/sign/tok-1';

  it('words the code message as 63-FZ art. 9 asks: keep it to yourself', () => {
    const sms = signatureCodeSms({ code: '123456', ttlMinutes: 5, fingerprint: 'a1b2c3d4' });
    expect(sms).toBe(
      'Код 123456 подписывает документы с отпечатком a1b2c3d4. Никому не сообщайте код, даже сотрудникам компании. Действует 5 минут.',
    );
    // Two SMS segments of Cyrillic text (UCS-2: 67 characters each when split).
    expect(sms.length).toBeLessThanOrEqual(134);
    expect(signatureCodeSms({ code: '123456', ttlMinutes: 1, fingerprint: 'a1b2c3d4' })).toContain('1 минуту.');
    expect(signatureCodeSms({ code: '123456', ttlMinutes: 3, fingerprint: 'a1b2c3d4' })).toContain('3 минуты.');
  });

  it('puts the link into both invitations and the company name when known', () => {
    const sms = invitationSms({ companyName: 'ООО «Ромашка»', title: 'Договор поставки № 15', link });
    expect(sms).toBe(`ООО «Ромашка» приглашает подписать документ «Договор поставки № 15»: ${link}`);
    expect(invitationSms({ title: 'Акт', link })).toContain(link);

    const email = invitationEmail({ companyName: 'ООО «Ромашка»', title: 'Акт за ноябрь', link });
    expect(email.subject).toBe('Документ на подписание: «Акт за ноябрь»');
    expect(email.text).toContain(link);
    expect(email.text).toContain('ООО «Ромашка» направляет вам');
    expect(email.text).toContain('Никому не сообщайте код');
  });

  it('shortens a long title in the SMS but keeps the link whole', () => {
    const sms = invitationSms({ title: 'Д'.repeat(200), link });
    expect(sms.endsWith(link)).toBeTrue();
    expect(sms).toContain('…»');
    expect(sms.length).toBeLessThan(200);
  });
});
