import { IsOptional, IsString, Length } from 'class-validator';
import { IsWebOrigin } from '../validation/decorators.js';
import { assign } from './signing-commands.dto.js';

/**
 * `POST /api/signing-processes/:id/embed-session` `{origin?}`: the origin the embedded page posts its
 * messages to — one of the integration's `allowedOrigins` (else 422); absent, the first of them.
 */
export class CreateEmbedSessionDto {
  @IsOptional()
  @IsString()
  @IsWebOrigin()
  origin?: string;

  static fromPlain(plain: unknown): CreateEmbedSessionDto {
    return assign(new CreateEmbedSessionDto(), plain, ['origin']);
  }
}

/** `POST /api/embed/session` `{embedToken}`: the token of an `/embed/sign/<token>` URL. */
export class EmbedSignerSessionDto {
  @IsString()
  @Length(1, 200)
  embedToken!: string;

  static fromPlain(plain: unknown): EmbedSignerSessionDto {
    return assign(new EmbedSignerSessionDto(), plain, ['embedToken']);
  }
}
