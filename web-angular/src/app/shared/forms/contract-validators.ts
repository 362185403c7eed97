import type { AbstractControl, ValidationErrors, ValidatorFn } from '@angular/forms';
import {
  isRussianMobile,
  isValidCompanyInn,
  isValidFullName,
  isValidOgrn,
  isValidOgrnip,
  isValidPersonalInn,
  type SignerType,
} from '@e-contract/contracts/validation';

/**
 * Angular validators over the server's own checks (`@e-contract/contracts/validation`): the same
 * rules, and the same error keys as the server's field-error codes, so one catalogue entry
 * (`MESSAGES.fieldError[code]`) names the problem wherever it was found. Empty values pass: pair
 * with `Validators.required`.
 */

const text = (control: AbstractControl): string => (typeof control.value === 'string' ? control.value.trim() : '');
const rule =
  (code: string, check: (value: string) => boolean): ValidatorFn =>
  (control) => {
    const value = text(control);
    return value === '' || check(value) ? null : { [code]: true };
  };

export const fullNameValidator: ValidatorFn = rule('full_name', isValidFullName);
export const russianMobileValidator: ValidatorFn = rule('russian_mobile', isRussianMobile);
export const companyInnValidator: ValidatorFn = rule('company_inn', isValidCompanyInn);
export const personalInnValidator: ValidatorFn = rule('personal_inn', isValidPersonalInn);

/** The signer's INN: a company's 10 digits for `legal_entity`, a person's 12 otherwise (`signer_inn`). */
export function signerInnValidator(signerType: () => SignerType | null | undefined): ValidatorFn {
  return (control: AbstractControl): ValidationErrors | null => {
    const value = text(control);
    if (value === '') return null;
    const valid = signerType() === 'legal_entity' ? isValidCompanyInn(value) : isValidPersonalInn(value);
    return valid ? null : { signer_inn: true };
  };
}

/** OGRN (13 digits, optional) for `legal_entity`, OGRNIP (15 digits, required) for `sole_proprietor`, none otherwise (`signer_ogrn`). */
export function signerOgrnValidator(signerType: () => SignerType | null | undefined): ValidatorFn {
  return (control: AbstractControl): ValidationErrors | null => {
    const value = text(control);
    const type = signerType();
    if (value === '') return type === 'sole_proprietor' ? { signer_ogrn: true } : null;
    if (type === 'legal_entity') return isValidOgrn(value) ? null : { signer_ogrn: true };
    if (type === 'sole_proprietor') return isValidOgrnip(value) ? null : { signer_ogrn: true };
    return { signer_ogrn: true };
  };
}
