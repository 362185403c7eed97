import { EMPLOYEE_ROLES, PROCESS_KINDS, PROCESS_STATUSES, SIGNER_TYPES } from '@e-contract/contracts';
import type {
  Actor,
  Branch,
  CabinetDocuments,
  CancelAnswer,
  CommandAnswer,
  CompanyRecord,
  Deal,
  DealIdentification,
  DealPage,
  DealSignature,
  DealTimeline,
  DeclineAnswer,
  DocumentRef,
  EdoAcceptance,
  EdoAcceptanceAnswer,
  EdoAgreement,
  EmployeeUser,
  EvidencePackage,
  HealthReport,
  IdentificationStartedAnswer,
  IntegrationCreatedAnswer,
  IntegrationRow,
  LoginAnswer,
  OutboxMessage,
  ProjectionStatusRow,
  RebuildStarted,
  SignatureAnswer,
  SignatureCodeAnswer,
  SignerDetails,
  SignerSessionAnswer,
  EmbedSessionAnswer,
  EmbedSignerSessionAnswer,
  Stats,
  TrailEntry,
  TrailVerification,
  UploadedDocument,
  WebhookCreatedAnswer,
  WebhookDelivery,
  WebhookDeliveryPage,
  WebhookReplayAnswer,
  WebhookSummary,
} from '@e-contract/contracts';
import type { JsonSchema } from './json-schema.js';

/**
 * JSON Schemas of the answers, one per wire type of contracts/src/wire/*.ts (same names). API.md:
 * "add fields freely, rename none" — so every object lets further properties through and requires
 * the fields the wire type always has. The host's integration kit validates every JSON answer it
 * receives against these (host/src/integration/api-test-kit.ts), which keeps them and the server in step.
 */

const ref = (name: string): JsonSchema => ({ $ref: `#/components/schemas/${name}` });
const string: JsonSchema = { type: 'string' };
const nullableString: JsonSchema = { type: ['string', 'null'] };
/** A personal field: its value, or `{"erased": true}` once the person's data is erased (API.md, "Operations"). */
const erasedValue: JsonSchema = {
  type: 'object',
  required: ['erased'],
  properties: { erased: { const: true } },
  additionalProperties: false,
};
const personal: JsonSchema = { anyOf: [{ type: 'string' }, erasedValue] };
const nullablePersonal: JsonSchema = { anyOf: [{ type: ['string', 'null'] }, erasedValue] };
/** A personal field as stored and hashed: sealed under its person's key. */
const sealedValue: JsonSchema = {
  type: 'object',
  required: ['enc', 'person'],
  properties: { enc: { type: 'string' }, person: { type: 'string' } },
  additionalProperties: false,
};
const storedPersonal: JsonSchema = { anyOf: [{ type: ['string', 'null'] }, sealedValue] };
const integer: JsonSchema = { type: 'integer', minimum: 0 };
const number: JsonSchema = { type: 'number' };
const nullableNumber: JsonSchema = { type: ['number', 'null'] };
const isoTime: JsonSchema = { type: 'string', format: 'date-time', description: 'ISO 8601 UTC with milliseconds' };
const nullableTime: JsonSchema = { type: ['string', 'null'], format: 'date-time' };
const sha256: JsonSchema = { type: 'string', pattern: '^[0-9a-f]{64}$', description: 'SHA-256, 64 lowercase hex characters' };
const position: JsonSchema = ref('LogPosition');
const nullablePosition: JsonSchema = { anyOf: [ref('LogPosition'), { type: 'null' }] };
const arrayOf = (items: JsonSchema): JsonSchema => ({ type: 'array', items });

/** An object that requires `required` (always present) and may have `optional`; further fields allowed. */
function object(required: Record<string, JsonSchema>, optional: Record<string, JsonSchema> = {}, description?: string): JsonSchema {
  return {
    type: 'object',
    ...(description ? { description } : {}),
    properties: { ...required, ...optional },
    ...(Object.keys(required).length > 0 ? { required: Object.keys(required) } : {}),
  };
}

/** The keys a type always has, and those it may have. */
type RequiredKeys<T> = { [K in keyof T]-?: object extends Pick<T, K> ? never : K }[keyof T] & string;
type OptionalKeys<T> = Exclude<keyof T & string, RequiredKeys<T>>;
type Fields<K extends string> = { [P in K]: JsonSchema };

/**
 * The schema of a wire type, its field lists checked by the compiler: `required` must name exactly
 * the fields `T` always has and `optional` exactly those it may have, so a field added to, renamed
 * in or removed from contracts/src/wire is a build error here until the schema follows.
 */
