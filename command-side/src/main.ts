import { runService } from '@e-contract/platform/config';
import { startServer } from './server.js';

/** `npm start -w command-side`: the command API alone (as in production, behind a gateway). */
runService('E-contract command side', (config, logger) => startServer(config, logger));
