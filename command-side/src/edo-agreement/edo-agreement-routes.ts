import { Router } from 'express';
import type { EdoAgreement } from '@e-contract/contracts';
import type { EdoAgreementCatalog } from './edo-agreement.js';

/**
 * `GET /api/edo-agreement`: the current agreement, the text the signer reads before accepting.
 * Authentication (any signed-in user, signer included) is mounted in front by the composition.
 */
export function createEdoAgreementRoutes(catalog: EdoAgreementCatalog): Router {
  const router = Router();
  router.get('/api/edo-agreement', (_req, res) => {
    const { version, sha256, text } = catalog.current();
    const answer: EdoAgreement = { version, sha256, text };
    // The current version changes with a deployment; a client must not keep showing an old text.
    res.set('Cache-Control', 'private, no-cache');
    res.json(answer);
  });
  return router;
}
