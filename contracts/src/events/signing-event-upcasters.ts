import type { z } from 'zod';
import {
  invitationReissuedV1Schema,
  signatureCodeIssuedV1Schema,
  signingProcessCreatedV1Schema,
  signingProcessCreatedV2Schema,
  type InvitationReissuedV1Data,
  type SignatureCodeIssuedV1Data,
  type SigningProcessCreatedV1Data,
  type SigningProcessCreatedV2Data,
} from './signing-event-schemas.js';
import type { InvitationReissuedData, SignatureCodeIssuedData, SigningEventType, SigningProcessCreatedData } from './signing-events.js';

/**
 * Upcasters: pure functions that turn the payload of an older schema version into the next
 * version's shape, so that the folds read one shape only. They run on read, for the folds that
 * build state (the decider's load, the deals, cabinet and stats read models) — never on what the
 * trail, its verification or the evidence package return: those give each event exactly as it was
 * stored and hashed.
 *
 * An upcaster supplies what an old event did not record from what was true when it was written.
 * Those values are frozen here and must never be read from `SIGNING_RULES`: today's rules may
 * differ from the rules under which the event was written, and a replay must give the state it had.
 */
export const V1_RULES = {
  /** A v1 code lived 5 minutes, so it was issued 5 minutes before it expired. */
  codeTtlMs: 5 * 60_000,
  /** A v1 code allowed 3 wrong entries. */
  wrongEntriesPerCode: 3,
  /** A v1 process allowed 3 failed identifications. */
  identificationTries: 3,
} as const;

/** `SigningProcessCreated` v1 → v2: the tries the process allowed under the v1 rules. */
export const signingProcessCreatedV1ToV2 = (data: SigningProcessCreatedV1Data): SigningProcessCreatedV2Data => ({
  ...data,
  identificationTries: V1_RULES.identificationTries,
});

/** `SigningProcessCreated` v2 → v3: before v3 a request could not carry an `externalId`, so it had none. */
export const signingProcessCreatedV2ToV3 = (data: SigningProcessCreatedV2Data): SigningProcessCreatedData => ({
  ...data,
  externalId: null,
});

/** `SignatureCodeIssued` v1 → v2: the issue time and the wrong entries allowed, under the v1 rules. */
export const signatureCodeIssuedV1ToV2 = (data: SignatureCodeIssuedV1Data): SignatureCodeIssuedData => ({
  ...data,
  issuedAt: new Date(Date.parse(data.expiresAt) - V1_RULES.codeTtlMs).toISOString(),
  attempts: V1_RULES.wrongEntriesPerCode,
});

/** `InvitationReissued` v1 → v2: before v2 only the manager re-sent invitations, never a signer's request. */
export const invitationReissuedV1ToV2 = (data: InvitationReissuedV1Data): InvitationReissuedData => ({ ...data, linkRequestedAt: null });

export type UpcastResult = { ok: true; data: unknown } | { ok: false; issues: readonly z.core.$ZodIssue[] };

/**
 * One step up: reads a payload of its version against that version's (frozen) schema first, so
 * that the upcaster itself only ever sees a well-formed payload, and a malformed one is reported
 * with paths of the shape it was written in.
 */
export type Upcaster = (data: unknown) => UpcastResult;

const upcaster =
  <Schema extends z.ZodType, Next>(schema: Schema, upcast: (data: z.output<Schema>) => Next): Upcaster =>
  (data) => {
    const read = schema.safeParse(data);
    return read.success ? { ok: true, data: upcast(read.data) } : { ok: false, issues: read.error.issues };
  };

/**
 * By event type, the upcaster from each older version (the key) to the next. A type missing here
 * has only ever had one shape. Bumping `SIGNING_EVENT_VERSIONS` for a type means adding its step.
 */
export const SIGNING_EVENT_UPCASTERS: { readonly [K in SigningEventType]?: { readonly [fromVersion: number]: Upcaster } } = {
  SigningProcessCreated: {
    1: upcaster(signingProcessCreatedV1Schema, signingProcessCreatedV1ToV2),
    2: upcaster(signingProcessCreatedV2Schema, signingProcessCreatedV2ToV3),
  },
  SignatureCodeIssued: { 1: upcaster(signatureCodeIssuedV1Schema, signatureCodeIssuedV1ToV2) },
  InvitationReissued: { 1: upcaster(invitationReissuedV1Schema, invitationReissuedV1ToV2) },
};
