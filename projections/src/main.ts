import { realpathSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { runService } from '@e-contract/command-side/dist/run-service.js';
import { startProjections } from './projections-service.js';

export { startProjections, loadProjectionsSettings, openEventStore, openReadStore } from './projections-service.js';
export type { ProjectionsDeps, ProjectionsSettings, RunningProjections } from './projections-service.js';

/** Whether this module is the process's entry point (not imported by the all-in-one composition). */
function isEntryPoint(): boolean {
  const entry = process.argv[1];
  if (!entry) return false;
  try {
    return realpathSync(entry) === realpathSync(fileURLToPath(import.meta.url));
  } catch {
    return false;
  }
}

/** `npm start -w projections`: the read models and the reactors in a process of their own. */
if (isEntryPoint()) runService('E-contract projections', (config, logger) => startProjections(config, { logger }));
