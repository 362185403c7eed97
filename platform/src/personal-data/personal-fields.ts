/**
 * Which fields of which fact are personal, and whose (API.md, "Operations": erasure). Personal: the
 * signer's `fullName`, `inn`, `phone`, `email` and where messages to them went; the fields of the
 * person identification named; the `ip` and `userAgent` of the signer's own facts. Not personal:
 * titles, reasons, file names, a company's name and OGRN. A batch's rows (`BatchItemsRecorded`) are
 * sealed whole under a key of their stream, destroyed when the batch is done. Every other fact has none.
 */

/**
 * Whose key seals a field: the process's signer, the person of a personal INN, or the stream itself
 * (values kept only while they serve: a batch's rows until the batch is done).
 */
export type FieldOwner = { kind: 'signer' } | { kind: 'person'; inn: string } | { kind: 'stream' };

/** A personal field: where it is in the fact's data, and whose it is. */
export interface PersonalField {
  path: readonly (string | number)[];
  owner: FieldOwner;
}

const SIGNER: FieldOwner = { kind: 'signer' };
const SIGNER_FIELDS = ['fullName', 'inn', 'phone', 'email'] as const;

type Data = Record<string, unknown>;
const record = (value: unknown): Data | null =>
  typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Data) : null;
const text = (value: unknown): string | null => (typeof value === 'string' ? value : null);

function present(data: Data | null, path: readonly (string | number)[]): boolean {
  let node: unknown = data;
  for (const step of path) {
    if (typeof node !== 'object' || node === null) return false;
    node = (node as Record<string | number, unknown>)[step];
  }
  return node !== undefined && node !== null;
}

const sentTo = (data: Data | null): PersonalField[] =>
  Array.isArray(data?.['sentTo'])
    ? (data['sentTo'] as unknown[]).map((_, index) => ({ path: ['sentTo', index, 'destination'], owner: SIGNER }))
    : [];

const personOf = (inn: unknown): FieldOwner | null => {
  const value = text(inn);
  return value ? { kind: 'person', inn: value } : null;
};

/** The personal fields of a signing fact's data (those present), by its type. */
export function personalFieldsOf(type: string, value: unknown): PersonalField[] {
  const data = record(value);
  const fields = ((): PersonalField[] => {
    switch (type) {
      case 'SigningProcessCreated':
        return SIGNER_FIELDS.map((field) => ({ path: ['signer', field], owner: SIGNER }));
      case 'SignerInvited':
      case 'SignerReminded':
        return sentTo(data);
      case 'SignatureCodeIssued':
        return [{ path: ['destination'], owner: SIGNER }];
      case 'SignerIdentified': {
        const owner = personOf(record(data?.['person'])?.['inn']);
        return owner
          ? [
              { path: ['person', 'fullName'], owner },
              { path: ['person', 'inn'], owner },
            ]
          : [];
      }
      case 'EdoAgreementAccepted': {
        const owner = personOf(data?.['personInn']);
        return owner ? [{ path: ['personInn'], owner }] : [];
      }
      case 'BatchItemsRecorded':
        // A batch's rows: whole signer requests, kept only until the batch is done.
        return [{ path: ['items'], owner: { kind: 'stream' } }];
      case 'DocumentsSigned': {
        const owner = personOf(record(data?.['identification'])?.['inn']);
        return owner
          ? [
              { path: ['identification', 'inn'], owner },
              { path: ['identification', 'fullName'], owner },
            ]
          : [];
      }
      default:
        return [];
    }
  })();
  return fields.filter((field) => present(data, field.path));
}

/** A personal INN (12 digits: a person, a sole proprietor, the self-employed), as opposed to a company's (10). */
export const isPersonalInn = (inn: unknown): inn is string => typeof inn === 'string' && /^\d{12}$/.test(inn);
