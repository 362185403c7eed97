import { z } from 'zod';
import { PROCESS_KINDS, SIGNER_TYPES } from '../domain-values.js';
import type { SigningEventDataMap, SigningEventType } from './signing-events.js';

/**
 * The data of each signing event as zod schemas, for reading stored events: a payload is parsed
 * against the schema of its type, never cast. `SIGNING_EVENT_SCHEMAS` holds the current version of
 * each type; an older version that had another shape keeps its own frozen schema below (`…V1`),
 * which the upcasters read. A later version is built from the earlier one (`.extend`), so that
 * adding a version never changes what an older one was.
 *
 * The TypeScript types stay in `signing-events.ts` (the root entry, which the browser app imports
 * without zod); the check at the end of this file keeps both in agreement.
 */

/**
 * An ISO 8601 time. The command side writes UTC (`toISOString()`); an offset is still a readable
 * time for the folds (`Date.parse`), so it is accepted rather than failing a process on its form.
 */
const isoTime = z.iso.datetime({ offset: true });
const count = z.int().min(0);

const documentRef = z.object({
  documentId: z.string(),
  title: z.string(),
  fileName: z.string(),
  sha256: z.string(),
  size: count,
});

const signerDetails = z.object({
  type: z.enum(SIGNER_TYPES),
  fullName: z.string(),
  inn: z.string(),
  ogrn: z.string().optional(),
  companyName: z.string().optional(),
  phone: z.string(),
  email: z.string().optional(),
});

const identityCheck = z.object({ check: z.string(), passed: z.boolean(), detail: z.string().optional() });
const edoAgreementRef = z.object({ version: z.string(), sha256: z.string() });
const signedDocument = z.object({ documentId: z.string(), sha256: z.string() });

/** `SigningProcessCreated` as written before v2: the tries it allowed were the rule of the day. */
export const signingProcessCreatedV1Schema = z.object({
  processId: z.string(),
  kind: z.enum(PROCESS_KINDS),
  title: z.string(),
  documents: z.array(documentRef),
  signer: signerDetails,
  manager: z.object({ id: z.string(), name: z.string() }),
  branchId: z.string(),
  expiresAt: isoTime,
  invitation: z.object({ invitationId: z.string(), tokenSha256: z.string() }),
});

/** v2 records the identification tries the process allows. */
export const signingProcessCreatedV2Schema = signingProcessCreatedV1Schema.extend({ identificationTries: count });

/** v3 records the other system's reference, `externalId` (`null`: none). */
export const signingProcessCreatedSchema = signingProcessCreatedV2Schema.extend({ externalId: z.string().nullable() });

/** `SignatureCodeIssued` as written before v2: no issue time, no allowance of wrong entries. */
export const signatureCodeIssuedV1Schema = z.object({
  codeId: z.string(),
  codeHmac: z.string(),
  channel: z.literal('sms'),
  destination: z.string(),
  expiresAt: isoTime,
});

/** v2 records when the code was issued and how many wrong entries it allows. */
export const signatureCodeIssuedSchema = signatureCodeIssuedV1Schema.extend({
  issuedAt: isoTime,
  attempts: count,
  fingerprint: z
    .string()
    .regex(/^[0-9a-f]{8}$/)
    .optional(),
});

/** `InvitationReissued` as written before v2: a re-send by the manager was the only kind. */
export const invitationReissuedV1Schema = z.object({ invitationId: z.string(), tokenSha256: z.string(), replaces: z.string() });

/** v2 records whether the signer's request for a new link caused it, and when (`null`: the manager's re-send). */
export const invitationReissuedSchema = invitationReissuedV1Schema.extend({ linkRequestedAt: isoTime.nullable() });

const maskedDestination = z.object({ channel: z.enum(['sms', 'email']), destination: z.string() });

