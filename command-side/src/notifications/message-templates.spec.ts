import { SMS_TWO_SEGMENTS, invitationEmail, invitationSms, managerShortName, reminderSms, signatureCodeSms } from './message-templates.js';

describe('Message templates', () => {
  // The longest link API.md promises two segments for: PUBLIC_URL of 30 characters, a 32-character token.
  const longestUrl = 'https://podpis.example-bank.ru'; // 30
  const link = `${longestUrl}/sign/${'A'.repeat(32)}`;
  const org20 = 'ООО «Северный Ветер»'; // 20
  const sender = { organization: 'ООО «Ромашка»', manager: 'Мария Соколова' };

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

  it('names the manager by surname and initials, an integration by its name', () => {
    expect(managerShortName('Мария Соколова')).toBe('Соколова М.');
    expect(managerShortName('Анна Петровна Иванова-Шмидт')).toBe('Иванова-Шмидт А. П.');
    expect(managerShortName('Соколова')).toBe('Соколова');
    expect(managerShortName('1С: Бухгалтерия филиала', true)).toBe('1С: Бухгалтерия филиала');
  });

  it('names the organisation and the manager in the invitation SMS, never the title', () => {
    const sms = invitationSms({ ...sender, link });
    expect(sms).toBe(`ООО «Ромашка» (Соколова М.): документ на подпись ${link}`);
    expect(sms.endsWith(link)).toBeTrue();
  });

  it('keeps the invitation and the reminder within two SMS segments (134 UCS-2 characters) at the longest settings', () => {
    expect(SMS_TWO_SEGMENTS).toBe(2 * 67);
    for (const manager of ['Мария Соколова', 'Александра Владимировна Константинопольская-Преображенская', 'Я Я']) {
      for (const build of [invitationSms, reminderSms]) {
        const sms = build({ organization: org20, manager, link });
        expect(sms.length).withContext(sms).toBeLessThanOrEqual(134);
        expect(sms).toContain(org20);
        expect(sms.endsWith(link)).toBeTrue();
      }
    }
    // A long name gives way: initials first, then the surname alone, then clipped.
    const long = invitationSms({ organization: org20, manager: 'Александра Владимировна Константинопольская-Преображенская', link });
    expect(long).toContain('(Константинопольская');
    // The common case keeps the initials.
    expect(invitationSms({ organization: org20, manager: 'Мария Соколова', link })).toContain('(Соколова М.)');
  });

  it('reminds with the same link, naming who asks', () => {
    expect(reminderSms({ ...sender, link })).toBe(`ООО «Ромашка» (Соколова М.): документ ждёт вашей подписи ${link}`);
  });

  it('puts the title, the organisation, the manager and the link into the invitation e-mail', () => {
    const email = invitationEmail({ ...sender, title: 'Акт за ноябрь', link });
    expect(email.subject).toBe('Документ на подписание: «Акт за ноябрь»');
    expect(email.text).toContain(link);
    expect(email.text).toContain('ООО «Ромашка» (Соколова М.) направляет вам');
    expect(email.text).toContain('«Акт за ноябрь»');
    expect(email.text).toContain('Никому не сообщайте код');
  });
});
