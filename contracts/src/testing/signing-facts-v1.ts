import type { SignatureCodeIssuedData, SigningEventOf, SigningProcessCreatedData } from '../events/signing-events.js';

/** The facts of a process as v1 of the command side recorded them, for the specs of the upcasters and of old logs. */

/** `SigningProcessCreated` as v1 recorded it: before the identification tries (and the `externalId` of v3). */
export type SigningProcessCreatedDataV1 = Omit<SigningProcessCreatedData, 'identificationTries' | 'externalId'>;
/** `SigningProcessCreated` as v2 recorded it: before the `externalId`. */
export type SigningProcessCreatedDataV2 = Omit<SigningProcessCreatedData, 'externalId'>;
/** `SignatureCodeIssued` as v1 recorded it: before the issue time and the wrong entries allowed. */
export type SignatureCodeIssuedDataV1 = Omit<SignatureCodeIssuedData, 'issuedAt' | 'attempts'>;

/** The data v1 of the command side recorded for a fact: what v2 added left out; unchanged types as they are. */
export function v1DataOf(fact: SigningEventOf<'SigningProcessCreated'>): SigningProcessCreatedDataV1;
export function v1DataOf(fact: SigningEventOf<'SignatureCodeIssued'>): SignatureCodeIssuedDataV1;
export function v1DataOf(fact: { type: string; data: unknown }): unknown;
export function v1DataOf(fact: { type: string; data: unknown }): unknown {
  if (fact.type === 'SigningProcessCreated') {
    const { identificationTries: _tries, externalId: _externalId, ...v1 } = fact.data as SigningProcessCreatedData;
    return v1;
  }
  if (fact.type === 'SignatureCodeIssued') {
    const { issuedAt: _issuedAt, attempts: _attempts, ...v1 } = fact.data as SignatureCodeIssuedData;
    return v1;
  }
  return fact.data;
}

/** `SigningProcessCreated` as v2 of the command side recorded it (before `externalId`). */
export function v2DataOf(fact: SigningEventOf<'SigningProcessCreated'>): SigningProcessCreatedDataV2 {
  const { externalId: _externalId, ...v2 } = fact.data;
  return v2;
}
