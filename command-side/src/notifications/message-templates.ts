/**
 * The Russian texts sent to signers. Kept apart from the adapters so that the wording a lawyer
 * reviewed is in one place and the same on every channel.
 */

export interface InvitationTemplateInput {
  /** The company that asks for the signature, as the signer knows it (`ООО «Ромашка»`). */
  companyName?: string;
  title: string;
  link: string;
}

export interface EmailContent {
  subject: string;
  text: string;
}

// A Cyrillic SMS segment holds 70 characters; a long title would turn one invitation into many
// paid segments while the link (the part that matters) ends up last.
const SMS_TITLE_LIMIT = 60;
const SUBJECT_TITLE_LIMIT = 120;

export function invitationSms({ companyName, title, link }: InvitationTemplateInput): string {
  const quoted = `«${clip(title, SMS_TITLE_LIMIT)}»`;
  const company = companyName?.trim();
  return company
    ? `${company} приглашает подписать документ ${quoted}: ${link}`
    : `Вам направлен документ на подписание ${quoted}: ${link}`;
}

export function invitationEmail({ companyName, title, link }: InvitationTemplateInput): EmailContent {
  const company = companyName?.trim();
  const sender = company ? `${company} направляет вам` : 'Вам направлен';
  return {
    subject: `Документ на подписание: «${clip(title, SUBJECT_TITLE_LIMIT)}»`,
    text: [
      'Здравствуйте!',
      '',
      `${sender} документ на подписание простой электронной подписью: «${title}».`,
      '',
      'Чтобы ознакомиться с документом и подписать его, перейдите по ссылке:',
      link,
      '',
      'Перед подписанием вы пройдёте идентификацию через портал Госуслуг (ЕСИА) и примете Соглашение ' +
        'об электронном документообороте. Документ подписывается одноразовым кодом, который придёт в SMS.',
      '',
      'Никому не сообщайте код из SMS, даже сотрудникам компании. Если вы не ожидали этого письма, ' + 'не переходите по ссылке.',
      '',
      'Письмо отправлено автоматически, отвечать на него не нужно.',
    ].join('\n'),
  };
}

/**
 * The one-time code. 63-FZ art. 9 obliges the signer to keep the key confidential, so the message
 * says so every time, and names company employees because that is how codes are phished. It quotes
 * the fingerprint of what it signs, which the signer's code step shows beside the documents: a
 * code phished for other documents does not match. Two SMS segments at most (134 characters).
 */
export function signatureCodeSms({ code, ttlMinutes, fingerprint }: { code: string; ttlMinutes: number; fingerprint: string }): string {
  return (
    `Код ${code} подписывает документы с отпечатком ${fingerprint}. ` +
    `Никому не сообщайте код, даже сотрудникам компании. Действует ${ttlMinutes} ${minutesWord(ttlMinutes)}.`
  );
}

/** 1 минуту, 2 минуты, 5 минут, 11 минут, 21 минуту. */
function minutesWord(n: number): string {
  const lastTwo = Math.abs(n) % 100;
  const last = lastTwo % 10;
  if (last === 1 && lastTwo !== 11) return 'минуту';
  if (last >= 2 && last <= 4 && (lastTwo < 12 || lastTwo > 14)) return 'минуты';
  return 'минут';
}

function clip(text: string, limit: number): string {
  const chars = Array.from(text.trim());
  return chars.length <= limit ? chars.join('') : `${chars.slice(0, limit - 1).join('')}…`;
}

/**
 * After `DocumentsSigned` (API.md, "After signing"): the signer's documents are signed; the link is
 * the invitation's, which opens the cabinet with the signed copy. One SMS segment before the link.
 */
export function signedNoticeSms({ link }: { link: string }): string {
  return `Документы подписаны. Копия с листом подписания в кабинете: ${link}`;
}

/** The same notice by e-mail, the signed copy attached (`attachedCopy`) when it could be made. */
export function signedNoticeEmail({ title, link, attachedCopy }: { title: string; link: string; attachedCopy: boolean }): EmailContent {
  return {
    subject: `Документы подписаны: «${clip(title, SUBJECT_TITLE_LIMIT)}»`,
    text: [
      'Здравствуйте!',
      '',
      `Вы подписали простой электронной подписью документы «${title}».`,
      '',
      ...(attachedCopy
        ? [
            'К письму приложена подписанная копия: документы со штампом подписи на каждой странице и лист подписания. ' +
              'Это копия для просмотра и хранения; подписаны исходные файлы, их SHA-256 указаны в штампе и в листе подписания.',
            '',
          ]
        : []),
      'Документы, подписанную копию и лист подписания можно открыть в личном кабинете по ссылке:',
      link,
      '',
      'Письмо отправлено автоматически, отвечать на него не нужно.',
    ].join('\n'),
  };
}
