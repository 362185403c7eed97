import { runService } from '@e-contract/platform/config';
import { startBackground } from './background.js';

/** The projections and the reactors in a process of their own (the production form; `npm start` runs them in a worker thread). */
runService('E-contract background', (config, logger) => startBackground(config, { logger }));
