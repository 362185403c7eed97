import { ValidationTypes, getMetadataStorage } from 'class-validator';
import type { JsonSchema } from './json-schema.js';

/**
 * The JSON Schema of a request body, read from the class-validator metadata of the DTO the route
 * validates with (contracts/src/commands/*.dto.ts): the document's request schemas are the routes'
 * own rules, not a copy of them. Every constraint is translated so that a body the schema calls
 * invalid is one the DTO refuses too (the schema may be looser, never stricter): text limits that
 * apply after trimming are described, not asserted, and `@IsOptional` fields also take `null`, as
 * class-validator does. A constraint this walk does not know throws, so a new decorator cannot
 * slip into a DTO without the document saying what it means.
 */

type Constructor = abstract new (...args: never[]) => object;

/** What each constraint means for the schema of one property (or, with `each`, of its items). */
interface ConstraintRule {
  schema: (constraints: unknown[]) => JsonSchema;
  /** The constraint lets an absent value through by itself (the signer's `ogrn`). */
  absentAllowed?: boolean;
  /** Applies to the property itself even with `each` (array size). */
  onArray?: boolean;
}

const text = (description: string): JsonSchema => ({ type: 'string', minLength: 1, description });

const RULES: Record<string, ConstraintRule> = {
  isString: { schema: () => ({ type: 'string' }) },
  isBoolean: { schema: () => ({ type: 'boolean' }) },
  isObject: { schema: () => ({ type: 'object' }) },
  isArray: { schema: () => ({ type: 'array' }) },
  isIn: { schema: ([values]) => ({ enum: [...(values as readonly unknown[])] }) },
  isUuid: { schema: () => ({ type: 'string', format: 'uuid' }) },
  isEmail: { schema: () => ({ type: 'string', format: 'email' }) },
  isIso8601: { schema: () => ({ type: 'string', description: 'an ISO 8601 date or time (`2026-12-01T09:00:00.000Z`)' }) },
  isLength: {
    schema: ([min, max]) => ({
      type: 'string',
      ...(typeof min === 'number' ? { minLength: min } : {}),
      ...(typeof max === 'number' ? { maxLength: max } : {}),
    }),
  },
  matches: { schema: ([pattern]) => ({ type: 'string', pattern: pattern instanceof RegExp ? pattern.source : String(pattern) }) },
  arrayMinSize: { schema: ([min]) => ({ type: 'array', minItems: min as number }), onArray: true },
  arrayMaxSize: { schema: ([max]) => ({ type: 'array', maxItems: max as number }), onArray: true },
  // The contracts' own decorators (contracts/src/validation/decorators.ts), by their constraint names.
  full_name: { schema: () => text('a full name: at least two words, Cyrillic or Latin, at most 300 characters') },
  russian_mobile: {
    schema: () => ({
      ...text('a Russian mobile number; spaces, dashes and brackets are accepted, the E.164 form (`+79001234567`) is stored'),
      examples: ['+79001234567', '+7 900 123-45-67'],
    }),
  },
  signer_inn: {
    schema: () => ({
      type: 'string',
      pattern: '^(\\d{10}|\\d{12})$',
      description: 'INN, check digits verified: 10 digits (the company) for a `legal_entity`, 12 digits (the person) otherwise',
    }),
  },
  signer_ogrn: {
    schema: () => ({
      type: 'string',
      pattern: '^(\\d{13}|\\d{15})$',
      description: 'OGRN (13 digits, optional) of a `legal_entity`; OGRNIP (15 digits, required) of a `sole_proprietor`; absent otherwise',
    }),
    absentAllowed: true,
  },
  plain_text: {
    schema: ([rule]) => {
      const { maxLength, allowNewlines } = (rule ?? {}) as { maxLength?: number; allowNewlines?: boolean };
      return {
        ...text(
          `text: trimmed, then 1 to ${maxLength} characters, no control characters${allowNewlines ? ' (newlines allowed)' : ''} or bidi overrides`,
        ),
        'x-maxLengthAfterTrimming': maxLength,
      };
    },
  },
  web_origin: { schema: () => ({ ...text('an origin such as `https://crm.example.com` (no path, no trailing slash)'), format: 'uri' }) },
};

