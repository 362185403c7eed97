/**
 * Dates typed the Russian way, «ДД.ММ.ГГГГ», whatever the browser's language (a native
 * `<input type="date">` follows the browser's locale: mm/dd/yyyy in an English Chromium).
 * Pure functions between what the user types and the ISO calendar date (`YYYY-MM-DD`) the API takes.
 */

/** What the field shows while typing: digits only, dots inserted after the day and the month. */
export function maskDateText(typed: string): string {
  const digits = typed.replace(/\D/g, '').slice(0, 8);
  if (digits.length <= 2) return digits;
  if (digits.length <= 4) return `${digits.slice(0, 2)}.${digits.slice(2)}`;
  return `${digits.slice(0, 2)}.${digits.slice(2, 4)}.${digits.slice(4)}`;
}

/** «31.12.2026» → `2026-12-31`; `null` for anything that is not a real calendar date (31.02, 2026-13-01). */
export function parseDateText(text: string): string | null {
  const match = /^(\d{2})\.(\d{2})\.(\d{4})$/.exec(text.trim());
  if (!match) return null;
  const [, dd, mm, yyyy] = match as unknown as [string, string, string, string];
  const day = Number(dd);
  const month = Number(mm);
  const year = Number(yyyy);
  if (year < 1900 || month < 1 || month > 12 || day < 1) return null;
  const daysInMonth = new Date(Date.UTC(year, month, 0)).getUTCDate();
  if (day > daysInMonth) return null;
  return `${yyyy}-${mm}-${dd}`;
}

/** `2026-12-31` → «31.12.2026»; anything else → ''. */
export function formatDateText(iso: string | null | undefined): string {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso ?? '');
  return match ? `${match[3]}.${match[2]}.${match[1]}` : '';
}
