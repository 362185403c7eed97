import type { FieldError } from '@e-contract/contracts';
import { validationFailed } from '@e-contract/platform/http';

/**
 * Query-string parsing shared by the read routes. Every bad parameter is collected, named as itself,
 * and answered together as one 400 (`validationFailed`). An empty value (`?status=&kind=`, as a form
 * sends it) counts as left out; parameters a route does not know are ignored.
 */
export class QueryParams {
  readonly errors: FieldError[] = [];

  constructor(private readonly query: Readonly<Record<string, unknown>>) {}

  fail(field: string, code: string, message: string): undefined {
    this.errors.push({ field, code, message });
    return undefined;
  }

  /** Throws the 400 when anything failed. */
  throwIfInvalid(): void {
    if (this.errors.length > 0) throw validationFailed(this.errors);
  }

  /** A parameter given at most once; `undefined` when absent or empty. */
  single(name: string, maxLength = 200): string | undefined {
    const value = this.query[name];
    if (value === undefined) return undefined;
    if (typeof value !== 'string') return this.fail(name, 'isSingle', 'must be given once, as a plain value');
    const trimmed = value.trim();
    if (trimmed === '') return undefined;
    if (trimmed.length > maxLength) return this.fail(name, 'maxLength', `must be at most ${maxLength} characters long`);
    return trimmed;
  }

  /** One value, comma-separated values or the parameter repeated, each one of `allowed`; `undefined` when none. */
  oneOrMany<Value extends string>(name: string, allowed: readonly Value[]): Value[] | undefined {
    const raw = this.query[name];
    if (raw === undefined) return undefined;
    const given = (Array.isArray(raw) ? raw : [raw]).flatMap((item) => (typeof item === 'string' ? item.split(',') : [null]));
    if (given.includes(null)) return this.fail(name, 'isIn', `must be one or more of ${allowed.join(', ')}, comma-separated`);
    const values = (given as string[]).map((value) => value.trim()).filter((value) => value !== '');
    if (values.length === 0) return undefined;
    const unknown = values.filter((value) => !(allowed as readonly string[]).includes(value));
    if (unknown.length > 0)
      return this.fail(
        name,
        'isIn',
        `unknown value ${unknown.map((value) => JSON.stringify(value)).join(', ')}; allowed: ${allowed.join(', ')}`,
      );
    return [...new Set(values)] as Value[];
  }

  /** A whole number in `min..max`; `fallback` when absent or empty. */
  integer(name: string, fallback: number, min: number, max: number): number {
    const value = this.single(name, 20);
    if (value === undefined) return fallback;
    if (!/^\d+$/.test(value)) return this.fail(name, 'isInt', 'must be a whole number') ?? fallback;
    const number = Number(value);
    if (number < min) return this.fail(name, 'min', `must be at least ${min}`) ?? fallback;
    if (number > max) return this.fail(name, 'max', `must be at most ${max}`) ?? fallback;
    return number;
  }

  /**
   * A time range from two ISO 8601 dates or times (`from` inclusive, `to` inclusive), as stored times
   * (UTC, milliseconds). A date-only `to` covers its whole day; a time without a zone is read as UTC.
   * `from` after `to` is a 400 on `to`.
   */
  timeRange(fromName: string, toName: string): { from?: string; to?: string } {
    const fromValue = this.single(fromName, 64);
    const toValue = this.single(toName, 64);
    const from = fromValue === undefined ? undefined : this.isoTime(fromName, fromValue, 'start');
    const to = toValue === undefined ? undefined : this.isoTime(toName, toValue, 'end');
    if (from !== undefined && to !== undefined && from > to) this.fail(toName, 'isAfterFrom', `must not be before ${fromName}`);
    return { ...(from === undefined ? {} : { from }), ...(to === undefined ? {} : { to }) };
  }

  private isoTime(name: string, value: string, dateMeans: 'start' | 'end'): string | undefined {
    const stored = parseIsoTime(value, dateMeans);
    return stored ?? this.fail(name, 'isIso8601', 'must be an ISO 8601 date (2026-11-25) or time (2026-11-25T08:00:00.000Z)');
  }
}

const ISO_DATE_OR_TIME = /^(\d{4})-(\d{2})-(\d{2})(?:T(\d{2}):(\d{2})(?::(\d{2})(?:[.,](\d+))?)?(Z|[+-]\d{2}(?::?\d{2})?)?)?$/i;

/**
 * An ISO 8601 date or time as a stored time (`2026-11-25T08:00:00.000Z`), `null` when it is not one
 * (or names no real day or time: `2026-02-30`, `24:00`). A date alone is its first millisecond, or
 * with `dateMeans: 'end'` its last.
 */
export function parseIsoTime(value: string, dateMeans: 'start' | 'end' = 'start'): string | null {
  const match = ISO_DATE_OR_TIME.exec(value);
  if (!match) return null;
  const [, year, month, day, hours, minutes, seconds, fraction, zone] = match;
  const y = Number(year),
    mo = Number(month),
    d = Number(day);
  const calendar = new Date(Date.UTC(y, mo - 1, d));
  if (calendar.getUTCFullYear() !== y || calendar.getUTCMonth() !== mo - 1 || calendar.getUTCDate() !== d) return null;
  if (hours === undefined) return dateMeans === 'end' ? `${year}-${month}-${day}T23:59:59.999Z` : `${year}-${month}-${day}T00:00:00.000Z`;
  if (Number(hours) > 23 || Number(minutes) > 59 || Number(seconds ?? 0) > 59) return null;
  const millis = (fraction ?? '').padEnd(3, '0').slice(0, 3);
  const offset = zone === undefined || zone.toUpperCase() === 'Z' ? 'Z' : normaliseOffset(zone);
  if (offset === null) return null;
  const time = Date.parse(`${year}-${month}-${day}T${hours}:${minutes}:${seconds ?? '00'}.${millis}${offset}`);
  return Number.isNaN(time) ? null : new Date(time).toISOString();
}

function normaliseOffset(zone: string): string | null {
  const digits = zone.slice(1).replace(':', '');
  const hours = Number(digits.slice(0, 2));
  const minutes = Number(digits.slice(2) || '0');
  if (hours > 23 || minutes > 59) return null;
  return `${zone[0]}${digits.slice(0, 2)}:${String(minutes).padStart(2, '0')}`;
}
