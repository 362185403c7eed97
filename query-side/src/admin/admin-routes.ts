import { Router } from 'express';
import { requireRole } from '@e-contract/platform/auth';
import { conflict, notFound } from '@e-contract/platform/http';
import type { ProjectionStatusRow, RebuildStarted } from '@e-contract/contracts';

/** One row of `GET /api/admin/projections`: the wire type in contracts. */
export type { ProjectionStatusRow } from '@e-contract/contracts';

/**
 * The operations port over the projection runner. `rebuild` starts a rebuild in the background and
 * resolves once it has started; it throws an error named `UnknownProjection` for a name it does not
 * know and `RebuildInProgress` while that read model is already being rebuilt (the runner's errors,
 * matched by name so that this package does not depend on the runner's module).
 */
export interface ProjectionAdmin {
  list(): Promise<ProjectionStatusRow[]>;
  rebuild(name: string): Promise<void>;
}

/** The runner's side as `ProjectionAdmin` (`ProjectionRunner.positions()` and `requestRebuild`). */
export function projectionAdminOf(runner: {
  positions(): Promise<ProjectionStatusRow[]>;
  requestRebuild(name: string): void;
}): ProjectionAdmin {
  return {
    list: () => runner.positions(),
    rebuild: async (name) => runner.requestRebuild(name),
  };
}

export const rebuildInProgress = (name: string) =>
  conflict('rebuild-in-progress', `The read model ${name} is already being rebuilt`, { projection: name });

const errorNamed = (error: unknown, name: string) => error instanceof Error && error.name === name;

/**
 * API.md, "Operations (admin)": `GET /api/admin/projections` → each read model's
 * `{name, position, lag, status}`; `POST /api/admin/projections/:name/rebuild` → 202 once the
 * rebuild has started (the list shows `rebuilding` and its `progress`), 404 for an unknown name,
 * 409 while one is under way. Admin only; authentication is mounted before.
 */
export function createAdminRoutes(admin: ProjectionAdmin): Router {
  const router = Router();
  router.use('/api/admin', requireRole('admin'));

  router.get('/api/admin/projections', async (_req, res) => {
    res.set('Cache-Control', 'no-store').json(await admin.list());
  });

  router.post('/api/admin/projections/:name/rebuild', async (req, res) => {
    const name = String(req.params['name']);
    const row = (await admin.list()).find((candidate) => candidate.name === name);
    if (!row) throw notFound(`No read model is called ${name}`);
    if (row.status === 'rebuilding') throw rebuildInProgress(name);
    try {
      await admin.rebuild(name);
    } catch (error) {
      if (errorNamed(error, 'UnknownProjection')) throw notFound(`No read model is called ${name}`);
      if (errorNamed(error, 'RebuildInProgress')) throw rebuildInProgress(name);
      throw error;
    }
    const answer: RebuildStarted = { name, status: 'rebuilding' };
    res.status(202).location('/api/admin/projections').json(answer);
  });

  return router;
}