/** The current version of every signing event's data, by type. */
export const SIGNING_EVENT_SCHEMAS = {
  SigningProcessCreated: signingProcessCreatedSchema,
  SignerInvited: z.object({
    invitationId: z.string(),
    sentTo: z.array(maskedDestination),
  }),
  InvitationReissued: invitationReissuedSchema,
  IdentificationStarted: z.object({
    requestId: z.string(),
    provider: z.string(),
    attempt: z.int().min(1),
    startedAt: z.iso.datetime({ offset: true }).optional(),
  }),
  SignerIdentified: z.object({
    requestId: z.string(),
    provider: z.string(),
    person: z.object({ fullName: z.string(), inn: z.string(), confirmed: z.boolean() }),
    checks: z.array(identityCheck),
  }),
  IdentificationFailed: z.object({
    requestId: z.string(),
    provider: z.string(),
    reason: z.string(),
    checks: z.array(identityCheck),
    failedAttempts: count,
    attemptsLeft: count,
  }),
  EdoAgreementAccepted: edoAgreementRef.extend({
    personInn: z.string(),
    reusedFrom: z.object({ processId: z.string(), revision: count }).optional(),
  }),
  SignatureCodeIssued: signatureCodeIssuedSchema,
  SignatureCodeRejected: z.object({ codeId: z.string(), attemptsLeft: count }),
  DocumentsSigned: z.object({
    codeId: z.string(),
    documents: z.array(signedDocument),
    edoAgreement: edoAgreementRef,
    identification: z.object({ requestId: z.string(), provider: z.string(), inn: z.string(), fullName: z.string() }),
  }),
  DocumentsArchived: z.object({
    archiveRef: z.string(),
    documents: z.array(signedDocument.extend({ archiveRef: z.string() })),
  }),
  SigningDeclined: z.object({ reason: z.string() }),
  SigningCancelled: z.object({ reason: z.string() }),
  SigningExpired: z.object({ expiresAt: isoTime }),
  SignerReminded: z.object({
    invitationId: z.string(),
    trigger: z.enum(['after_invitation', 'before_expiry', 'manual']),
    sentTo: z.array(maskedDestination),
    remindedAt: isoTime,
  }),
  NewLinkRequested: z.object({ requestedAt: isoTime }),
  PersonalDataErased: z.object({ personRef: z.string(), reason: z.string(), erasedBy: z.string() }),
} as const satisfies { readonly [K in SigningEventType]: z.ZodType };

export type SignatureCodeIssuedV1Data = z.output<typeof signatureCodeIssuedV1Schema>;
export type SigningProcessCreatedV1Data = z.output<typeof signingProcessCreatedV1Schema>;
export type InvitationReissuedV1Data = z.output<typeof invitationReissuedV1Schema>;
export type SigningProcessCreatedV2Data = z.output<typeof signingProcessCreatedV2Schema>;

// ---- Compile-time agreement of the schemas and the TypeScript catalogue ----

/** `true` when A and B are assignable both ways, `false` otherwise. */
export type MutuallyAssignable<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;

type SchemaAgreement = {
  readonly [K in SigningEventType]: MutuallyAssignable<z.output<(typeof SIGNING_EVENT_SCHEMAS)[K]>, SigningEventDataMap[K]>;
};

/**
 * Fails to compile, naming the event type, as soon as a schema and its `…Data` interface drift
 * apart (a field added to one only, an optional field made required, a widened union).
 */
const _schemasAgree: SchemaAgreement = {
  SigningProcessCreated: true,
  SignerInvited: true,
  InvitationReissued: true,
  IdentificationStarted: true,
  SignerIdentified: true,
  IdentificationFailed: true,
  EdoAgreementAccepted: true,
  SignatureCodeIssued: true,
  SignatureCodeRejected: true,
  DocumentsSigned: true,
  DocumentsArchived: true,
  SigningDeclined: true,
  SigningCancelled: true,
  SigningExpired: true,
  SignerReminded: true,
  NewLinkRequested: true,
  PersonalDataErased: true,
};
