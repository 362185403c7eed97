import { PROCESS_KINDS, PROCESS_STATUSES, SIGNER_TYPES } from '@e-contract/contracts';
import type { JsonSchema } from './json-schema.js';

/**
 * Every operation of API.md, one row each, in API.md's words: the path as Express spells it
 * (`/api/deals/:id`; the document writes `{id}`), who may call it, the body, the answers and the
 * refusals. openapi-document.ts turns the rows into the OpenAPI 3.1 document.
 */

export type Security = 'none' | 'bearer' | 'bearer-or-query' | 'signature';

export interface Answer {
  description: string;
  /** A component name (`Deal`), an inline schema, or a non-JSON media type with its schema. */
  json?: string | JsonSchema;
  media?: Record<string, JsonSchema>;
  headers?: Record<string, string>;
}

export interface Operation {
  method: 'get' | 'post' | 'delete';
  path: string;
  operationId: string;
  tag: string;
  summary: string;
  /** Who may call it (API.md's roles), written into the description. */
  who: string;
  security: Security;
  /** The request body: a component name of a request schema, or other media types. */
  body?: { schema: string; required?: boolean } | { media: Record<string, JsonSchema> };
  query?: Parameter[];
  /** Command headers (`Idempotency-Key`, `If-Match`) or the read-your-writes header (`X-Min-Position`). */
  headers?: ('idempotency' | 'if-match' | 'min-position')[];
  answers: Record<number, Answer>;
  /** Refusals (problem+json), each with what it means here. */
  errors: Record<number, string>;
  /** API.md describes it; no router serves it yet. */
  planned?: boolean;
  /** Served by the embedded default only (no production mode). */
  embeddedOnly?: boolean;
  description?: string;
}

export interface Parameter {
  name: string;
  description: string;
  schema: JsonSchema;
  in?: 'query' | 'header';
}

const string: JsonSchema = { type: 'string' };
const csvOf = (values: readonly string[]): JsonSchema => ({
  type: 'string',
  description: `one or more of ${values.join(', ')}, comma-separated`,
});
const timeOrDate: JsonSchema = { type: 'string', description: 'an ISO 8601 date or time' };
const page: Parameter = { name: 'page', description: 'from 1', schema: { type: 'integer', minimum: 1, default: 1 } };
const pageSize: Parameter = {
  name: 'pageSize',
  description: 'at most 100',
  schema: { type: 'integer', minimum: 1, maximum: 100, default: 20 },
};
const pdf: JsonSchema = { type: 'string', contentMediaType: 'application/pdf' };

// Refusals most operations share, in API.md's words.
const AUTH = { 401: 'no or bad credentials' } as const;
const ROLE = { 403: 'not allowed for this role, branch or signer' } as const;
const JSON_BODY = { 400: 'malformed JSON or failed validation', 413: 'too large', 415: 'not application/json' } as const;
const COMMAND = {
  404: 'unknown process (or one of another branch)',
  409: 'the process is not in a state that allows this step, or a concurrency conflict',
  412: '`If-Match` does not equal the revision of the last event',
  422: 'an `Idempotency-Key` reused with another body',
} as const;
const READ = { 504: '`X-Min-Position` not reached within 5 s' } as const;

const processCommand = (
  step: string,
  operationId: string,
  summary: string,
  options: Partial<Operation> & Pick<Operation, 'answers' | 'who'>,
): Operation => ({
  method: 'post',
  path: `/api/signing-processes/:id/${step}`,
  operationId,
  tag: 'Signing',
  summary,
  security: 'bearer',
  headers: ['idempotency', 'if-match'],
  ...options,
  errors: { ...AUTH, ...ROLE, ...COMMAND, ...(options.errors ?? {}) },
});

