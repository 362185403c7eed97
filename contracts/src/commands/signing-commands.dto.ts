import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsBoolean,
  IsEmail,
  IsIn,
  IsISO8601,
  IsObject,
  IsOptional,
  IsString,
  IsUUID,
  Length,
  Matches,
  ValidateNested,
} from 'class-validator';
import { PROCESS_KINDS, SIGNER_TYPES, SIGNING_RULES, type ProcessKind, type SignerType } from '../domain-values.js';
import { SIGNATURE_CODE_PATTERN } from '../validation/signature-code.js';
import {
  IsFullName,
  IsInnOfSignerType,
  IsOgrnOfSignerType,
  IsPersonalInn,
  IsPlainText,
  IsRussianMobile,
} from '../validation/decorators.js';

/**
 * Request bodies of the command API, validated with class-validator on the server and reusable by
 * the Angular forms. `fromPlain` builds an instance (nested objects included) from parsed JSON
 * without trusting its shape: class-validator then reports every bad field.
 */

/** API.md: `externalId` has at most 128 characters (after trimming). */
export const EXTERNAL_ID_MAX_LENGTH = 128;

export const asRecord = (value: unknown): Record<string, unknown> =>
  value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : {};

/** Copies the named keys of a plain object onto a fresh instance (unknown keys are dropped). */
/**
 * The longest texts a request may hold, after trimming (API.md, "Formats"): a name or a title fits
 * a line of a certificate, a reason a paragraph, a company's full registered name a long line.
 */
export const TEXT_LIMITS = { title: 300, fullName: 300, companyName: 500, reason: 2000 } as const;

/** Trims the named text fields that hold strings: what is validated and stored is the trimmed text. */
export function trimText<T extends object>(instance: T, keys: readonly (keyof T & string)[]): T {
  const record = instance as Record<string, unknown>;
  for (const key of keys) if (typeof record[key] === 'string') record[key] = record[key].trim();
  return instance;
}

export function assign<T extends object>(instance: T, plain: unknown, keys: readonly (keyof T & string)[]): T {
  const source = asRecord(plain);
  for (const key of keys) if (key in source) (instance as Record<string, unknown>)[key] = source[key];
  return instance;
}

export class DocumentItemDto {
  @IsUUID('all', { message: 'must be the documentId returned by POST /api/documents' })
  documentId!: string;

  @IsString()
  @IsPlainText({ maxLength: TEXT_LIMITS.title })
  title!: string;

  static fromPlain(plain: unknown): DocumentItemDto {
    return trimText(assign(new DocumentItemDto(), plain, ['documentId', 'title']), ['title']);
  }
}

export class SignerDto {
  @IsIn(SIGNER_TYPES)
  type!: SignerType;

  @IsString()
  @IsFullName()
  fullName!: string;

  @IsString()
  @IsInnOfSignerType()
  inn!: string;

  @IsOgrnOfSignerType()
  ogrn?: string;

  @IsOptional()
  @IsString()
  @IsPlainText({ maxLength: TEXT_LIMITS.companyName })
  companyName?: string;

  @IsString()
  @IsRussianMobile()
  phone!: string;

  @IsOptional()
  @IsEmail()
  @Length(3, 254)
  email?: string;

  static fromPlain(plain: unknown): SignerDto {
    return trimText(assign(new SignerDto(), plain, ['type', 'fullName', 'inn', 'ogrn', 'companyName', 'phone', 'email']), ['companyName']);
  }
}

export class CreateSigningProcessDto {
  @IsOptional()
  @IsUUID('all')
  processId?: string;

  @IsIn(PROCESS_KINDS)
  kind!: ProcessKind;

  @IsString()
  @IsPlainText({ maxLength: TEXT_LIMITS.title })
  title!: string;

  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(20)
  @ValidateNested({ each: true })
  documents!: DocumentItemDto[];

  // A missing signer must be named, not passed over: ValidateNested alone lets `undefined` through.
  @IsObject({ message: 'must be an object: the signer (type, fullName, inn, phone, …)' })
  @ValidateNested()
  signer!: SignerDto;

  @IsOptional()
  @IsISO8601({ strict: true, strictSeparator: true })
  expiresAt?: string;

