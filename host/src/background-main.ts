import { runService } from '@e-contract/platform/config';
import { startBackgroundService } from './background-service.js';

/**
 * The projections and the reactors in a process of their own (the production form; `npm start` runs
 * them in a worker thread), with `/api/health` and `/metrics` on `PORT`.
 */
runService('E-contract background', (config, logger) => startBackgroundService(config, logger));
