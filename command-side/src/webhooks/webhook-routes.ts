import { randomUUID } from 'node:crypto';
import { Router, type Response } from 'express';
import type { WebhookCreatedAnswer, WebhookReplayAnswer } from '@e-contract/contracts';
import { authenticate, newWebhookSecret, requireRole, sealWebhookSecret, type TokenVerifier } from '@e-contract/platform/auth';
import type { EventStore } from '@e-contract/platform/event-store';
import { HttpProblem, forbidden, integrationIdOf, jsonBody, notFound, unprocessable, validationFailed } from '@e-contract/platform/http';
import { webhookUrlRefusal, type OutboundPolicy, type ResolveHost } from '@e-contract/platform/outbound';
import { callerOf, commandOrigin } from '../signing/route-helpers.js';
import type { WebhookCommandHandler } from './webhook-command-handler.js';
import { WebhookRefusal } from './webhook-lifecycle.js';
import { createWebhookRequestOf, replayAfterOf } from './webhook-requests.js';

export interface WebhookRoutesDeps {
  handler: WebhookCommandHandler;
  eventStore: Pick<EventStore, 'headPosition'>;
  tokens: TokenVerifier;
  /** The key secrets are sealed with (`webhookSealKey(secrets)`). */
  sealKey: Buffer;
  /** Production: https and public addresses only; the embedded default also allows loopback. */
  policy: OutboundPolicy;
  /** How URLs' host names are resolved when a webhook is created (default DNS; specs pass their own). */
  resolveHost?: ResolveHost;
}

/**
 * The command side of webhooks (API.md, "Webhooks"): create, delete, ask for a replay — each a fact
 * in `webhook-<id>`. An integration acts on its own webhooks; an admin on any (naming `integrationId`
 * to create one). Reading them (`GET /api/webhooks`, `…/deliveries`) is the query side's.
 */
export function createWebhookRoutes(deps: WebhookRoutesDeps): Router {
  const router = Router();
  router.use('/api/webhooks', authenticate(deps.tokens));
  const asOwner = [requireRole('admin', 'integration'), ...jsonBody()];

  router.post('/api/webhooks', ...asOwner, async (req, res) => {
    const caller = callerOf(res);
    const request = createWebhookRequestOf(req.body);
    const actingFor = integrationIdOf(caller);
    if (actingFor !== null && request.integrationId !== null && request.integrationId !== actingFor) {
      throw forbidden('An integration creates webhooks for itself only');
    }
    const integrationId = actingFor ?? request.integrationId;
    if (integrationId === null) {
      throw validationFailed([{ field: 'integrationId', code: 'isDefined', message: 'an admin names the integration' }]);
    }
    const refusal = await webhookUrlRefusal(request.url, deps.policy, deps.resolveHost);
    if (refusal !== null) {
      throw unprocessable('webhook-url-refused', `url ${refusal}`, { errors: [{ field: 'url', code: 'webhook_url', message: refusal }] });
    }
    const integration = await deps.handler.integration(integrationId);
    const webhookId = randomUUID();
    const secret = newWebhookSecret();
    const startsAfter = await deps.eventStore.headPosition();
    const outcome = await refusalsAsProblems(() =>
      deps.handler.execute(
        webhookId,
        {
          type: 'CreateWebhook',
          webhookId,
          integrationId,
          url: request.url,
          events: request.events,
          secretSealed: sealWebhookSecret(secret, deps.sealKey, webhookId),
          startsAfter,
        },
        { integration, actingFor },
        commandOrigin(req, res),
      ),
    );
    const answer: WebhookCreatedAnswer = {
      webhookId,
      integrationId,
      url: request.url,
      events: request.events,
      secret,
      createdAt: outcome.occurredAt,
      position: outcome.position,
    };
    res.status(201).set('Cache-Control', 'no-store').json(answer);
  });

  router.delete('/api/webhooks/:id', ...asOwner, async (req, res) => {
    const webhookId = webhookIdOf(req.params['id']);
    await refusalsAsProblems(() =>
      deps.handler.execute(
        webhookId,
        { type: 'DeleteWebhook' },
        { integration: null, actingFor: integrationIdOf(callerOf(res)) },
        commandOrigin(req, res),
      ),
    );
    res.status(204).end();
  });

  router.post('/api/webhooks/:id/replay', ...asOwner, async (req, res: Response) => {
    const webhookId = webhookIdOf(req.params['id']);
    const after = replayAfterOf(req.body);
    const outcome = await refusalsAsProblems(() =>
      deps.handler.execute(
        webhookId,
        { type: 'RequestReplay', after },
        { integration: null, actingFor: integrationIdOf(callerOf(res)) },
        commandOrigin(req, res),
      ),
    );
    const answer: WebhookReplayAnswer = { webhookId, after, position: outcome.position };
    res.status(202).json(answer);
  });

  return router;
}

/** Ids are UUIDs, stored lower-case; anything else names no webhook. */
function webhookIdOf(param: unknown): string {
  const id = String(param).toLowerCase();
  if (!/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/.test(id)) throw notFound(`No webhook ${String(param)}`);
  return id;
}

async function refusalsAsProblems<T>(run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (error) {
    if (!(error instanceof WebhookRefusal)) throw error;
    switch (error.code) {
      case 'webhook-not-found':
        throw notFound(error.message);
      case 'unknown-integration':
      case 'integration-revoked':
        throw validationFailed([{ field: 'integrationId', code: error.code, message: error.message }]);
      case 'webhook-exists':
        throw new HttpProblem(409, 'webhook-exists', 'Conflict', error.message);
      default: {
        const unhandled: never = error.code;
        throw unhandled;
      }
    }
  }
}
