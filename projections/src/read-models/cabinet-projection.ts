import { SIGNING_EVENT_TYPES, cabinetBucketOf, type CabinetBucket, type SigningEvent } from '@e-contract/contracts';
import type { Projection } from '../projection.js';
import type { CabinetEntry } from './cabinet-entry.js';
import { processFactOf, processIdOfFact, statusAfter } from './deals-projection.js';

/**
 * The cabinet bucket after a fact (API.md, `GET /api/cabinet/documents`): where the status machine
 * (`cabinetBucketOf`) puts the status the fact sets — `awaiting` while the signer can still act (a
 * failed identification with tries left included), `signed` for signed and archived, `closed` once
 * the process has ended (the third failed identification included).
 */
export function bucketAfter(bucket: CabinetBucket, fact: SigningEvent): CabinetBucket {
  switch (fact.type) {
    case 'SignerInvited':
    case 'InvitationReissued':
    case 'SignatureCodeRejected':
    case 'SignerReminded':
    case 'NewLinkRequested':
    case 'PersonalDataErased':
      // Not steps that set a status of their own (an invitation may go out again while the signer is
      // further along, a new link be asked for an expired process, data erased after the end): they
      // leave the process where it is, as they leave the deal's status.
      return bucket;
    default:
      // Every other fact sets its status whatever the status before it was.
      return cabinetBucketOf({ status: statusAfter('created', fact), closed: closesProcess(fact) });
  }
}

/** The failure that leaves no identification tries closes the process (API.md). */
const closesProcess = (fact: SigningEvent): boolean => fact.type === 'IdentificationFailed' && fact.data.attemptsLeft === 0;

/**
 * The personal INN a request names: a person's own processes (an individual, a sole proprietor, a
 * self-employed person) carry it from the start; a legal entity's INN is the company's, and its
 * signer's personal INN is known only once identification confirms it.
 */
const namedPersonInn = (signer: { type: string; inn: string }): string | null => (signer.type === 'legal_entity' ? null : signer.inn);

/**
 * Where each process sits in its signer's cabinet (key: processId). `personInn` lets the read
 * store find the other processes of the same person once identification confirmed who they are:
 * the INN identification confirmed, or before that the personal INN the request named.
 */
export const cabinetProjection: Projection<CabinetEntry> = {
  name: 'cabinet',
  handles: SIGNING_EVENT_TYPES,
  keyOf: processIdOfFact,
  evolve(entry, event) {
    const read = processFactOf(event);
    if (!read) return entry;
    const { processId, fact } = read;
    const touched = { updatedAt: event.metadata.occurredAt, position: event.position };
    if (fact.type === 'SigningProcessCreated')
      return entry ?? { processId, bucket: 'awaiting', personInn: namedPersonInn(fact.data.signer), ...touched };
    if (entry === null) return entry;
    // Erased: the cabinet no longer finds this process by the person's INN.
    if (fact.type === 'PersonalDataErased') return { ...entry, personInn: null, ...touched };
    return {
      ...entry,
      bucket: bucketAfter(entry.bucket, fact),
      personInn: fact.type === 'SignerIdentified' ? fact.data.person.inn : entry.personInn,
      ...touched,
    };
  },
};
