import { ArrayMaxSize, IsArray, IsISO8601, IsOptional, IsString, Matches } from 'class-validator';
import { BRANCH_ID_PATTERN } from '../validation/branch-id.js';
import { IsPlainText, IsWebOrigin } from '../validation/decorators.js';
import { asRecord, assign } from './signing-commands.dto.js';

export const MAX_ALLOWED_ORIGINS = 20;

/** `POST /api/admin/integrations` (API.md, "Integrations"): another system gets an API key for one branch. */
export class CreateIntegrationDto {
  @IsString()
  @IsPlainText({ maxLength: 300 })
  name!: string;

  @IsString()
  @Matches(BRANCH_ID_PATTERN, { message: 'must be a branch id: letters, digits, ".", "_", ":" or "-", at most 64' })
  branchId!: string;

  @IsOptional()
  @IsArray()
  @ArrayMaxSize(MAX_ALLOWED_ORIGINS)
  @IsWebOrigin({ each: true })
  allowedOrigins?: string[];

  @IsOptional()
  @IsISO8601({ strict: true, strictSeparator: true })
  expiresAt?: string;

  static fromPlain(plain: unknown): CreateIntegrationDto {
    const dto = assign(new CreateIntegrationDto(), plain, ['name', 'branchId', 'expiresAt']);
    const origins = asRecord(plain)['allowedOrigins'];
    if (origins !== undefined) dto.allowedOrigins = origins as string[];
    return dto;
  }
}
