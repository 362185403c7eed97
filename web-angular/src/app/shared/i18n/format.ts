/**
 * Dates, times, durations and sizes in Russian, in the user's time zone (the browser's, unless a
 * `timeZone` is given: specs pin one). The API's times are ISO 8601 UTC; only the display converts.
 */

const LOCALE = 'ru-RU';
const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(options: Intl.DateTimeFormatOptions, timeZone?: string): Intl.DateTimeFormat {
  const key = JSON.stringify([options, timeZone ?? '']);
  let cached = formatters.get(key);
  if (!cached) {
    cached = new Intl.DateTimeFormat(LOCALE, timeZone ? { ...options, timeZone } : options);
    formatters.set(key, cached);
  }
  return cached;
}

const DATE: Intl.DateTimeFormatOptions = { day: '2-digit', month: '2-digit', year: 'numeric' };
const TIME: Intl.DateTimeFormatOptions = { hour: '2-digit', minute: '2-digit' };
const TIME_SECONDS: Intl.DateTimeFormatOptions = { ...TIME, second: '2-digit' };
const LONG_DATE: Intl.DateTimeFormatOptions = { day: 'numeric', month: 'long', year: 'numeric' };

export type DateTimeStyle = 'date' | 'time' | 'dateTime' | 'dateTimeSeconds' | 'longDate';

const STYLES: Record<DateTimeStyle, Intl.DateTimeFormatOptions> = {
  date: DATE,
  time: TIME,
  dateTime: { ...DATE, ...TIME },
  dateTimeSeconds: { ...DATE, ...TIME_SECONDS },
  longDate: LONG_DATE,
};

const toDate = (value: string | number | Date): Date => (value instanceof Date ? value : new Date(value));

/** `25.11.2026, 11:00` (dateTime), `25.11.2026` (date), `11:00` (time), `25 ноября 2026 г.` (longDate). */
export function formatDateTime(
  value: string | number | Date | null | undefined,
  style: DateTimeStyle = 'dateTime',
  timeZone?: string,
): string {
  if (value === null || value === undefined || value === '') return '';
  const date = toDate(value);
  return Number.isNaN(date.getTime()) ? '' : formatter(STYLES[style], timeZone).format(date);
}

/** The user's time zone as the browser knows it (e.g. `Europe/Moscow`). */
export const userTimeZone = (): string => Intl.DateTimeFormat().resolvedOptions().timeZone;

/** `2 ч 05 мин`, `3 мин 20 с`, `45 с` from seconds (`—` for null). */
export function formatDuration(seconds: number | null | undefined): string {
  if (seconds === null || seconds === undefined || !Number.isFinite(seconds)) return '—';
  const total = Math.max(0, Math.round(seconds));
  const days = Math.floor(total / 86_400);
  const hours = Math.floor((total % 86_400) / 3600);
  const minutes = Math.floor((total % 3600) / 60);
  const secs = total % 60;
  if (days > 0) return `${days} д ${hours} ч`;
  if (hours > 0) return `${hours} ч ${String(minutes).padStart(2, '0')} мин`;
  if (minutes > 0) return `${minutes} мин ${secs} с`;
  return `${secs} с`;
}

const numberFormat = new Intl.NumberFormat(LOCALE);
const oneDecimal = new Intl.NumberFormat(LOCALE, { maximumFractionDigits: 1 });
const percentFormat = new Intl.NumberFormat(LOCALE, { style: 'percent', maximumFractionDigits: 1 });

export const formatNumber = (value: number): string => numberFormat.format(value);

/** 0.8 → `80 %`. */
export const formatPercent = (share: number | null | undefined): string =>
  share === null || share === undefined ? '—' : percentFormat.format(share);

/** `512 Б`, `12,4 КБ`, `1,2 МБ`. */
export function formatFileSize(bytes: number): string {
  if (bytes < 1024) return `${bytes} Б`;
  if (bytes < 1024 * 1024) return `${oneDecimal.format(bytes / 1024)} КБ`;
  return `${oneDecimal.format(bytes / (1024 * 1024))} МБ`;
}

/** The Russian word forms a count takes: `1 день`, `3 дня`, `7 дней`. */
export interface CountForms {
  one: string;
  few: string;
  many: string;
}

const plurals = new Intl.PluralRules(LOCALE);

/** A count with the word form Russian gives it: `formatCount(7, DAYS)` → `7 дней`. */
export function formatCount(count: number, forms: CountForms): string {
  const category = plurals.select(count);
  return `${count} ${category === 'one' ? forms.one : category === 'few' ? forms.few : forms.many}`;
}