/** Merges two schemas of one value (`allOf` would do, but a flat schema reads better in the docs). */
function merge(into: JsonSchema, add: JsonSchema): JsonSchema {
  const out: JsonSchema = { ...into };
  for (const [key, value] of Object.entries(add)) {
    if (key === 'description' && typeof out['description'] === 'string') out['description'] = `${out['description']}; ${value as string}`;
    else if (key === 'type' && out['type'] !== undefined && out['type'] !== value)
      throw new Error(`conflicting types ${out['type']} and ${value}`);
    else out[key] = value;
  }
  return out;
}

export interface DtoSchemaOptions {
  /** The class of each `@ValidateNested` property (class-validator does not record it). */
  nested?: Record<string, Constructor>;
  /** How a nested class is referred to (`#/components/schemas/<name>`). */
  refOf: (dto: Constructor) => string;
}

/** The JSON Schema of a DTO class, from the decorators on its properties. */
export function dtoJsonSchema(dto: Constructor, options: DtoSchemaOptions): JsonSchema {
  const storage = getMetadataStorage();
  const metadatas = storage.getTargetValidationMetadatas(dto as unknown as new () => object, '', true, false);
  const byProperty = new Map<string, typeof metadatas>();
  for (const metadata of metadatas) byProperty.set(metadata.propertyName, [...(byProperty.get(metadata.propertyName) ?? []), metadata]);

  const properties: Record<string, JsonSchema> = {};
  const required: string[] = [];
  for (const [property, list] of byProperty) {
    let schema: JsonSchema = {};
    let items: JsonSchema | null = null;
    let optional = false;
    for (const metadata of list) {
      if (metadata.type === ValidationTypes.CONDITIONAL_VALIDATION) {
        optional = true;
        continue;
      }
      if (metadata.type === ValidationTypes.NESTED_VALIDATION) {
        const nested = options.nested?.[property];
        if (!nested) throw new Error(`${dto.name}.${property}: @ValidateNested without its class in the document's nested map`);
        const ref = { $ref: options.refOf(nested) };
        if (metadata.each) items = { ...(items ?? {}), ...ref };
        else schema = { ...schema, ...ref };
        continue;
      }
      if (metadata.type !== ValidationTypes.CUSTOM_VALIDATION)
        throw new Error(`${dto.name}.${property}: unknown validation type ${metadata.type}`);
      const name = metadata.name ?? storage.getTargetValidatorConstraints(metadata.constraintCls)[0]?.name;
      const rule = name ? RULES[name] : undefined;
      if (!name || !rule) throw new Error(`${dto.name}.${property}: no JSON Schema for the constraint ${name ?? '(unnamed)'}`);
      if (rule.absentAllowed) optional = true;
      const part = rule.schema(metadata.constraints ?? []);
      if (metadata.each && !rule.onArray) items = merge(items ?? {}, part);
      else schema = merge(schema, part);
    }
    if (items) schema = merge(schema, { type: 'array', items });
    if (schema['$ref'] && Object.keys(schema).length > 1) {
      // A $ref beside other keywords (the signer: @IsObject + @ValidateNested) keeps the reference alone.
      schema = { $ref: schema['$ref'] };
    }
    if (optional) schema = nullable(schema);
    else required.push(property);
    properties[property] = schema;
  }
  return { type: 'object', properties, ...(required.length > 0 ? { required } : {}) };
}

/** `@IsOptional` lets `null` through as well as an absent value. */
function nullable(schema: JsonSchema): JsonSchema {
  if (schema['$ref']) return { anyOf: [schema, { type: 'null' }] };
  if (typeof schema['type'] === 'string') return { ...schema, type: [schema['type'], 'null'] };
  if (Array.isArray(schema['enum'])) return { ...schema, enum: [...(schema['enum'] as unknown[]), null] };
  return schema;
}
