import { FormArray, FormControl, FormGroup, Validators, type ValidatorFn } from '@angular/forms';
import { SIGNING_RULES } from '@e-contract/contracts/wire';
import { fullNameValidator, russianMobileValidator, signerInnValidator, signerOgrnValidator } from '../../shared/forms/contract-validators';
import type { CreateSigningProcessRequest, ProcessKind, SignerType } from '../../shared/api/api-types';

export type DocumentGroup = FormGroup<{ key: FormControl<number>; documentId: FormControl<string>; title: FormControl<string> }>;

export type NewRequestForm = FormGroup<{
  kind: FormControl<ProcessKind>;
  title: FormControl<string>;
  signer: FormGroup<{
    type: FormControl<SignerType>;
    fullName: FormControl<string>;
    inn: FormControl<string>;
    ogrn: FormControl<string>;
    companyName: FormControl<string>;
    phone: FormControl<string>;
    email: FormControl<string>;
  }>;
  documents: FormArray<DocumentGroup>;
  /** The last day to sign (`YYYY-MM-DD`); `null`: the server's default (`SIGNING_RULES.defaultLifetimeMs`). */
  expiresAt: FormControl<string | null>;
}>;

/** Which signer fields a type shows. */
export const signerFields = (type: SignerType) => ({
  ogrn: type === 'legal_entity' || type === 'sole_proprietor',
  companyName: type === 'legal_entity',
  /** INN that the company registry knows (autofill). */
  lookup: type === 'legal_entity' || type === 'sole_proprietor',
});

/** The server accepts a deadline in the future and at most `SIGNING_RULES.maxLifetimeMs` ahead. */
const MAX_EXPIRY_MS = SIGNING_RULES.maxLifetimeMs;

const localDay = (date: string, hours: number, minutes: number, seconds: number): Date => {
  const [year, month, day] = date.split('-').map(Number) as [number, number, number];
  return new Date(year, month - 1, day, hours, minutes, seconds);
};

/** The deadline of a chosen day: its end in the user's zone, kept within the server's longest lifetime. */
export function expiresAtOf(date: string, now: Date = new Date()): string {
  const endOfDay = localDay(date, 23, 59, 59).getTime();
  return new Date(Math.min(endOfDay, now.getTime() + MAX_EXPIRY_MS - 60_000)).toISOString();
}

/** Today or a later day, at most the server's longest lifetime ahead (the code is the server's own, `expires_at_range`). */
export const expiryDateValidator =
  (now: () => Date = () => new Date()): ValidatorFn =>
  (control) => {
    const value = control.value as string | null;
    if (!value) return null;
    const current = now().getTime();
    const inRange = localDay(value, 23, 59, 59).getTime() > current && localDay(value, 0, 0, 0).getTime() <= current + MAX_EXPIRY_MS;
    return inRange ? null : { expires_at_range: true };
  };

const text = (value = '', ...validators: ValidatorFn[]) => new FormControl(value, { nonNullable: true, validators });

/**
 * The create-request form with the server's rules: the INN and OGRN checks follow the signer type
 * (re-run when it changes), the company name is required for a legal entity.
 */
export function createNewRequestForm(): NewRequestForm {
  let form: NewRequestForm | null = null;
  const type = (): SignerType | undefined => form?.controls.signer.controls.type.value;
  const companyNameRule: ValidatorFn = (control) =>
    type() === 'legal_entity' && String(control.value ?? '').trim() === '' ? { required: true } : null;

  form = new FormGroup({
    kind: new FormControl<ProcessKind>('contract', { nonNullable: true, validators: [Validators.required] }),
    title: text('', Validators.required, Validators.maxLength(200)),
    signer: new FormGroup({
      type: new FormControl<SignerType>('legal_entity', { nonNullable: true, validators: [Validators.required] }),
      fullName: text('', Validators.required, fullNameValidator),
      inn: text('', Validators.required, signerInnValidator(type)),
      ogrn: text('', signerOgrnValidator(type)),
      companyName: text('', companyNameRule),
      phone: text('', Validators.required, russianMobileValidator),
      email: text('', Validators.email),
    }),
    documents: new FormArray<DocumentGroup>([], { validators: [Validators.required, Validators.minLength(1)] }),
    expiresAt: new FormControl<string | null>(null, { validators: [expiryDateValidator()] }),
  });

  const signer = form.controls.signer.controls;
  signer.type.valueChanges.subscribe((next) => {
    const fields = signerFields(next);
    if (!fields.ogrn) signer.ogrn.setValue('', { emitEvent: false });
    if (!fields.companyName) signer.companyName.setValue('', { emitEvent: false });
    for (const control of [signer.inn, signer.ogrn, signer.companyName]) control.updateValueAndValidity();
  });
  return form;
}

export const documentGroup = (key: number, title: string): DocumentGroup =>
  new FormGroup({
    key: new FormControl(key, { nonNullable: true }),
    documentId: text('', Validators.required),
    title: text(title, Validators.required),
  });

/** The request body from the form (empty optional fields left out). */
export function requestOf(form: NewRequestForm, processId: string): CreateSigningProcessRequest {
  const v = form.getRawValue();
  const s = v.signer;
  const fields = signerFields(s.type);
  return {
    processId,
    kind: v.kind,
    title: v.title.trim(),
    documents: v.documents.map((d) => ({ documentId: d.documentId, title: d.title.trim() })),
    signer: {
      type: s.type,
      fullName: s.fullName.trim(),
      inn: s.inn.trim(),
      phone: s.phone.trim(),
      ...(fields.ogrn && s.ogrn.trim() ? { ogrn: s.ogrn.trim() } : {}),
      ...(fields.companyName && s.companyName.trim() ? { companyName: s.companyName.trim() } : {}),
      ...(s.email.trim() ? { email: s.email.trim() } : {}),
    },
    ...(v.expiresAt ? { expiresAt: expiresAtOf(v.expiresAt) } : {}),
  };
}
