import { FormControl, FormGroup, Validators, type ValidatorFn } from '@angular/forms';
import { BRANCH_ID_PATTERN, isWebOrigin } from '@e-contract/contracts/validation';
import type { CreateIntegrationRequest } from '../../shared/api/api-types';

export type IntegrationForm = FormGroup<{
  name: FormControl<string>;
  branchId: FormControl<string>;
  /** Origins allowed to frame the embedded pages, one a line (or separated by spaces or commas). */
  allowedOrigins: FormControl<string>;
  /** The key's last day (`YYYY-MM-DD`); `null`: it does not expire. */
  expiresAt: FormControl<string | null>;
}>;

export const originsOf = (text: string): string[] => [...new Set(text.split(/[\s,]+/).filter((origin) => origin !== ''))];

/** Each origin as the server checks it (`web_origin`, the code of its field error too). */
export const originsValidator: ValidatorFn = (control) =>
  originsOf(String(control.value ?? '')).every((origin) => isWebOrigin(origin)) ? null : { web_origin: true };

/** A day from today on (the key then works until the end of that day in the admin's zone). */
export const futureDayValidator =
  (now: () => Date = () => new Date()): ValidatorFn =>
  (control) => {
    const value = control.value as string | null;
    return !value || endOfDay(value).getTime() > now().getTime() ? null : { expires_at_future: true };
  };

const endOfDay = (date: string): Date => {
  const [year, month, day] = date.split('-').map(Number) as [number, number, number];
  return new Date(year, month - 1, day, 23, 59, 59);
};

export function integrationForm(): IntegrationForm {
  return new FormGroup({
    name: new FormControl('', { nonNullable: true, validators: [Validators.required, Validators.maxLength(300)] }),
    branchId: new FormControl('', { nonNullable: true, validators: [Validators.required, Validators.pattern(BRANCH_ID_PATTERN)] }),
    allowedOrigins: new FormControl('', { nonNullable: true, validators: [originsValidator] }),
    expiresAt: new FormControl<string | null>(null, { validators: [futureDayValidator()] }),
  });
}

export function integrationRequestOf(value: IntegrationForm['value']): CreateIntegrationRequest {
  const origins = originsOf(value.allowedOrigins ?? '');
  return {
    name: (value.name ?? '').trim(),
    branchId: (value.branchId ?? '').trim(),
    ...(origins.length > 0 ? { allowedOrigins: origins } : {}),
    ...(value.expiresAt ? { expiresAt: endOfDay(value.expiresAt).toISOString() } : {}),
  };
}
