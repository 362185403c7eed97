import { withInnCheckDigits, withOgrnCheckDigit } from '@e-contract/contracts/validation';
import { problem } from '../../testing/auth-fixtures';
import { createNewRequestForm, documentGroup, requestOf } from './new-request.form';
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
        ],
      }),
    );
    expect(controlPath('documents[0].documentId')).toBe('documents.0.documentId');
    expect(form.get('signer.inn')!.errors?.['server']).toBe('Неверный ИНН: проверьте контрольные цифры');
    expect(form.get('documents.0.documentId')!.errors?.['server']).toBe('Неверный идентификатор');
    expect(unmatched).toEqual(['Неверная дата']);
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
});
