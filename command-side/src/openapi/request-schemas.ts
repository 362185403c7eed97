import {
  AcceptEdoAgreementDto,
  CreateEmbedSessionDto,
  CreateIntegrationDto,
  CreateSigningProcessDto,
  EmbedSignerSessionDto,
  DocumentItemDto,
  IdentificationCallbackDto,
  IdentifiedPersonDto,
  LoginDto,
  ReasonDto,
  SignerDto,
  SignerSessionDto,
  SubmitSignatureDto,
} from '@e-contract/contracts';
import { dtoJsonSchema } from './dto-json-schema.js';
import type { JsonSchema } from './json-schema.js';

/**
 * The request bodies. Those a route validates with a DTO of contracts/src/commands are generated
 * from that DTO's class-validator metadata (dto-json-schema.ts); the few bodies a route checks by
 * hand (webhooks) or that no route takes yet (planned) are written here beside the code that checks
 * them, and held to it by the spec cases that send what the document calls invalid.
 */

/** Each DTO a route validates with, by the name of its schema in the document. */
export const REQUEST_DTOS = {
  LoginRequest: LoginDto,
  SignerSessionRequest: SignerSessionDto,
  CreateSigningProcessRequest: CreateSigningProcessDto,
  DocumentItem: DocumentItemDto,
  Signer: SignerDto,
  ReasonRequest: ReasonDto,
  AcceptEdoAgreementRequest: AcceptEdoAgreementDto,
  SubmitSignatureRequest: SubmitSignatureDto,
  IdentificationCallbackRequest: IdentificationCallbackDto,
  IdentifiedPerson: IdentifiedPersonDto,
  CreateIntegrationRequest: CreateIntegrationDto,
  CreateEmbedSessionRequest: CreateEmbedSessionDto,
  EmbedSignerSessionRequest: EmbedSignerSessionDto,
} as const;

/** The classes of `@ValidateNested` properties (class-validator does not record them). */
const NESTED: Record<string, Record<string, (typeof REQUEST_DTOS)[keyof typeof REQUEST_DTOS]>> = {
  CreateSigningProcessRequest: { documents: DocumentItemDto, signer: SignerDto },
  IdentificationCallbackRequest: { person: IdentifiedPersonDto },
};

const schemaNameOf = (dto: unknown): string => {
  const found = Object.entries(REQUEST_DTOS).find(([, candidate]) => candidate === dto);
  if (!found) throw new Error(`no schema name for the nested DTO ${(dto as { name?: string }).name}`);
  return found[0];
};

export function dtoRequestSchemas(): Record<string, JsonSchema> {
  const schemas: Record<string, JsonSchema> = {};
  for (const [name, dto] of Object.entries(REQUEST_DTOS)) {
    schemas[name] = {
      ...dtoJsonSchema(dto, { nested: NESTED[name] ?? {}, refOf: (nested) => `#/components/schemas/${schemaNameOf(nested)}` }),
      'x-dto': dto.name,
    };
  }
  return schemas;
}

/** Bodies checked by hand (command-side/src/webhooks/webhook-requests.ts) or of planned routes. */
export const HAND_WRITTEN_REQUEST_SCHEMAS: Record<string, JsonSchema> = {
  CreateWebhookRequest: {
    type: 'object',
    properties: {
      url: { type: 'string', minLength: 1, format: 'uri', description: 'in production `https:` and not a private address' },
      events: {
        type: 'array',
        minItems: 1,
        items: { type: 'string', pattern: '^(\\*|deal\\.[a-z_]+)$' },
        description: '`deal.<status>` types, or `["*"]` for every type',
      },
      integrationId: { type: ['string', 'null'], description: 'admin only: the integration the webhook is for' },
    },
    required: ['url', 'events'],
  },
  ReplayWebhookRequest: {
    type: 'object',
    properties: {
      after: {
        anyOf: [{ $ref: '#/components/schemas/LogPosition' }, { type: 'integer', minimum: 0 }],
        description: 'a log position (a decimal string; a whole number is taken too)',
      },
    },
    required: ['after'],
  },
  // The sandbox page's body: `person` as the identification callback names it.
  SandboxCompletionRequest: {
    type: 'object',
    properties: { person: { $ref: '#/components/schemas/IdentifiedPerson' } },
    required: ['person'],
  },
  BatchRequest: {
    type: 'object',
    properties: {
      items: {
        type: 'array',
        minItems: 1,
        maxItems: 1000,
        items: { type: 'object', description: 'the body of POST /api/signing-processes, validated as if posted alone' },
      },
    },
    required: ['items'],
  },
  ErasureRequest: {
    type: 'object',
    properties: {
      inn: { type: 'string', pattern: '^\\d{12}$', description: 'the personal INN' },
      reason: { type: 'string', minLength: 1, 'x-maxLengthAfterTrimming': 2000 },
    },
    required: ['inn', 'reason'],
  },
};
