import { Router } from 'express';
import { isValidInn } from '@e-contract/contracts';
import { HttpProblem, notFound, validationFailed } from '@e-contract/platform/http';
import { RegistryUnavailable, type CompanyRecord, type CompanyRegistry } from './company-registry.js';

/**
 * `GET /api/companies/:inn`: the registry's answer for a company or a sole proprietor, for the
 * manager's form autofill. Authentication and the manager role are checked in front of this router.
 */
export function createCompanyRoutes(registry: CompanyRegistry): Router {
  const router = Router();

  router.get('/api/companies/:inn', async (req, res) => {
    const inn = req.params['inn'] ?? '';
    if (!isValidInn(inn)) {
      throw validationFailed([
        { field: 'inn', code: 'inn', message: 'must be a 10-digit company INN or a 12-digit personal INN with valid check digits' },
      ]);
    }
    let record: CompanyRecord | null;
    try {
      record = await registry.findByInn(inn);
    } catch (error: unknown) {
      // An outage is not "unknown company": say so, so that the form lets the manager type instead.
      if (error instanceof RegistryUnavailable) {
        throw new HttpProblem(
          503,
          'registry-unavailable',
          'Service unavailable',
          'The company registry did not answer; try again or fill the form by hand',
        );
      }
      throw error;
    }
    if (!record) throw notFound(`No company or sole proprietor with INN ${inn} in the registry`);
    res.status(200).json(record);
  });

  return router;
}
