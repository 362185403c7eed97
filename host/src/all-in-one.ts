import { runService } from '@e-contract/platform/config';
import { startSystem } from './system.js';

/** `npm start`: the whole system on one port, embedded defaults unless configured otherwise. */
runService('E-contract', (config, logger) => startSystem(config, logger));
