import { randomUUID } from 'node:crypto';
import { Router, type Request } from 'express';
import { CreateIntegrationDto, isUuid, type IntegrationCreatedAnswer, type IntegrationRow } from '@e-contract/contracts';
import { newApiKey, requireRole } from '@e-contract/platform/auth';
import { badRequest, jsonBody, notFound, validated, validationFailed } from '@e-contract/platform/http';
import { commandOrigin } from '../signing/route-helpers.js';
import type { IntegrationCommandHandler } from './integration-handler.js';

export interface IntegrationRoutesDeps {
  integrations: IntegrationCommandHandler;
  clock: () => Date;
}

/**
 * `POST /api/admin/integrations`, `GET /api/admin/integrations`, `DELETE /api/admin/integrations/:id`
 * (API.md, "Integrations"): admins only; authentication is mounted in front by the composition.
 * Creating and revoking are facts in `integration-<id>` whose actor is the admin. The key is in the
 * creating answer only: it is not stored, and that answer is never cached or kept for a retry.
 */
export function createIntegrationRoutes(deps: IntegrationRoutesDeps): Router {
  const router = Router();
  const asAdmin = [requireRole('admin'), ...jsonBody(), refuseIdempotencyKey];

  router.post('/api/admin/integrations', ...asAdmin, async (req, res) => {
    const dto = await validated(CreateIntegrationDto.fromPlain(req.body));
    const expiresAt = checkedExpiry(dto.expiresAt, deps.clock());
    const integrationId = randomUUID();
    const key = newApiKey(integrationId);
    const allowedOrigins = [...new Set(dto.allowedOrigins ?? [])];
    const integration = {
      integrationId,
      name: dto.name.trim(),
      branchId: dto.branchId,
      allowedOrigins,
      keySha256: key.keySha256,
      keyPrefix: key.keyPrefix,
      expiresAt,
    };
    const outcome = await deps.integrations.execute(integrationId, commandOrigin(req, res), { type: 'CreateIntegration', integration });
    const answer: IntegrationCreatedAnswer = {
      integrationId,
      name: integration.name,
      branchId: integration.branchId,
      allowedOrigins,
      apiKey: key.apiKey,
      keyPrefix: key.keyPrefix,
      createdAt: outcome.occurredAt ?? deps.clock().toISOString(),
      expiresAt,
    };
    res.status(201).set('Cache-Control', 'no-store').json(answer);
  });

  router.get('/api/admin/integrations', requireRole('admin'), async (_req, res) => {
    const rows: IntegrationRow[] = await deps.integrations.list();
    res.set('Cache-Control', 'no-store').json(rows);
  });

  router.delete('/api/admin/integrations/:id', requireRole('admin'), refuseIdempotencyKey, async (req, res) => {
    const integrationId = String(req.params['id']).toLowerCase();
    if (!isUuid(integrationId)) throw notFound(`No integration ${integrationId}`);
    await deps.integrations.execute(integrationId, commandOrigin(req, res), { type: 'RevokeIntegration', integrationId });
    res.status(204).end();
  });

  return router;
}

/**
 * A replayed answer would have to keep the API key; none is kept. A creation retried after a lost
 * answer makes a second integration: the admin revokes the one whose key they never saw.
 */
function refuseIdempotencyKey(req: Request, _res: unknown, next: () => void): void {
  if (req.get('idempotency-key') === undefined) return next();
  throw badRequest('Idempotency-Key is not accepted here: the answer holds the API key, and no copy of it is kept', [
    { field: 'Idempotency-Key', code: 'idempotency_key_not_accepted', message: 'not accepted on this endpoint' },
  ]);
}

function checkedExpiry(expiresAt: string | undefined, now: Date): string | null {
  if (expiresAt === undefined) return null;
  const at = Date.parse(expiresAt);
  if (!(at > now.getTime())) {
    throw validationFailed([{ field: 'expiresAt', code: 'expires_at_future', message: 'must be in the future' }]);
  }
  return new Date(at).toISOString();
}
