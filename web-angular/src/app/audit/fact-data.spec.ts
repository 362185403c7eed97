import { factFields, fieldLabel } from './fact-data';

describe('factFields', () => {
  it('flattens nested data to readable key/value lines', () => {
    expect(
      factFields({ title: 'Договор', signer: { fullName: 'Иван Иванов' }, documents: [{ sha256: 'abc' }], confirmed: true, ogrn: null }),
    ).toEqual([
      { key: 'title', value: 'Договор' },
      { key: 'signer.fullName', value: 'Иван Иванов' },
      { key: 'documents[0].sha256', value: 'abc' },
      { key: 'confirmed', value: 'да' },
      { key: 'ogrn', value: '—' },
    ]);
  });

  it('has no lines for empty data', () => {
    expect(factFields(null)).toEqual([]);
    expect(factFields({})).toEqual([]);
  });
});

describe('fieldLabel', () => {
  it('names the data fields in Russian, numbering list items from 1', () => {
    expect(fieldLabel('documents[0].sha256')).toBe('Документ 1 · SHA-256');
    expect(fieldLabel('signer.fullName')).toBe('Подписант · ФИО');
    expect(fieldLabel('somethingNew')).toBe('somethingNew');
  });
});
