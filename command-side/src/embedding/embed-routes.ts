import { Router } from 'express';
import {
  CreateEmbedSessionDto,
  EmbedSignerSessionDto,
  type EmbedSessionAnswer,
  type EmbedSignerSessionAnswer,
} from '@e-contract/contracts';
import { requireRole, type TokenService } from '@e-contract/platform/auth';
import { jsonBody, originOf, unauthorized, validated } from '@e-contract/platform/http';
import { idempotency } from '../http/idempotency.js';
import { callerOf, commandOrigin, ownBranchProcess } from '../signing/route-helpers.js';
import type { SigningDeps } from '../signing/signing-deps.js';
import type { EmbedSessionHandler } from './embed-session-handler.js';

export interface EmbedRoutesDeps extends Pick<SigningDeps, 'handler' | 'idempotency' | 'logger' | 'clock' | 'publicUrl'> {
  embedSessions: EmbedSessionHandler;
  sessions: Pick<TokenService, 'issueSignerToken'>;
}

/**
 * Embedded signing (API.md, "Integrations"): the integration that created a process (or a manager
 * of its branch) asks for a one-time URL to frame; the page at that URL opens the signer's session
 * with its token, once. The page itself, its script and the custom element are the query side's
 * (`/embed/*`), since they are reads.
 */
export function createEmbedRoutes(deps: EmbedRoutesDeps): Router {
  const router = Router();

  router.post(
    '/api/signing-processes/:id/embed-session',
    requireRole('manager', 'integration'),
    ...jsonBody({ limit: '10kb' }),
    idempotency(deps.idempotency, deps.logger, deps.clock),
    async (req, res) => {
      const caller = callerOf(res);
      const processId = String(req.params['id']);
      const { origin } = await validated(CreateEmbedSessionDto.fromPlain(req.body ?? {}));
      const { state } = await deps.handler.load(processId);
      const process = ownBranchProcess(state, caller, processId);
      const { token, session } = await deps.embedSessions.create(process, caller, origin, commandOrigin(req, res));
      const answer: EmbedSessionAnswer = { embedUrl: `${deps.publicUrl}/embed/sign/${token}`, expiresAt: session.expiresAt };
      res.status(201).setHeader('Cache-Control', 'no-store').json(answer);
    },
  );

  // No token: the embed token is the credential. One answer for unknown, used, expired and
  // replaced alike — which one it is helps only a guesser.
  router.post('/api/embed/session', ...jsonBody({ limit: '10kb' }), async (req, res) => {
    const { embedToken } = await validated(EmbedSignerSessionDto.fromPlain(req.body));
    const { ip, userAgent, correlationId } = originOf(req, res);
    const session = await deps.embedSessions.open(embedToken, { ip, userAgent, correlationId, causationId: `request:${correlationId}` });
    if (!session) throw unauthorized('The embed link is not valid any more: ask for a new one');
    const token = await deps.sessions.issueSignerToken({
      processId: session.processId,
      invitationId: session.invitationId,
      embedded: true,
    });
    const answer: EmbedSignerSessionAnswer = { token, processId: session.processId, origin: session.origin };
    res.setHeader('Cache-Control', 'no-store').json(answer);
  });

  return router;
}
