import { ERASED_TEXT, isErasedValue, type Actor, type ProcessKind, type SignerType, type SigningEventType } from '@e-contract/contracts';

/** The Russian words of the signing certificate: names of events, roles, checks, and time formats. */

export const SIGNER_TYPE_RU: { readonly [K in SignerType]: string } = {
  legal_entity: 'юридическое лицо (подписывает руководитель)',
  sole_proprietor: 'индивидуальный предприниматель',
  self_employed: 'физическое лицо — плательщик налога на профессиональный доход (самозанятый)',
  individual: 'физическое лицо',
};

export const PROCESS_KIND_RU: { readonly [K in ProcessKind]: string } = {
  contract: 'договор',
  act: 'акт',
  supplementary_agreement: 'дополнительное соглашение',
};

const EVENT_TYPE_RU: { readonly [K in SigningEventType]: string } = {
  SigningProcessCreated: 'Процесс подписания создан',
  SignerInvited: 'Подписанту отправлено приглашение',
  InvitationReissued: 'Приглашение выпущено повторно',
  IdentificationStarted: 'Начата идентификация через ЕСИА',
  SignerIdentified: 'Подписант идентифицирован',
  IdentificationFailed: 'Идентификация не пройдена',
  EdoAgreementAccepted: 'Принято соглашение об ЭДО',
  SignatureCodeIssued: 'Отправлен код подписи (SMS)',
  SignatureCodeRejected: 'Введён неверный код',
  DocumentsSigned: 'Документы подписаны ПЭП',
  DocumentsArchived: 'Документы переданы в архив',
  SigningDeclined: 'Подписант отказался от подписания',
  SigningCancelled: 'Процесс отменён менеджером',
  SigningExpired: 'Срок подписания истёк',
  SignerReminded: 'Подписанту отправлено напоминание',
  NewLinkRequested: 'Подписант запросил новую ссылку',
  PersonalDataErased: 'Персональные данные подписанта удалены',
};

export const eventTypeRu = (type: string): string => (EVENT_TYPE_RU as Readonly<Record<string, string>>)[type] ?? type;

/** What the certificate and the signed copy print in place of an erased personal field. */
export const ERASED_RU = '«удалено»';

/**
 * The package with every erased personal field (`{"erased": true}` or the marker) as `ERASED_RU`,
 * so that the renderers print it as text wherever the field would be.
 */
export function printable<T>(value: T): T {
  if (value === ERASED_TEXT || isErasedValue(value)) return ERASED_RU as T;
  if (Array.isArray(value)) return value.map((item: unknown) => printable(item)) as T;
  if (typeof value === 'object' && value !== null) {
    return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, printable(item)])) as T;
  }
  return value;
}

const ROLE_RU: Readonly<Record<string, string>> = {
  manager: 'Менеджер',
  auditor: 'Аудитор',
  admin: 'Администратор',
  signer: 'Подписант',
  system: 'Система',
};

/** `Система (identification)`, `Подписант`, `Менеджер (id m1)`. */
export function actorRu(actor: Actor): string {
  const role = ROLE_RU[actor.role] ?? actor.role;
  if (actor.role === 'system') return `${role} (${actor.id.replace(/^system:/, '')})`;
  if (actor.role === 'signer') return role;
  return `${role} (id ${actor.id})`;
}

const CHECK_RU: Readonly<Record<string, string>> = {
  esia_account_confirmed: 'учётная запись ЕСИА подтверждена',
  company_in_registry: 'организация найдена в ЕГРЮЛ',
  company_active: 'организация действующая',
  director_name_matches: 'ФИО совпадает с руководителем по ЕГРЮЛ',
  director_inn_matches: 'ИНН совпадает с ИНН руководителя по ЕГРЮЛ',
  requested_signer_matches: 'лицо совпадает с подписантом, указанным в запросе',
  inn_matches: 'ИНН совпадает с указанным в запросе',
  name_matches: 'ФИО совпадает с указанным в запросе',
  ogrnip_valid: 'ОГРНИП корректен',
  proprietor_in_registry: 'предприниматель найден в ЕГРИП, статус действующий',
  npd_registered: 'лицо зарегистрировано как плательщик НПД',
};

export const checkRu = (check: string): string => CHECK_RU[check] ?? check;

/** `verifyChain`'s reasons, in Russian. */
export function chainFaultRu(reason: string): string {
  if (reason === 'hash does not match the event body') return 'хеш не соответствует содержимому события (событие изменено)';
  if (reason === 'prevHash does not match the previous event')
    return 'ссылка на предыдущее событие не совпадает (событие вставлено или удалено)';
  if (reason.startsWith('expected revision')) return 'нарушена нумерация событий (событие удалено или переставлено)';
  return reason;
}

const MOSCOW_OFFSET_MS = 3 * 60 * 60_000; // Moscow time is UTC+3 all year since 2014.

function dateTimeParts(ms: number): { date: string; time: string } {
  const d = new Date(ms);
  const two = (n: number) => String(n).padStart(2, '0');
  return {
    date: `${two(d.getUTCDate())}.${two(d.getUTCMonth() + 1)}.${d.getUTCFullYear()}`,
    time: `${two(d.getUTCHours())}:${two(d.getUTCMinutes())}:${two(d.getUTCSeconds())}`,
  };
}

const parsed = (iso: string): number | null => {
  const ms = Date.parse(iso);
  return Number.isNaN(ms) ? null : ms;
};

/** `25.11.2026 08:00:00 UTC`. */
export function utcRu(iso: string): string {
  const ms = parsed(iso);
  if (ms === null) return iso;
  const { date, time } = dateTimeParts(ms);
  return `${date} ${time} UTC`;
}

/** `25.11.2026 11:00:00 МСК`. */
export function moscowRu(iso: string): string {
  const ms = parsed(iso);
  if (ms === null) return iso;
  const { date, time } = dateTimeParts(ms + MOSCOW_OFFSET_MS);
  return `${date} ${time} МСК`;
}

/** `25.11.2026 08:00:00 UTC (25.11.2026 11:00:00 МСК)`. */
export const bothTimesRu = (iso: string): string => (parsed(iso) === null ? iso : `${utcRu(iso)} (${moscowRu(iso)})`);

/** `1 234 567 байт`. */
export const bytesRu = (size: number): string => `${String(size).replace(/\B(?=(\d{3})+(?!\d))/g, '\u00a0')}\u00a0байт`;
