import { Router } from 'express';
import { requireRole } from '@e-contract/platform/auth';
import { BRANCH_ROLES } from '@e-contract/platform/http';
import type { Branch } from '@e-contract/contracts';
import type { BranchCatalogue } from './branch-catalogue.js';

/**
 * `GET /api/branches` (API.md): every employee and integrations (their selects and columns name
 * branches); signers hear 403. Authentication is mounted before (query-router.ts).
 */
export function createBranchRoutes(catalogue: BranchCatalogue): Router {
  const router = Router();
  router.get('/api/branches', requireRole(...BRANCH_ROLES, 'auditor', 'admin'), (_req, res) => {
    const answer: Branch[] = catalogue.list();
    res.set('Cache-Control', 'no-store').json(answer);
  });
  return router;
}
