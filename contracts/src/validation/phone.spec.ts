import { maskEmail, maskPhone, normalizeRussianMobile } from './phone.js';
import { isValidFullName, sameFullName } from './full-name.js';

describe('Russian mobile numbers', () => {
  it('normalises what people type to E.164', () => {
    expect(normalizeRussianMobile('+7 900 123-45-67')).toBe('+79001234567');
    expect(normalizeRussianMobile('8 (900) 123 45 67')).toBe('+79001234567');
    expect(normalizeRussianMobile('79001234567')).toBe('+79001234567');
  });
  it('refuses landlines, other countries and short numbers', () => {
    expect(normalizeRussianMobile('+7 495 123-45-67')).toBeNull();
    expect(normalizeRussianMobile('+380501234567')).toBeNull();
    expect(normalizeRussianMobile('+7900123456')).toBeNull();
  });
  it('masks a phone and an e-mail for the trail', () => {
    expect(maskPhone('+79001234567')).toBe('+7 900 ***-**-67');
    expect(maskEmail('ivan@example.ru')).toBe('i***@example.ru');
  });
});

describe('full names', () => {
  it('accepts two or more words, Cyrillic or Latin, with hyphens', () => {
    expect(isValidFullName('Иванов Иван Иванович')).toBeTrue();
    expect(isValidFullName('Anna-Maria Smith')).toBeTrue();
    expect(isValidFullName('  Петров   Пётр ')).toBeTrue();
  });
  it('refuses one word, digits and other scripts', () => {
    expect(isValidFullName('Иванов')).toBeFalse();
    expect(isValidFullName('Иванов 2')).toBeFalse();
    expect(isValidFullName('王 小明')).toBeFalse();
  });
  it('compares names ignoring case, ё and spacing', () => {
    expect(sameFullName('Пётр  Семёнов', 'петр семенов')).toBeTrue();
    expect(sameFullName('Пётр Семёнов', 'Петр Семенович')).toBeFalse();
  });
});
