/**
 * The Russian texts sent to signers: the one catalogue of them, kept apart from the adapters so that
 * the wording a lawyer reviewed is in one place and the same on every channel. Tone: polite, plain,
 * no urgency or threats (that is how phishing sounds), the sender named, nothing private in an SMS.
 */

import type { MessageKind } from '@e-contract/contracts';

/** Who sends a request, as the signer is told: the organisation and the person behind it. */
export interface SenderOfRequest {
  /** `ORGANIZATION_NAME`: the organisation that asks for the signature. */
  organization: string;
  /** The manager's name as the directory spells it (`Мария Соколова`), or an integration's name. */
  manager: string;
  /** Whether `manager` names an integration (then it is quoted whole, not shortened to initials). */
  managerIsIntegration?: boolean;
}

export interface InvitationTemplateInput extends SenderOfRequest {
  title: string;
  link: string;
}

/** An e-mail's subject when a message comes without one, by kind. */
export const FALLBACK_SUBJECTS: Readonly<Record<MessageKind, string>> = {
  invitation: 'Документ на подписание',
  signature_code: 'Код для подписания документов',
  reminder: 'Напоминание: документ ждёт подписи',
  signed_notice: 'Документы подписаны',
};

export interface EmailContent {
  subject: string;
  text: string;
}

/**
 * SMS length: a text with any Cyrillic letter goes as UCS-2, 70 characters in one segment, 67 in
 * each part of a concatenated one (the rest is the part header). Two segments hold 134. The
 * invitation and the reminder fit in two when `PUBLIC_URL` has at most 30 characters and
 * `ORGANIZATION_NAME` at most 20 (the token has 32): the manager's name gives way first. The SMS
 * never quotes the request's title: it may be long or private (an SMS is read on a lock screen).
 */
export const SMS_TWO_SEGMENTS = 134;
const SUBJECT_TITLE_LIMIT = 120;

/**
 * The manager as the signer sees them: the last word of the name as it is spelled, then the
 * initials of the rest (`Мария Соколова` → `Соколова М.`); an integration's name whole.
 */
export function managerShortName(manager: string, isIntegration = false): string {
  const words = manager.trim().split(/\s+/).filter(Boolean);
  if (isIntegration || words.length < 2) return words.join(' ');
  const initials = words.slice(0, -1).map((word) => `${Array.from(word)[0]!.toUpperCase()}.`);
  return `${words.at(-1)!} ${initials.join(' ')}`;
}

export function invitationSms(input: SenderOfRequest & { link: string }): string {
  return fitSms((from) => `${from}: документ на подпись ${input.link}`, input);
}

/** The reminder: the same link as the invitation (its token does not change). */
export function reminderSms(input: SenderOfRequest & { link: string }): string {
  return fitSms((from) => `${from}: документ ждёт вашей подписи ${input.link}`, input);
}

export function invitationEmail({ title, link, ...sender }: InvitationTemplateInput): EmailContent {
  const from = senderLine(sender);
  return {
    subject: `Документ на подписание: «${clip(title, SUBJECT_TITLE_LIMIT)}»`,
    text: [
      'Здравствуйте!',
      '',
      `${from} направляет вам документ на подписание простой электронной подписью: «${title}».`,
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

/** `ООО «Ромашка» (Соколова М.)`, or the organisation alone when the name does not fit at all. */
function senderLine({ organization, manager, managerIsIntegration }: SenderOfRequest, managerLimit = Infinity): string {
  const org = organization.trim();
  const full = managerShortName(manager, managerIsIntegration);
  const surnameOnly = managerIsIntegration ? full : (full.split(' ')[0] ?? '');
  const name = [full, surnameOnly, clip(full, managerLimit)].find((candidate) => Array.from(candidate).length <= managerLimit) ?? '';
  return name && managerLimit > 1 ? `${org} (${name})` : org;
}

/** The text from `build`, with the manager's name shortened (initials, then the surname alone, then clipped) to fit two segments. */
function fitSms(build: (from: string) => string, sender: SenderOfRequest): string {
  const whole = build(senderLine(sender));
  if (whole.length <= SMS_TWO_SEGMENTS) return whole;
  const room = SMS_TWO_SEGMENTS - build(senderLine({ ...sender, manager: '' })).length - ' ()'.length;
  return build(senderLine(sender, Math.max(0, room)));
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
