import { randomUUID } from 'node:crypto';
import express, { type Router } from 'express';
import { jsonBody, originOf } from '@e-contract/platform/http';
import { createInviteToken, inviteTokenMatches } from '../auth/invite-token.js';
import { decide } from '../signing/decide.js';
import { decisionContext } from '../signing/decision-context.js';
import type { SigningDeps } from '../signing/signing-deps.js';
import { DomainError } from '../signing/signing-errors.js';
import type { CommandOrigin } from '../signing/command-handler.js';

/**
 * `POST /api/signer/link-requests` `{inviteToken}` → 202, always (API.md, "After signing,
 * reminders…"). No session: the signer holds a link that no longer opens one. The answer says
 * nothing of the token, so it tells a guesser nothing; what happens depends on it:
 * - a replaced link of a process that still waits for the signer: a new invitation to the phone on
 *   file (`InvitationReissued` by `system:notifications`; the invitation reactor sends it and
 *   records `SignerInvited`);
 * - a process that ended unsigned (expired, declined, cancelled, closed): `NewLinkRequested`, which
 *   the manager sees on the board;
 * - an unknown token, the current link, a signed process, a fourth request in 24 hours: nothing.
 */
export function createLinkRequestRoutes(deps: SigningDeps): Router {
  const router = express.Router();
  router.post('/api/signer/link-requests', ...jsonBody({ limit: '10kb' }), async (req, res) => {
    const inviteToken: unknown = (req.body as { inviteToken?: unknown } | undefined)?.inviteToken;
    try {
      await requestNewLink(deps, inviteToken, originOf(req, res));
    } catch (error) {
      // Refused by the rules (the daily limit, an ended step): the answer stays the same.
      if (!(error instanceof DomainError)) throw error;
      deps.logger.info({ refusal: error.code }, 'link request: nothing sent');
    }
    res.status(202).end();
  });
  return router;
}

async function requestNewLink(deps: SigningDeps, inviteToken: unknown, from: ReturnType<typeof originOf>): Promise<void> {
  const processId = await deps.inviteTokens.processOf(inviteToken);
  if (!processId || typeof inviteToken !== 'string') return;
  const { state } = await deps.handler.load(processId);
  if (state.status === 'none') return;
  const linkIsCurrent = inviteTokenMatches(inviteToken, state.invitation.tokenSha256);

  const origin: CommandOrigin = {
    // The holder of a link of this process is its signer; a new invitation itself is the system's (decide.ts).
    actor: { id: `signer:${processId}`, role: 'signer' },
    ip: from.ip,
    userAgent: from.userAgent,
    correlationId: from.correlationId,
    causationId: `request:${from.correlationId}`,
  };
  // Should a new invitation be due, its token (the invitation reactor indexes it before sending).
  const invitationId = randomUUID();
  const { tokenSha256 } = createInviteToken(processId, { invitationId, secret: deps.secrets.inviteTokenSecret });
  const command = { type: 'RequestNewLink' as const, linkIsCurrent, invitation: { invitationId, tokenSha256 } };
  await deps.handler.execute(processId, origin, (current) => decide(command, current, decisionContext(deps)));
}
