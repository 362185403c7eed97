import { withInnCheckDigits, withOgrnCheckDigit } from '@e-contract/contracts/validation';
import { problem } from '../../testing/auth-fixtures';
import { createNewRequestForm, documentGroup, expiresAtOf, expiryDateValidator, requestOf } from './new-request.form';
import { applyServerFieldErrors, controlPath } from './server-field-errors';

describe('new request form', () => {
  const companyInn = withInnCheckDigits('770708389');
  const personalInn = withInnCheckDigits('5001234567');

  it('legal entity: a company INN, optional OGRN, a company name required', () => {
    const form = createNewRequestForm();
    const s = form.controls.signer.controls;
    s.type.setValue('legal_entity');
    s.inn.setValue(personalInn);
    expect(s.inn.errors).toEqual({ signer_inn: true });
    s.inn.setValue(companyInn);
    expect(s.inn.valid).toBeTrue();
    expect(s.ogrn.valid).toBeTrue();
    s.ogrn.setValue(withOgrnCheckDigit('102770013219'));
    expect(s.ogrn.valid).toBeTrue();
    expect(s.companyName.errors).toEqual({ required: true });
  });

  it('sole proprietor: a personal INN and an OGRNIP required', () => {
    const form = createNewRequestForm();
    const s = form.controls.signer.controls;
    s.type.setValue('sole_proprietor');
    s.inn.setValue(personalInn);
    expect(s.inn.valid).toBeTrue();
    expect(s.ogrn.errors).toEqual({ signer_ogrn: true });
    s.ogrn.setValue(withOgrnCheckDigit('30450011611234'));
    expect(s.ogrn.valid).toBeTrue();
    expect(s.companyName.valid).toBeTrue();
  });

  it('self-employed and individual: a personal INN only, the company fields cleared', () => {
    for (const type of ['self_employed', 'individual'] as const) {
      const form = createNewRequestForm();
      const s = form.controls.signer.controls;
      s.companyName.setValue('ООО «Ромашка»');
      s.type.setValue(type);
      expect(s.companyName.value).toBe('');
      s.inn.setValue(companyInn);
      expect(s.inn.errors).toEqual({ signer_inn: true });
      s.inn.setValue(personalInn);
      expect(s.inn.valid).toBeTrue();
      expect(s.ogrn.valid).toBeTrue();
    }
  });

  it('checks the name and the phone with the server rules', () => {
    const s = createNewRequestForm().controls.signer.controls;
    s.fullName.setValue('Иванов');
    expect(s.fullName.errors).toEqual({ full_name: true });
    s.phone.setValue('+7 495 123-45-67');
    expect(s.phone.errors).toEqual({ russian_mobile: true });
  });

  it('puts a server field error on the control it names', () => {
    const form = createNewRequestForm();
    form.controls.documents.push(documentGroup(1, 'Договор'));
    const unmatched = applyServerFieldErrors(
      form,
      problem(400, 'validation', {
        errors: [
          { field: 'signer.inn', code: 'signer_inn', message: '' },
          { field: 'documents[0].documentId', code: 'isUuid', message: '' },
          { field: 'expiresAt', code: 'isISO8601', message: '' },
          { field: 'processId', code: 'isUuid', message: '' },
        ],
      }),
    );
    expect(controlPath('documents[0].documentId')).toBe('documents.0.documentId');
    expect(form.get('signer.inn')!.errors?.['server']).toBe('Неверный ИНН: проверьте контрольные цифры');
    expect(form.get('documents.0.documentId')!.errors?.['server']).toBe('Неверный идентификатор');
    expect(form.get('expiresAt')!.errors?.['server']).toBe('Неверная дата');
    expect(unmatched).toEqual(['Неверный идентификатор']);
  });

  it('builds the request without the fields the signer type does not have', () => {
    const form = createNewRequestForm();
    const s = form.controls.signer.controls;
    form.patchValue({ title: ' Договор поставки ' });
    s.type.setValue('individual');
    s.inn.setValue(personalInn);
    s.fullName.setValue('Иванов Иван');
    s.phone.setValue('+79001234567');
    form.controls.documents.push(documentGroup(1, 'Договор'));
    form.controls.documents.at(0).controls.documentId.setValue('d1');
    expect(requestOf(form, 'p1')).toEqual({
      processId: 'p1',
      kind: 'contract',
      title: 'Договор поставки',
      documents: [{ documentId: 'd1', title: 'Договор' }],
      signer: { type: 'individual', fullName: 'Иванов Иван', inn: personalInn, phone: '+79001234567' },
    });
  });

  describe('deadline', () => {
    const now = new Date(2026, 10, 25, 15, 30); // 25.11.2026 15:30 in the browser's zone
    const validate = expiryDateValidator(() => now);
    const control = (value: string | null) => ({ value }) as never;

    it('takes today to 90 days ahead and nothing outside', () => {
      expect(validate(control(null))).toBeNull();
      expect(validate(control('2026-11-25'))).toBeNull();
      expect(validate(control('2027-02-23'))).toBeNull();
      expect(validate(control('2026-11-24'))).toEqual({ expires_at_range: true });
      expect(validate(control('2027-02-24'))).toEqual({ expires_at_range: true });
    });

    it('ends on the last second of the chosen day in the user zone, within the server 90 days', () => {
      expect(new Date(expiresAtOf('2026-11-30', now)).getTime()).toBe(new Date(2026, 10, 30, 23, 59, 59).getTime());
      const ninety = new Date(expiresAtOf('2027-02-23', now)).getTime();
      expect(ninety).toBeLessThan(now.getTime() + 90 * 24 * 3600_000);
    });

    it('sends expiresAt only when a day is chosen', () => {
      const form = createNewRequestForm();
      expect('expiresAt' in requestOf(form, 'p1')).toBeFalse();
      form.controls.expiresAt.setValue('2026-12-01');
      expect(requestOf(form, 'p1').expiresAt).toBe(expiresAtOf('2026-12-01'));
      expect(new Date(requestOf(form, 'p1').expiresAt!).getDate()).toBe(1);
    });
  });
});