const wire =
  <T>() =>
  (
    required: Fields<RequiredKeys<T>>,
    ...rest: [OptionalKeys<T>] extends [never]
      ? [optional?: Record<string, never>, description?: string]
      : [optional: Fields<OptionalKeys<T>>, description?: string]
  ): JsonSchema =>
    object(required, rest[0] ?? {}, rest[1]);

const commandFields = { processId: string, revision: integer, position };

export const ANSWER_SCHEMAS: Record<string, JsonSchema> = {
  LogPosition: { type: 'string', pattern: '^\\d+$', description: 'a global log position, a decimal string' },
  ProcessStatus: { enum: [...PROCESS_STATUSES] },
  Actor: wire<Actor>()({ id: string, role: string }),

  // wire/auth.ts
  EmployeeUser: wire<EmployeeUser>()({ id: string, name: string, role: { enum: [...EMPLOYEE_ROLES] }, branchId: nullableString }),
  LoginAnswer: wire<LoginAnswer>()({ token: string, user: ref('EmployeeUser') }),
  SignerSessionAnswer: wire<SignerSessionAnswer>()({ token: string, processId: string }),
  EmbedSessionAnswer: wire<EmbedSessionAnswer>()({ embedUrl: { type: 'string', format: 'uri' }, expiresAt: isoTime }),
  EmbedSignerSessionAnswer: wire<EmbedSignerSessionAnswer>()({ token: string, processId: string, origin: nullableString }),

  // wire/commands.ts
  CommandAnswer: wire<CommandAnswer>()(commandFields),
  UploadedDocument: wire<UploadedDocument>()({ documentId: string, sha256, size: integer, fileName: string }),
  IdentificationStartedAnswer: wire<IdentificationStartedAnswer>()({ ...commandFields, requestId: string, redirectUrl: string }),
  EdoAcceptanceAnswer: wire<EdoAcceptanceAnswer>()({ ...commandFields, agreementVersion: string, sha256 }),
  SignatureCodeAnswer: wire<SignatureCodeAnswer>()({
    ...commandFields,
    channel: { const: 'sms' },
    destination: { type: 'string', description: 'the masked phone number' },
    expiresAt: isoTime,
    fingerprint: { type: 'string', pattern: '^[0-9a-f]{8}$' },
  }),
  SignatureAnswer: wire<SignatureAnswer>()({ ...commandFields, status: { const: 'signed' } }),
  DeclineAnswer: wire<DeclineAnswer>()({ ...commandFields, status: { const: 'declined' } }),
  CancelAnswer: wire<CancelAnswer>()({ ...commandFields, status: { const: 'cancelled' } }),

  // wire/deals.ts
  DocumentRef: wire<DocumentRef>()({ documentId: string, title: string, fileName: string, sha256, size: integer }),
  SignerDetails: wire<SignerDetails>()(
    { type: { enum: [...SIGNER_TYPES] }, fullName: personal, inn: personal, phone: personal },
    { ogrn: string, companyName: string, email: personal },
  ),
  DealTimeline: wire<DealTimeline>()({
    created: isoTime,
    invited: nullableTime,
    identificationStarted: nullableTime,
    identified: nullableTime,
    identificationFailed: nullableTime,
    edoAccepted: nullableTime,
    codeSent: nullableTime,
    signed: nullableTime,
    archived: nullableTime,
    declined: nullableTime,
    cancelled: nullableTime,
    expired: nullableTime,
  }),
  DealIdentification: wire<DealIdentification>()({
    provider: nullableString,
    requestId: nullableString,
    failedAttempts: integer,
    attemptsLeft: integer,
    closed: { type: 'boolean' },
    person: { anyOf: [object({ fullName: personal, inn: personal }), { type: 'null' }] },
    lastFailureReason: nullableString,
    lastFailureCheck: nullableString,
  }),
  EdoAcceptance: wire<EdoAcceptance>()(
    { version: string, sha256, acceptedAt: isoTime },
    { reusedFrom: object({ processId: string, revision: integer }) },
  ),
  DealSignature: wire<DealSignature>()({ channel: { const: 'sms' }, destination: personal, codeIssuedAt: isoTime, signedAt: nullableTime }),
  Deal: wire<Deal>()(
    {
      processId: string,
      status: ref('ProcessStatus'),
      kind: { enum: [...PROCESS_KINDS] },
      title: string,
      signer: ref('SignerDetails'),
      manager: object({ id: string, name: string }),
      branchId: string,
      documents: arrayOf(ref('DocumentRef')),
      createdAt: isoTime,
      updatedAt: isoTime,
      expiresAt: isoTime,
      timeline: ref('DealTimeline'),
      identification: ref('DealIdentification'),
      edoAgreement: { anyOf: [ref('EdoAcceptance'), { type: 'null' }] },
      signature: { anyOf: [ref('DealSignature'), { type: 'null' }] },
      archive: { anyOf: [object({ archiveRef: string, archivedAt: isoTime }), { type: 'null' }] },
      endReason: nullableString,
      history: arrayOf(object({ fact: string, at: isoTime, actor: ref('Actor') })),
      linkRequestedAt: nullableTime,
      revision: integer,
      position,
    },
    { externalId: string, branchName: string },
  ),
  DealPage: wire<DealPage>()(
    { items: arrayOf(ref('Deal')), total: integer, page: { type: 'integer', minimum: 1 }, pageSize: integer, position },
    { totalIsEstimate: { const: true } },
  ),

  // wire/branches.ts
  Branch: wire<Branch>()({ branchId: string, name: string }),

  // wire/trail.ts
  TrailEntry: wire<TrailEntry>()(
    {
      streamId: string,
      position,
      revision: integer,
      type: string,
      occurredAt: isoTime,
      actor: ref('Actor'),
      ip: storedPersonal,
      userAgent: storedPersonal,
      correlationId: nullableString,
      causationId: nullableString,
      data: {},
      hash: sha256,
      prevHash: sha256,
    },
    {
      plain: object({ data: {}, ip: nullablePersonal, userAgent: nullablePersonal }),
    },
  ),
  TrailVerification: wire<TrailVerification>()(
    { valid: { type: 'boolean' }, events: integer, head: string },
    { brokenAt: integer, reason: string },
  ),

  // wire/evidence.ts
  EvidencePackage: wire<EvidencePackage>()(
    {
      processId: string,
      generatedAt: isoTime,
      title: nullableString,
      kind: { enum: [...PROCESS_KINDS, null] },
      documents: arrayOf(object({ documentId: string, title: string, fileName: string, sha256, size: integer })),
      signer: object({ type: { enum: [...SIGNER_TYPES] }, fullName: personal, inn: personal }, { companyName: string, ogrn: string }),
      identification: {
        anyOf: [
          object({
            provider: string,
            requestId: string,
            identifiedAt: isoTime,
            result: { const: 'success' },
            person: object({ fullName: personal, inn: personal }),
            checks: arrayOf(object({ check: string, passed: { type: 'boolean' } }, { detail: string })),
          }),
          { type: 'null' },
        ],
      },
      edoAgreement: { anyOf: [ref('EdoAcceptance'), { type: 'null' }] },
      signature: {
        anyOf: [
          object({
            channel: { const: 'sms' },
            destination: personal,
            codeIssuedAt: nullableTime,
            signedAt: isoTime,
            ip: nullablePersonal,
            userAgent: nullablePersonal,
            codeId: string,
          }),
          { type: 'null' },
        ],
      },
      events: arrayOf(ref('TrailEntry')),
      chain: object({ algorithm: { const: 'sha256-jcs' }, head: string, length: integer }),
    },
    {
      erasures: arrayOf(object({ personRef: string, erasedAt: isoTime, erasedBy: string, reason: string })),
    },
  ),

  // wire/cabinet.ts, companies.ts, edo-agreement.ts, stats.ts, health.ts
  CabinetDocuments: wire<CabinetDocuments>()({
    awaiting: arrayOf(ref('Deal')),
    signed: arrayOf(ref('Deal')),
    closed: arrayOf(ref('Deal')),
  }),
  CompanyRecord: wire<CompanyRecord>()({
    inn: string,
    ogrn: string,
    name: string,
    kind: { enum: ['company', 'sole_proprietor'] },
    status: { enum: ['active', 'liquidating', 'liquidated'] },
    director: object({ fullName: string }, { inn: string }),
  }),
  EdoAgreement: wire<EdoAgreement>()({ version: string, sha256, text: string }),
  Stats: wire<Stats>()({
    total: integer,
    byStatus: { type: 'object', propertyNames: ref('ProcessStatus'), additionalProperties: integer },
    timeToSign: object({ median: nullableNumber, p90: nullableNumber, within10MinShare: nullableNumber }),
    byDay: arrayOf(object({ day: string, created: integer, signed: integer })),
    byBranch: arrayOf(object({ branchId: string, created: integer, signed: integer, median: nullableNumber })),
  }),
  HealthReport: wire<HealthReport>()({
    status: { enum: ['ok', 'degraded', 'starting', 'stopping'] },
    eventStore: { enum: ['ok', 'down'] },
    readStore: { enum: ['ok', 'down', null] },
    projections: { anyOf: [object({ position: nullablePosition, lag: number }), { type: 'null' }] },
  }),

  // wire/projections-admin.ts
  ProjectionStatusRow: wire<ProjectionStatusRow>()(
    {
      name: string,
      position: nullablePosition,
      lag: number,
      status: { enum: ['catching_up', 'live', 'retrying', 'rebuilding', 'stopped', 'running', 'idle'] },
    },
    { progress: { type: 'number', minimum: 0, maximum: 1 }, error: string },
  ),
  RebuildStarted: wire<RebuildStarted>()({ name: string, status: { const: 'rebuilding' } }),

  // wire/integrations.ts
  IntegrationRow: wire<IntegrationRow>()({
    integrationId: string,
    name: string,
    branchId: string,
    allowedOrigins: arrayOf(string),
    keyPrefix: string,
    createdAt: isoTime,
    createdBy: object({ id: string, role: string }),
    expiresAt: nullableTime,
    lastUsedAt: nullableTime,
    revokedAt: nullableTime,
    status: { enum: ['active', 'revoked', 'expired'] },
  }),
  IntegrationCreatedAnswer: wire<IntegrationCreatedAnswer>()({
    integrationId: string,
    name: string,
    branchId: string,
    allowedOrigins: arrayOf(string),
    apiKey: { type: 'string', pattern: '^ec_' },
    keyPrefix: string,
    createdAt: isoTime,
    expiresAt: nullableTime,
  }),

  // wire/webhooks.ts
  WebhookCreatedAnswer: wire<WebhookCreatedAnswer>()({
    webhookId: string,
    integrationId: string,
    url: string,
    events: arrayOf(string),
    secret: { type: 'string', pattern: '^whsec_' },
    createdAt: isoTime,
    position,
  }),
  WebhookSummary: wire<WebhookSummary>()({
    webhookId: string,
    integrationId: string,
    branchId: string,
    url: string,
    events: arrayOf(string),
    createdAt: isoTime,
    position: nullablePosition,
    pending: integer,
    failed: integer,
  }),
  WebhookDelivery: wire<WebhookDelivery>()({
    deliveryId: string,
    type: string,
    position,
    previousPosition: nullablePosition,
    status: { enum: ['pending', 'succeeded', 'failed'] },
    attempts: integer,
    lastStatus: { type: ['integer', 'null'] },
    lastAttemptAt: nullableTime,
    nextAttemptAt: nullableTime,
    lastError: nullableString,
    replay: { type: 'boolean' },
    createdAt: isoTime,
  }),
  WebhookDeliveryPage: wire<WebhookDeliveryPage>()({
    items: arrayOf(ref('WebhookDelivery')),
    total: integer,
    page: integer,
    pageSize: integer,
  }),
  WebhookReplayAnswer: wire<WebhookReplayAnswer>()({ webhookId: string, after: position, position }),

  // wire/dev-outbox.ts
  OutboxMessage: wire<OutboxMessage>()(
    { channel: { enum: ['sms', 'email'] }, to: string, kind: string, text: string, sentAt: isoTime },
    {
      subject: string,
      link: string,
      inviteToken: string,
      code: string,
      attachments: arrayOf(object({ fileName: string, contentType: string, size: integer, sha256: string })),
    },
  ),

  // Planned answers (API.md, "After signing, reminders, and many requests at once" and "Operations")
  BatchAccepted: object({ batchId: string, total: integer }),
  BatchStatus: object(
    {
      batchId: string,
      total: integer,
      created: integer,
      failed: arrayOf(
        object(
          { index: integer, errors: arrayOf(ref('FieldError')) },
          {
            status: integer,
            type: string,
            processId: { type: 'string', description: 'for a taken `externalId`: the process that holds it' },
          },
        ),
      ),
      processIds: arrayOf(string),
      done: { type: 'boolean' },
    },
    {
      items: arrayOf(object({ index: integer, processId: string })),
      createdAt: isoTime,
      doneAt: nullableTime,
    },
  ),
  ErasureAnswer: object({
    personRef: string,
    erasedFacts: integer,
    notErasable: arrayOf(object({ streamId: string, revision: integer })),
  }),
};
