import { createHash } from 'node:crypto';
import { MasterKey, openValue, sealValue } from './envelope-cipher.js';

describe('personal data: envelope cipher', () => {
  const master = new MasterKey('a master key for the envelope cipher spec');
  const { key } = master.newPersonKey('person-a');

  it('seals a value under a person, keeps its JSON type when opened, and never repeats a ciphertext', () => {
    const first = sealValue('Иванов Иван Иванович', key, 'person-a');
    const second = sealValue('Иванов Иван Иванович', key, 'person-a');
    expect(first.person).toBe('person-a');
    expect(first.enc).not.toBe(second.enc);
    expect(first.enc).not.toContain('Иванов');
    expect(openValue(first, key)).toBe('Иванов Иван Иванович');
    expect(openValue(sealValue({ a: [1, null] }, key, 'person-a'), key)).toEqual({ a: [1, null] });
  });

  it('does not open under another key, under another person, or altered', () => {
    const envelope = sealValue('+79161234567', key, 'person-a');
    expect(() => openValue(envelope, master.newPersonKey('person-b').key)).toThrow();
    expect(() => openValue({ ...envelope, person: 'person-b' }, key)).toThrow();
    const bytes = Buffer.from(envelope.enc, 'base64');
    bytes[14] = bytes[14]! ^ 1;
    expect(() => openValue({ ...envelope, enc: bytes.toString('base64') }, key)).toThrow();
    expect(() => openValue({ ...envelope, enc: 'AAAA' }, key)).toThrow();
  });

  it('wraps person keys so that only the same master key and person unwrap them', () => {
    const { key: personKey, wrapped } = master.newPersonKey('person-c');
    expect(wrapped.includes(personKey)).toBeFalse();
    expect(master.unwrap(wrapped, 'person-c').equals(personKey)).toBeTrue();
    expect(() => master.unwrap(wrapped, 'person-d')).toThrow();
    expect(() => new MasterKey('another master key for the cipher spec').unwrap(wrapped, 'person-c')).toThrow();
  });

  it('finds a person by a keyed lookup of the INN: stable, not the INN, not its plain hash, different under another master key', () => {
    const lookup = master.innLookup('500100732259');
    expect(lookup).toMatch(/^[0-9a-f]{64}$/);
    expect(master.innLookup('500100732259')).toBe(lookup);
    expect(lookup).not.toContain('500100732259');
    expect(lookup).not.toBe(createHash('sha256').update('500100732259').digest('hex'));
    expect(new MasterKey('another master key for the cipher spec').innLookup('500100732259')).not.toBe(lookup);
  });
});
