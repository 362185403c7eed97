/**
 * Russian mobile numbers. People type `+7 900 123-45-67`, `8 (900) 123 45 67` or `89001234567`;
 * the system stores E.164: `+79001234567`.
 */
const SEPARATORS = /[\s\-()\u00a0]/g;
const E164_RU_MOBILE = /^\+79\d{9}$/;

/** The E.164 form of a Russian mobile number, or `null` when the text is not one. */
export function normalizeRussianMobile(input: string): string | null {
  const compact = input.replace(SEPARATORS, '');
  const e164 = /^8\d{10}$/.test(compact) ? `+7${compact.slice(1)}` : /^7\d{10}$/.test(compact) ? `+${compact}` : compact;
  return E164_RU_MOBILE.test(e164) ? e164 : null;
}

export const isRussianMobile = (input: string): boolean => normalizeRussianMobile(input) !== null;

/** `+79001234567` → `+7 900 ***-**-67`: what the trail and the signer's screen show of a phone. */
export function maskPhone(e164: string): string {
  if (!E164_RU_MOBILE.test(e164)) return '***';
  return `+7 ${e164.slice(2, 5)} ***-**-${e164.slice(10)}`;
}

/** `ivan.petrov@example.ru` → `i***@example.ru`. */
export function maskEmail(email: string): string {
  const at = email.lastIndexOf('@');
  if (at < 1) return '***';
  return `${email[0]}***${email.slice(at)}`;
}
