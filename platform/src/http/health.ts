import { Router } from 'express';
import type { HealthReport } from '@e-contract/contracts';

export type HealthCheck = () => Promise<HealthReport>;

/** `GET /api/health`: 200 when the system can serve, 503 with the same shape naming what is down. */
export function createHealthRoutes(check: HealthCheck): Router {
  const router = Router();
  router.get('/api/health', async (_req, res) => {
    const report = await check();
    res
      .status(report.status === 'ok' ? 200 : 503)
      .set('Cache-Control', 'no-store')
      .json(report);
  });
  return router;
}
