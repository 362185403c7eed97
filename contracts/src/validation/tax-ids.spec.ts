import { isValidCompanyInn, isValidOgrn, isValidOgrnip, isValidPersonalInn, withInnCheckDigits, withOgrnCheckDigit } from './tax-ids.js';

describe('INN check digits', () => {
  it('accepts real company INNs (Sberbank 7707083893, Rostelecom 7707049388)', () => {
    expect(isValidCompanyInn('7707083893')).toBeTrue();
    expect(isValidCompanyInn('7707049388')).toBeTrue();
  });
  it('refuses a company INN whose check digit is off', () => {
    expect(isValidCompanyInn('7707083894')).toBeFalse();
  });
  it('accepts a personal INN with both check digits right (500100732259)', () => {
    expect(isValidPersonalInn('500100732259')).toBeTrue();
  });
  it('refuses a personal INN when either check digit is off', () => {
    expect(isValidPersonalInn('500100732258')).toBeFalse();
    expect(isValidPersonalInn('500100732249')).toBeFalse();
  });
  it('refuses wrong lengths and non-digits', () => {
    expect(isValidCompanyInn('770708389')).toBeFalse();
    expect(isValidPersonalInn('7707083893')).toBeFalse();
    expect(isValidCompanyInn('77070838a3')).toBeFalse();
  });
  it('computes check digits that its own checks accept', () => {
    expect(withInnCheckDigits('770708389')).toBe('7707083893');
    expect(isValidPersonalInn(withInnCheckDigits('7712345678'))).toBeTrue();
  });
});

describe('OGRN and OGRNIP check digits', () => {
  it('accepts a real OGRN (Sberbank 1027700132195)', () => {
    expect(isValidOgrn('1027700132195')).toBeTrue();
    expect(isValidOgrn('1027700132196')).toBeFalse();
  });
  it('accepts an OGRNIP (304500116000157) and refuses a wrong check digit', () => {
    expect(isValidOgrnip('304500116000157')).toBeTrue();
    expect(isValidOgrnip('304500116000158')).toBeFalse();
  });
  it('computes a check digit its own check accepts', () => {
    expect(isValidOgrnip(withOgrnCheckDigit('31977460000012'))).toBeTrue();
    expect(isValidOgrn(withOgrnCheckDigit('102770013219'))).toBeTrue();
  });
  it('refuses all zeros, which passes every check digit', () => {
    expect(isValidPersonalInn('000000000000')).toBeFalse();
    expect(isValidCompanyInn('0000000000')).toBeFalse();
    expect(isValidOgrn('0000000000000')).toBeFalse();
    expect(isValidOgrnip('000000000000000')).toBeFalse();
  });
});