  /** The other system's reference (API.md, "Integrations"): unique per integration, or per branch for a manager. */
  @IsOptional()
  @IsString()
  @IsPlainText({ maxLength: EXTERNAL_ID_MAX_LENGTH })
  externalId?: string;

  static fromPlain(plain: unknown): CreateSigningProcessDto {
    const dto = trimText(assign(new CreateSigningProcessDto(), plain, ['processId', 'kind', 'title', 'expiresAt', 'externalId']), [
      'title',
    ]);
    const source = asRecord(plain);
    dto.documents = Array.isArray(source['documents'])
      ? source['documents'].map((item) => DocumentItemDto.fromPlain(item))
      : (source['documents'] as DocumentItemDto[]);
    dto.signer = source['signer'] === undefined ? (undefined as unknown as SignerDto) : SignerDto.fromPlain(source['signer']);
    return dto;
  }
}

export class ReasonDto {
  @IsString()
  @IsPlainText({ maxLength: TEXT_LIMITS.reason, allowNewlines: true })
  reason!: string;

  static fromPlain(plain: unknown): ReasonDto {
    return trimText(assign(new ReasonDto(), plain, ['reason']), ['reason']);
  }
}

export class AcceptEdoAgreementDto {
  @IsString()
  @Length(1, 50)
  agreementVersion!: string;

  static fromPlain(plain: unknown): AcceptEdoAgreementDto {
    return assign(new AcceptEdoAgreementDto(), plain, ['agreementVersion']);
  }
}

export class SubmitSignatureDto {
  @IsString()
  @Matches(SIGNATURE_CODE_PATTERN, { message: `must be the ${SIGNING_RULES.codeDigits}-digit code from the SMS` })
  code!: string;

  static fromPlain(plain: unknown): SubmitSignatureDto {
    return assign(new SubmitSignatureDto(), plain, ['code']);
  }
}

export class LoginDto {
  @IsString()
  @Length(1, 100)
  login!: string;

  @IsString()
  @Length(1, 200)
  password!: string;

  static fromPlain(plain: unknown): LoginDto {
    return assign(new LoginDto(), plain, ['login', 'password']);
  }
}

export class SignerSessionDto {
  @IsString()
  @Length(1, 200)
  inviteToken!: string;

  static fromPlain(plain: unknown): SignerSessionDto {
    return assign(new SignerSessionDto(), plain, ['inviteToken']);
  }
}

export class IdentifiedPersonDto {
  @IsString()
  @IsFullName()
  fullName!: string;

  @IsString()
  @Matches(/^\d{12}$/, { message: 'must be a 12-digit personal INN' })
  inn!: string;

  @IsOptional()
  @IsString()
  @Matches(/^\d{3}-?\d{3}-?\d{3}[ -]?\d{2}$/, { message: 'must be a SNILS: 11 digits' })
  snils?: string;

  @IsBoolean()
  confirmed!: boolean;

  static fromPlain(plain: unknown): IdentifiedPersonDto {
    return assign(new IdentifiedPersonDto(), plain, ['fullName', 'inn', 'snils', 'confirmed']);
  }
}

export class IdentificationCallbackDto {
  @IsString()
  @Length(1, 200)
  requestId!: string;

  @IsIn(['success', 'failure'])
  result!: 'success' | 'failure';

  @IsOptional()
  @ValidateNested()
  person?: IdentifiedPersonDto;

  @IsOptional()
  @IsString()
  @Length(1, 500)
  reason?: string;

  static fromPlain(plain: unknown): IdentificationCallbackDto {
    const dto = assign(new IdentificationCallbackDto(), plain, ['requestId', 'result', 'reason']);
    const person = asRecord(plain)['person'];
    if (person !== undefined) dto.person = IdentifiedPersonDto.fromPlain(person);
    return dto;
  }
}

/** `POST /api/admin/persons/erasure` (API.md, "Operations"): whose personal data to erase, and why. */
export class PersonErasureDto {
  @IsString()
  @IsPersonalInn()
  inn!: string;

  @IsString()
  @IsPlainText({ maxLength: TEXT_LIMITS.reason, allowNewlines: true })
  reason!: string;

  static fromPlain(plain: unknown): PersonErasureDto {
    return trimText(assign(new PersonErasureDto(), plain, ['inn', 'reason']), ['reason']);
  }
}
