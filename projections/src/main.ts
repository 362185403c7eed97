import { runService } from '@e-contract/platform/config';
import { startProjections } from './projections-service.js';

/** `npm start -w projections`: the read models alone, in a process of their own. */
runService('E-contract projections', (config, logger) => startProjections(config, { logger }));
