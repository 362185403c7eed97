import { SignerSessionDto, toFieldErrors, type SignerSessionAnswer } from '@e-contract/contracts';
import { validate } from 'class-validator';
import express, { type Router } from 'express';
import { jsonBody, unauthorized, validationFailed } from '@e-contract/platform/http';
import type { TokenService } from '@e-contract/platform/auth';

export interface SignerSessionRoutesOptions {
  tokens: Pick<TokenService, 'issueSignerToken'>;
  /**
   * Supplied by the composition: checks the token's SHA-256 against the process's current
   * invitation (see invite-token.ts) and that the process has not expired; null otherwise.
   */
  openSession: (inviteToken: string) => Promise<{ processId: string; invitationId: string } | null>;
}

/**
 * `POST /api/signer/session` `{inviteToken}` → `{token, processId}`: the signer's 60-minute session.
 * No rate limit: an invitation token carries 256 random bits, so guessing is hopeless anyway.
 */
export function createSignerSessionRoutes(options: SignerSessionRoutesOptions): Router {
  const router = express.Router();
  router.post('/api/signer/session', ...jsonBody({ limit: '10kb' }), async (req, res) => {
    const dto = SignerSessionDto.fromPlain(req.body);
    const errors = await validate(dto);
    if (errors.length > 0) throw validationFailed(toFieldErrors(errors));

    const session = await options.openSession(dto.inviteToken);
    // One answer for unknown, replaced, forged and expired: which one it is helps only a guesser.
    if (!session) throw unauthorized('The invitation link is not valid any more');

    // The session names its invitation: re-sending the invitation ends it (withCurrentInvitations).
    const token = await options.tokens.issueSignerToken({ processId: session.processId, invitationId: session.invitationId });
    const answer: SignerSessionAnswer = { token, processId: session.processId };
    res.json(answer);
  });
  return router;
}
