import { Router } from 'express';
import { badRequest } from '@e-contract/platform/http';
import type { DevOutboxNotifier } from './dev-outbox-notifier.js';

/**
 * `GET /api/dev/outbox?to=`: what the dev notifier "sent", newest first (API.md, "Sandbox and dev
 * endpoints"). No authentication: the composition mounts it only in development mode.
 */
export function createOutboxRoutes(outbox: DevOutboxNotifier): Router {
  const router = Router();
  router.get('/api/dev/outbox', (req, res) => {
    const to = recipientQuery(req.query['to']);
    res.set('Cache-Control', 'no-store');
    res.json(outbox.list(to));
  });
  return router;
}

function recipientQuery(value: unknown): string | undefined {
  if (value === undefined) return undefined;
  if (typeof value !== 'string') {
    throw badRequest('Give at most one "to"', [{ field: 'to', message: 'must be a single phone or e-mail', code: 'isString' }]);
  }
  if (value.trim() === '') return undefined;
  // `?to=+79001234567` written without encoding arrives as " 79001234567": in a query string `+`
  // means a space. Put the plus back before normalising.
  return value.startsWith(' ') ? `+${value.slice(1)}` : value;
}