export const OPERATIONS: readonly Operation[] = [
  // Health and the API description
  {
    method: 'get',
    path: '/api/health',
    operationId: 'getHealth',
    tag: 'Operations',
    summary: 'Whether the system can serve',
    who: 'anyone',
    security: 'none',
    answers: {
      200: { description: 'the system can serve', json: 'HealthReport' },
      503: { description: 'what is down', json: 'HealthReport' },
    },
    errors: {},
  },
  {
    method: 'get',
    path: '/api/openapi.json',
    operationId: 'getOpenApiDocument',
    tag: 'API description',
    summary: 'This document (OpenAPI 3.1)',
    who: 'anyone',
    security: 'none',
    answers: {
      200: {
        description: 'the OpenAPI 3.1 document',
        json: { type: 'object', properties: { openapi: { const: '3.1.0' }, paths: { type: 'object' } }, required: ['openapi', 'paths'] },
      },
    },
    errors: {},
  },
  {
    method: 'get',
    path: '/api/docs',
    operationId: 'getApiDocsPage',
    tag: 'API description',
    summary: 'A page to read and try this document',
    who: 'anyone',
    security: 'none',
    answers: { 200: { description: 'the page', media: { 'text/html': string } } },
    errors: {},
  },

  // Authentication
  {
    method: 'post',
    path: '/api/auth/login',
    operationId: 'login',
    tag: 'Authentication',
    summary: "An employee's token",
    who: 'anyone (employees)',
    security: 'none',
    body: { schema: 'LoginRequest' },
    answers: { 200: { description: 'the token and the user', json: 'LoginAnswer' } },
    errors: { ...JSON_BODY, 401: 'wrong login or password', 429: 'too many failed logins for this login and IP (10 in 15 minutes)' },
  },
  {
    method: 'post',
    path: '/api/signer/session',
    operationId: 'openSignerSession',
    tag: 'Authentication',
    summary: "The signer's session for the process of an invitation token (60 minutes)",
    who: 'anyone with an invitation token',
    security: 'none',
    body: { schema: 'SignerSessionRequest' },
    answers: { 200: { description: 'the session', json: 'SignerSessionAnswer' } },
    errors: { ...JSON_BODY, 401: 'an unknown, replaced or forged token, or an expired process' },
  },
  {
    method: 'post',
    path: '/api/signer/link-requests',
    operationId: 'requestNewLink',
    tag: 'Authentication',
    summary: 'Ask for a new invitation link (202 whatever the token)',
    who: 'anyone with an invitation token, current or replaced',
    security: 'none',
    body: { schema: 'SignerSessionRequest' },
    answers: { 202: { description: 'accepted (nothing is said about the token)' } },
    errors: { ...JSON_BODY },
  },

  // Documents and signing processes (command side)
  {
    method: 'post',
    path: '/api/documents',
    operationId: 'uploadDocument',
    tag: 'Documents',
    summary: 'Upload a PDF (at most 20 MB)',
    who: 'manager, integration',
    security: 'bearer',
    query: [
      {
        name: 'X-File-Name',
        in: 'header',
        description: 'the file name of an `application/pdf` body, URI-encoded (or `Content-Disposition: attachment; filename*=…`)',
        schema: string,
      },
    ],
    body: {
      media: {
        'application/pdf': pdf,
        'multipart/form-data': { type: 'object', properties: { file: pdf }, required: ['file'] },
      },
    },
    answers: {
      201: { description: 'stored (content-addressed)', json: 'UploadedDocument', headers: { Location: '`/api/documents/<documentId>`' } },
    },
    errors: { ...AUTH, ...ROLE, 400: 'a multipart body without the field `file`', 413: 'over 20 MB', 415: 'not a PDF' },
  },
  {
    method: 'get',
    path: '/api/documents/:documentId',
    operationId: 'getDocument',
    tag: 'Documents',
    summary: "A document's bytes",
    who: 'manager (own branch), auditor, admin, integration (own branch), a signer of a process that holds it',
    security: 'bearer',
    answers: { 200: { description: 'the PDF', media: { 'application/pdf': pdf } } },
    errors: { ...AUTH, ...ROLE, 404: 'unknown document' },
  },
  {
    method: 'post',
    path: '/api/signing-processes',
    operationId: 'createSigningProcess',
    tag: 'Signing',
    summary: 'Create a signing process; the invitation goes out',
    who: 'manager, integration',
    security: 'bearer',
    headers: ['idempotency'],
    body: { schema: 'CreateSigningProcessRequest' },
    answers: {
      201: { description: '`SigningProcessCreated` appended', json: 'CommandAnswer', headers: { Location: '`/api/deals/<processId>`' } },
    },
    errors: {
      ...AUTH,
      ...ROLE,
      ...JSON_BODY,
      409: 'the `processId` or the `externalId` is taken (the body names the existing `processId`)',
      422: 'a domain rule refused it (a company not in the registry, a document unknown), or an `Idempotency-Key` reused with another body',
      503: 'the system cannot store now, or the invitations of earlier requests are still being sent (`creations-paused`: the request waited, then was refused; nothing was created)',
    },
  },
  {
    method: 'post',
    path: '/api/signing-processes/batch',
    operationId: 'createSigningProcessBatch',
    tag: 'Signing',
    summary: 'Create many processes at once (1 to 1,000 items, up to 5 MB)',
    who: 'manager, integration',
    security: 'bearer',
    headers: ['idempotency'],
    body: { schema: 'BatchRequest' },
    answers: {
      202: {
        description: 'accepted; each item is then created as if posted alone — follow it at `/api/batches/<batchId>`',
        json: 'BatchAccepted',
        headers: { Location: '`/api/batches/<batchId>`' },
      },
    },
    errors: { ...AUTH, ...ROLE, ...JSON_BODY, 422: 'an `Idempotency-Key` reused with another body' },
  },
  {
    method: 'get',
    path: '/api/batches/:batchId',
    operationId: 'getBatch',
    tag: 'Signing',
    summary: 'How a batch is going',
    who: 'its creator, admin',
    security: 'bearer',
    answers: { 200: { description: 'the batch', json: 'BatchStatus' } },
    errors: { ...AUTH, ...ROLE, 404: 'unknown batch, or another caller’s' },
  },
  processCommand('invitations', 'reissueInvitation', 'Re-send the invitation with a new token (the old one stops working)', {
    who: 'manager (own branch), integration (own branch)',
    answers: { 202: { description: '`InvitationReissued` appended; the invitation goes out again', json: 'CommandAnswer' } },
  }),
  processCommand('reminders', 'remindSigner', 'Send the signer a reminder by hand', {
    who: 'manager (own branch), integration (own branch)',
    answers: { 202: { description: '`SignerReminded` appended', json: 'CommandAnswer' } },
    errors: { 409: 'the process no longer waits for the signer', 429: 'more than 3 manual reminders in 24 hours' },
  }),
  processCommand('cancel', 'cancelSigningProcess', 'Cancel the process', {
    who: 'manager (own branch), integration (own branch)',
    body: { schema: 'ReasonRequest' },
    answers: { 200: { description: '`SigningCancelled` appended', json: 'CancelAnswer' } },
    errors: { ...JSON_BODY },
  }),
  processCommand('embed-session', 'createEmbedSession', "A one-time URL to sign inside another system's page (an `<iframe>`)", {
    who: 'the integration that created the process, or a manager of its branch',
    headers: ['idempotency'],
    body: { schema: 'CreateEmbedSessionRequest', required: false },
    answers: { 201: { description: 'the URL, valid 10 minutes', json: 'EmbedSessionAnswer' } },
    errors: {
      ...JSON_BODY,
      409: 'the process does not wait for the signer',
      422: "`origin` is not among the integration's `allowedOrigins`",
    },
  }),
  processCommand('identification', 'startIdentification', 'Start identification (Gosuslugi)', {
    who: 'signer (own process)',
    answers: {
      200: { description: '`IdentificationStarted` appended; send the browser to `redirectUrl`', json: 'IdentificationStartedAnswer' },
    },
    errors: { 422: 'the 3 failed tries are used up', 429: 'more than 10 starts an hour for the process' },
  }),
  processCommand('edo-agreement/acceptance', 'acceptEdoAgreement', 'Accept the EDO agreement', {
    who: 'signer (own process)',
    body: { schema: 'AcceptEdoAgreementRequest' },
    answers: { 200: { description: '`EdoAgreementAccepted` appended', json: 'EdoAcceptanceAnswer' } },
    errors: { ...JSON_BODY, 409: 'before identification, or already accepted', 422: 'a version that is not current' },
  }),
  processCommand('signature-code', 'issueSignatureCode', 'Send a one-time code by SMS (a new one voids the previous)', {
    who: 'signer (own process)',
    answers: { 202: { description: '`SignatureCodeIssued` appended; the SMS quotes the fingerprint', json: 'SignatureCodeAnswer' } },
    errors: { 429: 'more than 5 codes an hour for the process' },
  }),
  processCommand('signature', 'signDocuments', 'Sign with the one-time code', {
    who: 'signer (own process)',
    body: { schema: 'SubmitSignatureRequest' },
    answers: { 200: { description: '`DocumentsSigned` appended', json: 'SignatureAnswer' } },
    errors: {
      ...JSON_BODY,
      422: 'a wrong code (`attemptsLeft`), an expired or used-up one (`attemptsLeft: 0, expired: true`), or an `Idempotency-Key` reused',
    },
  }),
  processCommand('decline', 'declineSigning', 'Decline to sign', {
    who: 'signer (own process)',
    body: { schema: 'ReasonRequest' },
    answers: { 200: { description: '`SigningDeclined` appended', json: 'DeclineAnswer' } },
    errors: { ...JSON_BODY },
  }),
  {
    method: 'post',
    path: '/api/identification/callback',
    operationId: 'identificationCallback',
    tag: 'Signing',
    summary: "The identification component's result (signed with `X-Signature`)",
    who: 'the identification component',
    security: 'signature',
    body: { schema: 'IdentificationCallbackRequest' },
    answers: { 204: { description: '`SignerIdentified` or `IdentificationFailed` appended' } },
    errors: {
      400: 'malformed JSON or failed validation',
      401: 'a bad or stale signature',
      404: 'unknown request',
      409: 'a reused `requestId`',
    },
  },
  {
    method: 'post',
    path: '/api/embed/session',
    operationId: 'openEmbedSession',
    tag: 'Authentication',
    summary: "The signer's session an embedded page opens with the token of its URL (once)",
    who: 'anyone with an embed URL',
    security: 'none',
    body: { schema: 'EmbedSignerSessionRequest' },
    answers: { 200: { description: 'the session and the origin the page reports to', json: 'EmbedSignerSessionAnswer' } },
    errors: { ...JSON_BODY, 401: 'the token is unknown, used or expired' },
  },

  // Queries (query side)
  {
    method: 'get',
    path: '/api/deals',
    operationId: 'listDeals',
    tag: 'Deals',
    summary: 'Deals, filtered and paged',
    who: 'manager (own branch), auditor, admin, integration (own branch)',
    security: 'bearer',
    headers: ['min-position'],
    query: [
      { name: 'status', description: 'statuses', schema: csvOf(PROCESS_STATUSES) },
      { name: 'kind', description: 'kinds', schema: csvOf(PROCESS_KINDS) },
      { name: 'signerType', description: 'signer types', schema: csvOf(SIGNER_TYPES) },
      { name: 'branchId', description: 'a branch (managers: their own)', schema: string },
      { name: 'managerId', description: 'who created the process', schema: string },
      { name: 'externalId', description: "the other system's reference", schema: { type: 'string', maxLength: 128 } },
      { name: 'q', description: 'searches title, signer name, company name and INN', schema: { type: 'string', maxLength: 200 } },
      { name: 'createdFrom', description: 'created at or after', schema: timeOrDate },
      { name: 'createdTo', description: 'created at or before', schema: timeOrDate },
      { name: 'sort', description: 'a field name, `-` before it for descending', schema: { type: 'string', default: '-updatedAt' } },
      page,
      pageSize,
    ],
    answers: { 200: { description: 'a page of deals', json: 'DealPage' } },
    errors: { ...AUTH, ...ROLE, 400: 'a bad filter, or `pageSize` over 100', ...READ },
  },
  {
    method: 'get',
    path: '/api/deals/stream',
    operationId: 'streamDeals',
    tag: 'Deals',
    summary: 'Server-sent events: one `deal` event each time a deal changes',
    who: 'manager (own branch), auditor, admin, integration (own branch)',
    security: 'bearer-or-query',
    query: [
      {
        name: 'after',
        description: 'send every change after this log position first',
        schema: { $ref: '#/components/schemas/LogPosition' },
      },
      { name: 'Last-Event-ID', in: 'header', description: 'as `after`', schema: { $ref: '#/components/schemas/LogPosition' } },
      { name: 'status', description: 'as for /api/deals', schema: csvOf(PROCESS_STATUSES) },
      { name: 'kind', description: 'as for /api/deals', schema: csvOf(PROCESS_KINDS) },
      { name: 'signerType', description: 'as for /api/deals', schema: csvOf(SIGNER_TYPES) },
      { name: 'branchId', description: 'as for /api/deals', schema: string },
    ],
    answers: {
      200: {
        description: '`event: deal`, `id:` its position, `data:` the deal; a comment heartbeat every 15 s',
        media: { 'text/event-stream': { type: 'string' } },
      },
    },
    errors: { ...AUTH, ...ROLE, 400: 'a bad filter or position' },
  },
  {
    method: 'get',
    path: '/api/deals/:id',
    operationId: 'getDeal',
    tag: 'Deals',
    summary: 'One deal (with `at`: as it stood then)',
    who: 'manager (own branch), auditor, admin, integration (own branch), that signer (and, after identification, the same person)',
    security: 'bearer',
    headers: ['min-position'],
    query: [
      {
        name: 'at',
        description: 'digits only: a log position; otherwise an ISO 8601 time — the deal after every fact at or before it',
        schema: string,
      },
    ],
    answers: { 200: { description: 'the deal', json: 'Deal' } },
    errors: {
      ...AUTH,
      ...ROLE,
      400: 'a bad `at`',
      404: 'unknown deal (or one of another branch), or it did not exist yet at `at`',
      ...READ,
    },
  },
  {
    method: 'get',
    path: '/api/deals/:id/trail',
    operationId: 'getTrail',
    tag: 'Evidence',
    summary: 'The process stream in revision order, each entry exactly as hashed',
    who: 'auditor, admin',
    security: 'bearer',
    headers: ['min-position'],
    answers: {
      200: {
        description: 'the trail (read recorded as `EvidenceAccessed`)',
        json: { type: 'array', items: { $ref: '#/components/schemas/TrailEntry' } },
      },
    },
    errors: { ...AUTH, ...ROLE, 404: 'unknown deal', ...READ },
  },
  {
    method: 'get',
    path: '/api/deals/:id/trail/verification',
    operationId: 'verifyTrail',
    tag: 'Evidence',
    summary: 'The hash chain recomputed',
    who: 'auditor, admin',
    security: 'bearer',
    headers: ['min-position'],
    answers: { 200: { description: 'the verification', json: 'TrailVerification' } },
    errors: { ...AUTH, ...ROLE, 404: 'unknown deal', ...READ },
  },
  {
    method: 'get',
    path: '/api/deals/:id/evidence',
    operationId: 'getEvidencePackage',
    tag: 'Evidence',
    summary: 'The evidence package (`?format=pdf`: the signing certificate)',
    who: 'auditor, admin',
    security: 'bearer',
    headers: ['min-position'],
    query: [{ name: 'format', description: '`pdf`: the signing certificate as a PDF', schema: { enum: ['json', 'pdf'] } }],
    answers: { 200: { description: 'the package, or the certificate', json: 'EvidencePackage', media: { 'application/pdf': pdf } } },
    errors: { ...AUTH, ...ROLE, 400: 'an unknown `format`', 404: 'unknown deal', ...READ },
  },
  {
    method: 'get',
    path: '/api/deals/:id/signed-copy',
    operationId: 'getSignedCopy',
    tag: 'Evidence',
    summary: 'The documents with a signature stamp on each page, then the certificate',
    who: 'manager (own branch), auditor, admin, integration (own branch), that signer',
    security: 'bearer',
    headers: ['min-position'],
    answers: { 200: { description: 'the stamped copy', media: { 'application/pdf': pdf } } },
    errors: {
      ...AUTH,
      ...ROLE,
      404: 'unknown deal',
      409: 'not signed yet',
      503: 'a signed document cannot be read, or the read cannot be recorded',
      ...READ,
    },
  },
  {
    method: 'get',
    path: '/api/cabinet/documents',
    operationId: 'getCabinet',
    tag: 'Deals',
    summary: "The signer's processes by bucket",
    who: 'signer',
    security: 'bearer',
    headers: ['min-position'],
    answers: { 200: { description: 'awaiting, signed (and archived), closed', json: 'CabinetDocuments' } },
    errors: { ...AUTH, ...ROLE, ...READ },
  },
  {
    method: 'get',
    path: '/api/companies/:inn',
    operationId: 'getCompany',
    tag: 'Registries',
    summary: "The company registry's answer for an INN (form autofill)",
    who: 'manager, integration',
    security: 'bearer',
    answers: { 200: { description: 'the company or sole proprietor', json: 'CompanyRecord' } },
    errors: { ...AUTH, ...ROLE, 400: 'not an INN', 404: 'unknown to the registry', 503: 'the registry cannot answer now' },
  },
  {
    method: 'get',
    path: '/api/edo-agreement',
    operationId: 'getEdoAgreement',
    tag: 'Signing',
    summary: 'The current EDO agreement',
    who: 'any signed-in person (manager, auditor, admin, signer)',
    security: 'bearer',
    answers: { 200: { description: 'its version, hash and text', json: 'EdoAgreement' } },
    errors: { ...AUTH, ...ROLE },
  },
  {
    method: 'get',
    path: '/api/stats',
    operationId: 'getStats',
    tag: 'Deals',
    summary: 'Counts and time to sign',
    who: 'manager (own branch), auditor, admin, integration (own branch)',
    security: 'bearer',
    headers: ['min-position'],
    query: [
      { name: 'from', description: 'created at or after', schema: timeOrDate },
      { name: 'to', description: 'created at or before', schema: timeOrDate },
      { name: 'branchId', description: 'a branch (managers: their own)', schema: string },
    ],
    answers: { 200: { description: 'the statistics (durations in seconds)', json: 'Stats' } },
    errors: { ...AUTH, ...ROLE, 400: 'a bad range', ...READ },
  },
  {
    method: 'get',
    path: '/api/branches',
    operationId: 'listBranches',
    tag: 'Deals',
    summary: 'The branches',
    who: 'any employee, integration',
    security: 'bearer',
    answers: {
      200: {
        description: 'the branches: each code with the name people read (the deals carry it as `branchName`)',
        json: { type: 'array', items: { $ref: '#/components/schemas/Branch' } },
      },
    },
    errors: { ...AUTH, ...ROLE },
  },

  // Operations (admin)
  {
    method: 'get',
    path: '/api/admin/projections',
    operationId: 'listProjections',
    tag: 'Operations',
    summary: "Each read model's checkpoint",
    who: 'admin',
    security: 'bearer',
    answers: {
      200: {
        description: 'the read models and reactors',
        json: { type: 'array', items: { $ref: '#/components/schemas/ProjectionStatusRow' } },
      },
    },
    errors: { ...AUTH, ...ROLE },
  },
  {
    method: 'post',
    path: '/api/admin/projections/:name/rebuild',
    operationId: 'rebuildProjection',
    tag: 'Operations',
    summary: 'Rebuild a read model from the log while serving',
    who: 'admin',
    security: 'bearer',
    answers: { 202: { description: 'started', json: 'RebuildStarted', headers: { Location: '`/api/admin/projections`' } } },
    errors: { ...AUTH, ...ROLE, 404: 'unknown read model', 409: 'already rebuilding, or this process cannot rebuild it' },
  },
  {
    method: 'post',
    path: '/api/admin/persons/erasure',
    operationId: 'erasePerson',
    tag: 'Operations',
    summary: "Erase a person's personal data (their per-person key is destroyed)",
    who: 'admin',
    security: 'bearer',
    body: { schema: 'ErasureRequest' },
    answers: { 202: { description: 'erased (a second erasure changes nothing)', json: 'ErasureAnswer' } },
    errors: { ...AUTH, ...ROLE, ...JSON_BODY, 404: 'unknown person', 409: 'a process is open, or ended within the retention period' },
  },
  {
    method: 'get',
    path: '/metrics',
    operationId: 'getMetrics',
    tag: 'Operations',
    summary: 'Prometheus metrics (loopback, the token or the configured addresses)',
    who: 'loopback, `METRICS_TOKEN`, `METRICS_ALLOW`',
    security: 'none',
    answers: { 200: { description: 'Prometheus text format', media: { 'text/plain': string } } },
    errors: { 403: 'not from an allowed address', 404: 'not served here' },
  },

  // Integrations
  {
    method: 'post',
    path: '/api/admin/integrations',
    operationId: 'createIntegration',
    tag: 'Integrations',
    summary: 'Create an integration and its API key (shown in this answer only)',
    who: 'admin',
    security: 'bearer',
    headers: ['idempotency'],
    body: { schema: 'CreateIntegrationRequest' },
    answers: { 201: { description: 'the integration and its key', json: 'IntegrationCreatedAnswer' } },
    errors: { ...AUTH, ...ROLE, ...JSON_BODY, 422: 'an `Idempotency-Key` reused with another body' },
  },
  {
    method: 'get',
    path: '/api/admin/integrations',
    operationId: 'listIntegrations',
    tag: 'Integrations',
    summary: 'The integrations, without keys',
    who: 'admin',
    security: 'bearer',
    answers: { 200: { description: 'the integrations', json: { type: 'array', items: { $ref: '#/components/schemas/IntegrationRow' } } } },
    errors: { ...AUTH, ...ROLE },
  },
  {
    method: 'delete',
    path: '/api/admin/integrations/:id',
    operationId: 'revokeIntegration',
    tag: 'Integrations',
    summary: 'Revoke an integration: its key stops working at once',
    who: 'admin',
    security: 'bearer',
    answers: { 204: { description: 'revoked' } },
    errors: { ...AUTH, ...ROLE, 400: 'an `Idempotency-Key` (not taken here)', 404: 'unknown integration' },
  },
  {
    method: 'post',
    path: '/api/webhooks',
    operationId: 'createWebhook',
    tag: 'Webhooks',
    summary: 'Create a webhook (Standard Webhooks 1.0); `secret` is shown in this answer only',
    who: 'an integration for itself, or admin with `integrationId`',
    security: 'bearer',
    headers: ['idempotency'],
    body: { schema: 'CreateWebhookRequest' },
    answers: { 201: { description: 'the webhook and its secret', json: 'WebhookCreatedAnswer' } },
    errors: {
      ...AUTH,
      ...ROLE,
      ...JSON_BODY,
      404: 'unknown integration',
      422: 'a URL that is not allowed (not https, or a private address), or an `Idempotency-Key` reused',
    },
  },
  {
    method: 'get',
    path: '/api/webhooks',
    operationId: 'listWebhooks',
    tag: 'Webhooks',
    summary: 'The webhooks (an integration: its own)',
    who: 'admin, integration',
    security: 'bearer',
    headers: ['min-position'],
    query: [{ name: 'integrationId', description: "admin: only this integration's", schema: string }],
    answers: { 200: { description: 'the webhooks', json: { type: 'array', items: { $ref: '#/components/schemas/WebhookSummary' } } } },
    errors: { ...AUTH, ...ROLE, 400: 'a bad parameter', ...READ },
  },
  {
    method: 'delete',
    path: '/api/webhooks/:id',
    operationId: 'deleteWebhook',
    tag: 'Webhooks',
    summary: 'Delete a webhook',
    who: 'admin, the integration that owns it',
    security: 'bearer',
    answers: { 204: { description: 'deleted' } },
    errors: { ...AUTH, ...ROLE, 400: 'an `Idempotency-Key` (not taken here)', 404: 'unknown webhook' },
  },
  {
    method: 'get',
    path: '/api/webhooks/:id/deliveries',
    operationId: 'listWebhookDeliveries',
    tag: 'Webhooks',
    summary: "A webhook's deliveries, newest first",
    who: 'admin, the integration that owns it',
    security: 'bearer',
    headers: ['min-position'],
    query: [page, pageSize],
    answers: { 200: { description: 'a page of deliveries', json: 'WebhookDeliveryPage' } },
    errors: { ...AUTH, ...ROLE, 400: 'a bad page', 404: 'unknown webhook', ...READ },
  },
  {
    method: 'post',
    path: '/api/webhooks/:id/replay',
    operationId: 'replayWebhook',
    tag: 'Webhooks',
    summary: 'Deliver again every matching fact after a position',
    who: 'admin, the integration that owns it',
    security: 'bearer',
    headers: ['idempotency'],
    body: { schema: 'ReplayWebhookRequest' },
    answers: { 202: { description: 'the replay is requested', json: 'WebhookReplayAnswer' } },
    errors: { ...AUTH, ...ROLE, ...JSON_BODY, 404: 'unknown webhook', 422: 'an `Idempotency-Key` reused with another body' },
  },

  // Embedded pages
  {
    method: 'get',
    path: '/embed/sign/:token',
    operationId: 'getEmbedPage',
    tag: 'Integrations',
    summary: 'The embedded signing page of a one-time embed URL (framable by the allowed origins only)',
    who: 'anyone with the URL',
    security: 'none',
    answers: {
      200: { description: 'the page', media: { 'text/html': string } },
      404: { description: 'an unknown token: the page says so, framable by nobody', media: { 'text/html': string } },
    },
    errors: { 503: 'the web app is not built here' },
  },
  {
    method: 'get',
    path: '/embed/identified',
    operationId: 'getEmbedIdentifiedPage',
    tag: 'Integrations',
    summary: 'Where the identification window of an embedded signing ends: it asks to go back to the page and closes itself',
    who: 'anyone',
    security: 'none',
    answers: { 200: { description: 'the page', media: { 'text/html': string } } },
    errors: {},
  },
  {
    method: 'get',
    path: '/embed/e-contract-signing.js',
    operationId: 'getEmbedScript',
    tag: 'Integrations',
    summary: 'The script that defines `<e-contract-signing embed-url="…">`',
    who: 'anyone',
    security: 'none',
    answers: { 200: { description: 'the script', media: { 'text/javascript': string } } },
    errors: {},
  },

  // Sandbox and dev endpoints (embedded default only)
  {
    method: 'get',
    path: '/sandbox/embed-demo',
    operationId: 'getEmbedDemoPage',
    tag: 'Sandbox',
    summary: 'A stand-in "customer cabinet" page with `<e-contract-signing>` framing `?embedUrl=`',
    who: 'anyone',
    security: 'none',
    query: [{ name: 'embedUrl', description: 'the embed URL to frame (the page also has a field for it)', schema: string }],
    answers: { 200: { description: 'the page', media: { 'text/html': string } } },
    errors: {},
    embeddedOnly: true,
  },
  {
    method: 'get',
    path: '/sandbox/esia',
    operationId: 'getSandboxIdentificationPage',
    tag: 'Sandbox',
    summary: 'The simulated Gosuslugi page',
    who: 'anyone',
    security: 'none',
    query: [{ name: 'requestId', description: 'the identification request', schema: string }],
    answers: { 200: { description: 'the page', media: { 'text/html': string } } },
    errors: { 400: 'no `requestId`' },
    embeddedOnly: true,
  },
  {
    method: 'post',
    path: '/sandbox/esia/:requestId/complete',
    operationId: 'completeSandboxIdentification',
    tag: 'Sandbox',
    summary: 'What the simulated page does: sign the result and call the callback',
    who: 'anyone',
    security: 'none',
    body: { schema: 'SandboxCompletionRequest' },
    answers: {
      200: {
        description: 'the callback has been handled',
        json: {
          type: 'object',
          properties: { requestId: string, result: { enum: ['success', 'failure'] }, callbackStatus: { type: 'integer' } },
          required: ['requestId', 'result', 'callbackStatus'],
        },
      },
    },
    errors: { ...JSON_BODY, 401: 'the callback refused the signature', 404: 'unknown request', 409: 'a reused `requestId`' },
    embeddedOnly: true,
  },
  {
    method: 'get',
    path: '/api/dev/outbox',
    operationId: 'getDevOutbox',
    tag: 'Sandbox',
    summary: 'Messages the dev notifier "sent", newest first',
    who: 'anyone',
    security: 'none',
    query: [{ name: 'to', description: 'a normalised phone or an e-mail address', schema: string }],
    answers: { 200: { description: 'the messages', json: { type: 'array', items: { $ref: '#/components/schemas/OutboxMessage' } } } },
    errors: {},
    embeddedOnly: true,
  },
];
