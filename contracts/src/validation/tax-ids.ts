/**
 * Russian registration numbers with their check digits (pure functions, usable in the browser).
 * INN: 10 digits for a company, 12 for a person. OGRN: 13 digits; OGRNIP: 15 digits.
 */

const digitsOf = (value: string): number[] => [...value].map(Number);

/** All zeros passes every check digit and names nobody. */
const ALL_ZEROS = /^0+$/;

const weightedCheck = (digits: number[], weights: readonly number[]): number =>
  (weights.reduce((sum, weight, i) => sum + weight * (digits[i] ?? 0), 0) % 11) % 10;

const INN10_WEIGHTS = [2, 4, 10, 3, 5, 9, 4, 6, 8] as const;
const INN12_WEIGHTS_11 = [7, 2, 4, 10, 3, 5, 9, 4, 6, 8] as const;
const INN12_WEIGHTS_12 = [3, 7, 2, 4, 10, 3, 5, 9, 4, 6, 8] as const;

/** A company's 10-digit INN with a valid check digit. */
export function isValidCompanyInn(value: string): boolean {
  if (!/^\d{10}$/.test(value) || ALL_ZEROS.test(value)) return false;
  const digits = digitsOf(value);
  return weightedCheck(digits, INN10_WEIGHTS) === digits[9];
}

/** A person's 12-digit INN with both check digits valid. */
export function isValidPersonalInn(value: string): boolean {
  if (!/^\d{12}$/.test(value) || ALL_ZEROS.test(value)) return false;
  const digits = digitsOf(value);
  return weightedCheck(digits, INN12_WEIGHTS_11) === digits[10] && weightedCheck(digits, INN12_WEIGHTS_12) === digits[11];
}

export const isValidInn = (value: string): boolean => isValidCompanyInn(value) || isValidPersonalInn(value);

/** Remainder of a decimal string of any length, without floating point. */
const modulo = (decimal: string, divisor: number): number => [...decimal].reduce((rest, digit) => (rest * 10 + Number(digit)) % divisor, 0);

/** OGRN (13 digits): the last digit is (first 12 mod 11) mod 10. */
export function isValidOgrn(value: string): boolean {
  if (!/^\d{13}$/.test(value) || ALL_ZEROS.test(value)) return false;
  return modulo(value.slice(0, 12), 11) % 10 === Number(value[12]);
}

/** OGRNIP (15 digits): the last digit is (first 14 mod 13) mod 10. */
export function isValidOgrnip(value: string): boolean {
  if (!/^\d{15}$/.test(value) || ALL_ZEROS.test(value)) return false;
  return modulo(value.slice(0, 14), 13) % 10 === Number(value[14]);
}

/** Appends the check digit(s) to a 9-digit (company) or 10-digit (person) INN body: for fixtures and tests. */
export function withInnCheckDigits(body: string): string {
  if (/^\d{9}$/.test(body)) return body + weightedCheck(digitsOf(body), INN10_WEIGHTS);
  if (/^\d{10}$/.test(body)) {
    const eleven = body + weightedCheck(digitsOf(body), INN12_WEIGHTS_11);
    return eleven + weightedCheck(digitsOf(eleven), INN12_WEIGHTS_12);
  }
  throw new Error('an INN body has 9 or 10 digits');
}

/** Appends the check digit to a 12-digit OGRN or 14-digit OGRNIP body: for fixtures and tests. */
export function withOgrnCheckDigit(body: string): string {
  if (/^\d{12}$/.test(body)) return body + (modulo(body, 11) % 10);
  if (/^\d{14}$/.test(body)) return body + (modulo(body, 13) % 10);
  throw new Error('an OGRN body has 12 digits, an OGRNIP body 14');
}
