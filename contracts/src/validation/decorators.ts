import { registerDecorator, type ValidationArguments, type ValidationOptions } from 'class-validator';
import { isValidFullName } from './full-name.js';
import { isPlainText, type PlainTextRule } from './plain-text.js';
import { isRussianMobile } from './phone.js';
import { isValidCompanyInn, isValidOgrn, isValidOgrnip, isValidPersonalInn } from './tax-ids.js';
import { isWebOrigin } from './web-origin.js';

/**
 * class-validator decorators over the pure checks, so that the server's DTOs and the Angular forms
 * apply the same rules. The constraint name of each is the stable `code` of a field error.
 */
function rule(
  name: string,
  message: string,
  check: (value: unknown, args: ValidationArguments) => boolean,
  options?: ValidationOptions,
  constraints?: unknown[],
): PropertyDecorator {
  return (target: object, propertyName: string | symbol) =>
    registerDecorator({
      name,
      target: target.constructor,
      propertyName: String(propertyName),
      ...(constraints ? { constraints } : {}),
      options: { message, ...options },
      validator: { validate: check },
    });
}

const signerTypeOf = (args: ValidationArguments): unknown => (args.object as { type?: unknown }).type;

export const IsFullName = (options?: ValidationOptions) =>
  rule(
    'full_name',
    'must be a full name of at least two words, Cyrillic or Latin, at most 300 characters',
    (v) => typeof v === 'string' && isValidFullName(v),
    options,
  );

export const IsRussianMobile = (options?: ValidationOptions) =>
  rule(
    'russian_mobile',
    'must be a Russian mobile number, e.g. +7 900 123-45-67',
    (v) => typeof v === 'string' && isRussianMobile(v),
    options,
  );

export const IsCompanyInn = (options?: ValidationOptions) =>
  rule(
    'company_inn',
    'must be a 10-digit company INN with a valid check digit',
    (v) => typeof v === 'string' && isValidCompanyInn(v),
    options,
  );

export const IsPersonalInn = (options?: ValidationOptions) =>
  rule(
    'personal_inn',
    'must be a 12-digit personal INN with valid check digits',
    (v) => typeof v === 'string' && isValidPersonalInn(v),
    options,
  );

/** The signer's INN: a company's 10 digits for `legal_entity`, a person's 12 digits otherwise. */
export const IsInnOfSignerType = (options?: ValidationOptions) =>
  rule(
    'signer_inn',
    'must be a valid INN: 10 digits (company) for a legal entity, 12 digits (person) otherwise, check digits verified',
    (v, args) => typeof v === 'string' && (signerTypeOf(args) === 'legal_entity' ? isValidCompanyInn(v) : isValidPersonalInn(v)),
    options,
  );

/** OGRN for a legal entity (optional, 13 digits), OGRNIP for a sole proprietor (required, 15 digits). */
export const IsOgrnOfSignerType = (options?: ValidationOptions) =>
  rule(
    'signer_ogrn',
    'must be an OGRN (13 digits) for a legal entity or an OGRNIP (15 digits, required) for a sole proprietor, check digit verified',
    (v, args) => {
      const type = signerTypeOf(args);
      if (v === undefined || v === null) return type !== 'sole_proprietor';
      if (typeof v !== 'string') return false;
      if (type === 'legal_entity') return isValidOgrn(v);
      if (type === 'sole_proprietor') return isValidOgrnip(v);
      return false;
    },
    options,
  );

/** A text field by API.md's rules ("Formats"): trimmed, not empty, at most `maxLength`, no control or bidi characters. */
export const IsPlainText = (text: PlainTextRule, options?: ValidationOptions) =>
  rule(
    'plain_text',
    `must be 1 to ${text.maxLength} characters after trimming, without control characters or bidi overrides`,
    (v) => isPlainText(v, text),
    options,
    [text], // read by the OpenAPI document (command-side/src/openapi/dto-json-schema.ts)
  );

/** An origin (`https://host[:port]`): what `frame-ancestors` and `postMessage` compare with. */
export const IsWebOrigin = (options?: ValidationOptions) =>
  rule('web_origin', 'must be an origin such as https://crm.example.com (no path, no trailing slash)', isWebOrigin, options);
