import { FormControl } from '@angular/forms';
import { withInnCheckDigits, withOgrnCheckDigit, type SignerType } from '@e-contract/contracts/validation';
import { fullNameValidator, russianMobileValidator, signerInnValidator, signerOgrnValidator } from './contract-validators';

describe('contract validators (the server rules in the browser)', () => {
  const companyInn = withInnCheckDigits('770708389');
  const personalInn = withInnCheckDigits('5001234567');

  it('checks full names and Russian mobiles with the server codes as error keys', () => {
    expect(fullNameValidator(new FormControl('Иванов Иван'))).toBeNull();
    expect(fullNameValidator(new FormControl('Иванов'))).toEqual({ full_name: true });
    expect(russianMobileValidator(new FormControl('8 (900) 123-45-67'))).toBeNull();
    expect(russianMobileValidator(new FormControl('+7 495 123-45-67'))).toEqual({ russian_mobile: true });
    expect(russianMobileValidator(new FormControl(''))).toBeNull();
  });

  it('checks the INN by signer type, check digits included', () => {
    let type: SignerType = 'legal_entity';
    const validator = signerInnValidator(() => type);
    expect(validator(new FormControl(companyInn))).toBeNull();
    expect(validator(new FormControl(companyInn.slice(0, 9) + ((Number(companyInn[9]) + 1) % 10)))).toEqual({ signer_inn: true });
    expect(validator(new FormControl(personalInn))).toEqual({ signer_inn: true });
    type = 'individual';
    expect(validator(new FormControl(personalInn))).toBeNull();
  });

  it('requires an OGRNIP for a sole proprietor and accepts an OGRN for a company', () => {
    let type: SignerType = 'sole_proprietor';
    const validator = signerOgrnValidator(() => type);
    expect(validator(new FormControl(''))).toEqual({ signer_ogrn: true });
    expect(validator(new FormControl(withOgrnCheckDigit('30450011611234')))).toBeNull();
    type = 'legal_entity';
    expect(validator(new FormControl(''))).toBeNull();
    expect(validator(new FormControl(withOgrnCheckDigit('102770013219')))).toBeNull();
  });
});
