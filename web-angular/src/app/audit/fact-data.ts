import { isErased } from '../shared/i18n/personal.pipe';

/** One line of an event's data: a dotted path (`signer.fullName`, `documents[0].sha256`) and its text. */
export interface FactField {
  key: string;
  value: string;
}

/** The data's field names in Russian; a name not listed shows as it is (the key stays beside it). */
const FIELD_NAMES: Record<string, string> = {
  processId: 'Процесс',
  kind: 'Вид',
  title: 'Название',
  documents: 'Документ',
  documentId: 'Идентификатор документа',
  sha256: 'SHA-256',
  size: 'Размер, байт',
  fileName: 'Файл',
  signer: 'Подписант',
  type: 'Тип',
  fullName: 'ФИО',
  inn: 'ИНН',
  ogrn: 'ОГРН',
  companyName: 'Организация',
  phone: 'Телефон',
  email: 'Эл. почта',
  manager: 'Менеджер',
  id: 'Идентификатор',
  name: 'Имя',
  branchId: 'Филиал',
  expiresAt: 'Срок',
  externalId: 'Номер во внешней системе',
  channel: 'Канал',
  destination: 'Получатель',
  requestId: 'Номер запроса',
  provider: 'Поставщик',
  person: 'Лицо',
  snils: 'СНИЛС',
  confirmed: 'Учётная запись подтверждена',
  reason: 'Причина',
  version: 'Версия',
  agreement: 'Соглашение',
  edoAgreement: 'Соглашение об ЭДО',
  reusedFrom: 'Принято ранее',
  revision: 'Номер события',
  fingerprint: 'Отпечаток',
  attemptsLeft: 'Осталось попыток',
  archiveRef: 'Архивная ссылка',
  personRef: 'Идентификатор лица',
  invitation: 'Приглашение',
  invitationId: 'Номер приглашения',
  tokenSha256: 'Хеш ссылки',
  identificationTries: 'Попыток идентификации',
  erasedBy: 'Кем удалено',
  inviteTokenHash: 'Хеш ссылки',
  link: 'Ссылка',
};

/** `documents[0].sha256` → «Документ 1 · SHA-256». */
export function fieldLabel(key: string): string {
  return key
    .split('.')
    .map((segment) => {
      const [, name = segment, index] = /^([^[]*)(?:\[(\d+)\])?$/.exec(segment) ?? [];
      const label = FIELD_NAMES[name] ?? name;
      return index === undefined ? label : `${label} ${Number(index) + 1}`;
    })
    .join(' · ');
}

const YES = 'да';
const NO = 'нет';
const NONE = '—';
const ERASED = 'удалено';

function scalarText(value: unknown): string {
  if (value === null || value === undefined) return NONE;
  if (isErased(value)) return ERASED;
  if (typeof value === 'boolean') return value ? YES : NO;
  return String(value);
}

/** An event's `data` (unknown JSON) flattened to readable key/value lines, nested paths joined. */
export function factFields(data: unknown, prefix = ''): FactField[] {
  if (Array.isArray(data)) {
    if (data.length === 0) return prefix ? [{ key: prefix, value: NONE }] : [];
    return data.flatMap((item, index) => factFields(item, `${prefix}[${index}]`));
  }
  if (data !== null && typeof data === 'object' && !isErased(data)) {
    const entries = Object.entries(data as Record<string, unknown>);
    if (entries.length === 0) return prefix ? [{ key: prefix, value: NONE }] : [];
    return entries.flatMap(([key, value]) => factFields(value, prefix ? `${prefix}.${key}` : key));
  }
  if (!prefix) return data === null || data === undefined ? [] : [{ key: '', value: scalarText(data) }];
  return [{ key: prefix, value: scalarText(data) }];
}
